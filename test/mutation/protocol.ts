/**
 * The protocol half of the mutation catalogue: each defect of protocol-*-defects.ts is planted
 * in a fresh in-process reference server (HTTP, two owners by bearer token), the checks the
 * defect names (plus a few cheap whole-run checks) run against it, and the result records which
 * checks failed (caughtBy) or warned (warnedBy). `npm run mutation` prints the kill ratio.
 */
import { runProtocolConformance } from '../../conformance/index.js';
import { startHttpServer } from '../../reference-server/http.js';
import { tokenTable } from '../../reference-server/tokens.js';
import { TASKS_2026_DEFECTS } from './protocol-2026-defects.js';
import { MORE_DEFECTS } from './protocol-more-defects.js';
import { STORE_DEFECTS } from './protocol-store-defects.js';
import {
  CAPABILITY_AND_SUPPORT_DEFECTS,
  CREATION_AND_RESULT_DEFECTS,
  ERROR_AND_NOTIFICATION_DEFECTS,
  PROGRESS_DEFECTS,
} from './protocol-wire-defects.js';
import type { DefectSeam, ProtocolDefect } from './protocol-wire.js';

export type { ProtocolDefect } from './protocol-wire.js';

export interface MutantResult {
  id: string;
  area: string;
  description: string;
  level: 'MUST' | 'SHOULD';
  expected: string[];
  caughtBy: string[];
  warnedBy: string[];
  killed: boolean;
}

export const PROTOCOL_DEFECTS: readonly ProtocolDefect[] = Object.freeze([
  ...STORE_DEFECTS,
  ...CAPABILITY_AND_SUPPORT_DEFECTS,
  ...CREATION_AND_RESULT_DEFECTS,
  ...ERROR_AND_NOTIFICATION_DEFECTS,
  ...PROGRESS_DEFECTS,
  ...MORE_DEFECTS,
  ...TASKS_2026_DEFECTS,
]);

/** Whole-run checks that cost nothing and run after the named ones. */
const CHEAP_CHECKS = ['poll.valid-transitions', 'ts.created-at', 'ts.last-updated-at', 'ttl.in-every-task'];
const TOKEN_A = 'mutation-token-a';
const TOKEN_B = 'mutation-token-b';
const LIMITS = { maxTasksPerOwner: 5, maxTtlMs: 60_000 };
/** Small pages and a short poll interval keep each mutant's run short. */
const SECURITY = { maxActiveTasksPerOwner: LIMITS.maxTasksPerOwner, maxTtlMs: LIMITS.maxTtlMs, defaultPageSize: 5, pollIntervalMs: 100 };

/** Run `only` against the reference server with `seam` planted (none: the healthy server). */
export async function runAgainstReference(seam: DefectSeam | undefined, only: string[], maxTtlMs: number = LIMITS.maxTtlMs) {
  const server = await startHttpServer({
    port: 0,
    host: '127.0.0.1',
    tokens: tokenTable({ [TOKEN_A]: 'alice', [TOKEN_B]: 'bob' }),
    security: { ...SECURITY, maxTtlMs },
    logger: () => {},
    ...(seam && { seam }),
  });
  seam?.started?.(() => server.close());
  try {
    return await runProtocolConformance({
      target: { url: server.url },
      authA: TOKEN_A,
      authB: TOKEN_B,
      ...LIMITS,
      maxTtlMs,
      paginationTasks: 12,
      checkTimeoutMs: 10_000,
      only,
    });
  } finally {
    await server.close();
  }
}

/** Plant one defect and record which checks noticed. */
export async function runMutant(defect: ProtocolDefect): Promise<MutantResult> {
  const only = [...new Set([...(defect.setup ?? []), ...defect.expected, ...CHEAP_CHECKS])];
  const report = await runAgainstReference(defect.seam(), only, defect.maxTtlMs);
  const caughtBy = report.results.filter((r) => r.status === 'fail').map((r) => r.id);
  const warnedBy = report.results.filter((r) => r.status === 'warn').map((r) => r.id);
  const killed = caughtBy.length > 0 || (defect.level === 'SHOULD' && warnedBy.length > 0);
  const { id, area, description, level, expected } = defect;
  return { id, area, description, level, expected, caughtBy, warnedBy, killed };
}

/**
 * The control: every check the catalogue names, run once on the healthy server. A kill means
 * something only if these pass there; returns the ones that failed or warned (R29 aside: the
 * SDK's HTTP transport answers every POST on SSE, see test/conformance/reference.test.ts).
 */
export async function runProtocolControl(): Promise<string[]> {
  const only = [...new Set(PROTOCOL_DEFECTS.flatMap((d) => [...(d.setup ?? []), ...d.expected]).concat(CHEAP_CHECKS))];
  const report = await runAgainstReference(undefined, only);
  return report.results
    .filter((r) => r.status === 'fail' || (r.status === 'warn' && r.id !== 'poll.no-sse-for-get'))
    .map((r) => `${r.status} ${r.id}: ${r.observed ?? ''}`);
}

/** Run every defect (or those in `ids`), `concurrency` at a time, in catalogue order. */
export async function runProtocolMutants(
  options: { ids?: readonly string[]; concurrency?: number; onResult?: (r: MutantResult) => void } = {},
): Promise<{ suite: 'protocol'; results: MutantResult[] }> {
  const defects = options.ids ? PROTOCOL_DEFECTS.filter((d) => options.ids!.includes(d.id)) : [...PROTOCOL_DEFECTS];
  const results: MutantResult[] = new Array(defects.length);
  let next = 0;
  const worker = async () => {
    while (next < defects.length) {
      const index = next++;
      results[index] = await runMutant(defects[index]!);
      options.onResult?.(results[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 2) }, worker));
  return { suite: 'protocol', results };
}
