/**
 * `registerProtocolConformance`: the protocol suite as `node:test` tests, one `it` per check, for
 * a server author's own test file. skip -> `t.skip(reason)`; warn -> passes with a diagnostic
 * (fails with `strict: true`); fail -> an AssertionError with what was observed and expected.
 *
 * @example
 * ```ts
 * import { registerProtocolConformance } from 'mcp-tasks/conformance';
 * registerProtocolConformance({ target: { stdio: 'node dist/my-server.js' } });
 * ```
 */
import { AssertionError } from 'node:assert';
import nodeTest from 'node:test';
import { formatResult } from '../core/report.js';
import { PROTOCOL_CHECKS } from './checks/index.js';
import type { Report } from './report.js';
import type { ProtocolConformanceOptions } from './run-options.js';
import { ProtocolRun, selectChecks } from './runner.js';
import { asRunnerChecks, V2026_CHECKS } from './v2026/index.js';

/** The parts of `node:test` the adapter registers with. */
export type ProtocolNodeTestModule = Pick<typeof import('node:test'), 'describe' | 'it' | 'before' | 'after'>;

export interface RegisterProtocolConformanceOptions extends Omit<ProtocolConformanceOptions, 'onResult'> {
  /** The describe() name (default "MCP Tasks protocol conformance"). */
  name?: string;
  /** The node:test module to register with (default: `node:test`). */
  test?: ProtocolNodeTestModule;
  /** Make warnings (SHOULD not met) fail their test too. */
  strict?: boolean;
  /** Receives the full report after the last check. */
  onReport?: (report: Report) => void;
}

export function registerProtocolConformance(options: RegisterProtocolConformanceOptions): void {
  const test = options.test ?? nodeTest;
  let run: ProtocolRun | undefined;
  // A URL may speak both generations: its 2026 checks are registered up front and skip when
  // detection finds no 2026 wire. A stdio server speaks 2025-11-25 only.
  const v2026 = 'url' in options.target ? asRunnerChecks(V2026_CHECKS, () => run?.state2026) : [];
  const checks = selectChecks(options.only, [...PROTOCOL_CHECKS, ...v2026]);
  const perTest = (options.checkTimeoutMs ?? 15_000) + 10_000;
  test.describe(options.name ?? 'MCP Tasks protocol conformance', () => {
    test.before(
      async () => {
        run = await ProtocolRun.open(options);
      },
      { timeout: 60_000 },
    );
    test.after(async () => {
      if (!run) return;
      await run.finish();
      await run.close();
      options.onReport?.(run.report());
    });
    for (const check of checks) {
      test.it(`${check.rule} ${check.level} ${check.id}: ${check.title}`, { timeout: perTest }, async (t) => {
        if (!run) throw new Error('the conformance run did not start (see the before hook)');
        const result = await run.run(check);
        if (result.status === 'skip') return t.skip(result.reason);
        if (result.status === 'inconclusive') return t.todo(`inconclusive: ${result.reason}`);
        if (result.status === 'pass') {
          if (result.note) t.diagnostic(result.note);
          return;
        }
        const text = formatResult(result);
        if (result.status === 'warn' && !options.strict) {
          t.diagnostic(text);
          return;
        }
        throw new AssertionError({ message: text, actual: result.observed, expected: result.expected, operator: result.rule });
      });
    }
  });
}
