/**
 * The protocol conformance suite against the reference server on PostgreSQL (a real server
 * started by this test, ../postgres/embedded.ts) and on PGlite (embedded, a fresh data
 * directory), over --url with two owners and the known limits. No MUST or SHOULD check may
 * fail; the R29 warning is the same known one as on the memory store.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { formatReport, runProtocolConformance } from '../../conformance/index.js';
import { startPostgres, type Postgres } from '../postgres/harness.js';
import { LIMITS, spawnReferenceHttp, tempDirWithTokens, TOKEN_A, TOKEN_B, type SpawnedServer } from './helpers.js';

const KNOWN_URL_WARNINGS = new Set(['poll.no-sse-for-get']);

async function passesEveryCheck(url: string): Promise<void> {
  const report = await runProtocolConformance({ target: { url }, authA: TOKEN_A, authB: TOKEN_B, ...LIMITS });
  const problems = report.results.filter((r) => r.status === 'fail' || (r.status === 'warn' && !KNOWN_URL_WARNINGS.has(r.id)));
  assert.deepEqual(
    problems.map((r) => `${r.status} ${r.rule} ${r.id}: ${r.observed}`),
    [],
    formatReport(report),
  );
  assert.equal(report.mustFailed, 0);
  assert.equal(report.identities, 2);
}

describe('reference server with --store postgres and --store pglite over --url with two owners', { concurrency: true }, () => {
  let postgres: Postgres;
  const servers: SpawnedServer[] = [];
  let dir: string;
  let tokens: string;

  before(async () => {
    ({ dir, tokens } = tempDirWithTokens());
    postgres = await startPostgres();
  });

  after(async () => {
    await Promise.allSettled(servers.map((s) => s.stop()));
    await postgres?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('postgres: passes every MUST and SHOULD check', { timeout: 180_000 }, async () => {
    const args = [
      '--store',
      'postgres',
      '--database-url',
      postgres.url,
      '--schema',
      `conformance_${process.pid}`,
      '--create-table',
      '--cursor-secret',
      'conformance',
      '--lease-ms',
      '3000',
    ];
    const server = await spawnReferenceHttp(tokens, 20_000, args);
    servers.push(server);
    await passesEveryCheck(server.url);
  });

  it('pglite: passes every MUST and SHOULD check', { timeout: 180_000 }, async () => {
    const server = await spawnReferenceHttp(tokens, 30_000, ['--store', 'pglite', '--data-dir', join(dir, 'pglite'), '--lease-ms', '3000']);
    servers.push(server);
    await passesEveryCheck(server.url);
  });
});
