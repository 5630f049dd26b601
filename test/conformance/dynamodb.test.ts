/**
 * The protocol conformance suite against the reference server on the DynamoDB store (dynalite,
 * started in this process), over --url with two owners and the known limits. No MUST or SHOULD
 * check may fail; the R29 warning is the same known one as on the memory store.
 */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { formatReport, runProtocolConformance } from '../../conformance/index.js';
import { startDynamo, type Dynamo } from '../dynamodb/harness.js';
import { LIMITS, spawnReferenceHttp, tempDirWithTokens, TOKEN_A, TOKEN_B, type SpawnedServer } from './helpers.js';

const KNOWN_URL_WARNINGS = new Set(['poll.no-sse-for-get']);

describe('reference server with --store dynamodb over --url with two owners', () => {
  let dynamo: Dynamo;
  let server: SpawnedServer;
  let dir: string;

  before(async () => {
    dynamo = await startDynamo();
    const table = `conformance-${process.pid}-${Date.now()}`;
    let tokens: string;
    ({ dir, tokens } = tempDirWithTokens());
    const args = [
      '--store',
      'dynamodb',
      '--table',
      table,
      '--dynamodb-endpoint',
      dynamo.endpoint,
      '--create-table',
      '--cursor-secret',
      'conformance',
      '--lease-ms',
      '3000',
    ];
    server = await spawnReferenceHttp(tokens, 20_000, args);
  });

  after(async () => {
    await server?.stop();
    await dynamo?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('passes every MUST and SHOULD check', { timeout: 180_000 }, async () => {
    const report = await runProtocolConformance({ target: { url: server.url }, authA: TOKEN_A, authB: TOKEN_B, ...LIMITS });
    const text = formatReport(report);
    const problems = report.results.filter((r) => r.status === 'fail' || (r.status === 'warn' && !KNOWN_URL_WARNINGS.has(r.id)));
    assert.deepEqual(
      problems.map((r) => `${r.status} ${r.rule} ${r.id}: ${r.observed}`),
      [],
      text,
    );
    assert.equal(report.mustFailed, 0);
    assert.equal(report.identities, 2);
  });
});
