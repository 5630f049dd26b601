/**
 * limit.rate against the reference server over HTTP (in-process, its plain-HTTP flood on A's
 * session): the engine's rate limit refuses with JSON-RPC -32000 (pass), the per-client POST
 * limit with HTTP 429 (pass), and a server without a rate limit warns (R81 is a SHOULD). A low
 * declared rate (20 per second, a burst of 40) keeps the verdicts clear on a busy machine.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runProtocolConformance } from '../../conformance/index.js';
import { startHttpServer, type HttpServerOptions } from '../../reference-server/http.js';
import { tokenTable } from '../../reference-server/tokens.js';

const RATE = 20;

async function limitRate(server: HttpServerOptions, rateLimit: number | null = RATE) {
  const handle = await startHttpServer({
    port: 0,
    host: '127.0.0.1',
    tokens: tokenTable({ 'rate-a': 'alice', 'rate-b': 'bob' }),
    logger: () => {},
    ...server,
  });
  try {
    const report = await runProtocolConformance({
      target: { url: handle.url },
      authA: 'rate-a',
      authB: 'rate-b',
      ...(rateLimit !== null && { rateLimit }),
      only: ['limit.rate'],
    });
    const result = report.results.find((r) => r.id === 'limit.rate');
    assert.ok(result, 'limit.rate ran');
    return result;
  } finally {
    await handle.close();
  }
}

describe('limit.rate over HTTP', { timeout: 120_000 }, () => {
  it('passes when the engine refuses past the declared rate (JSON-RPC -32000 RATE_LIMITED)', async () => {
    const result = await limitRate({ rateLimit: RATE });
    assert.equal(result.status, 'pass', JSON.stringify(result));
    assert.match(result.note ?? '', /error -32000 .*RATE_LIMITED.*4000 ms budget/);
  });

  it('passes when the HTTP layer refuses with 429', async () => {
    const result = await limitRate({ rateLimit: 0, requestsPerSecond: RATE });
    assert.equal(result.status, 'pass', JSON.stringify(result));
    assert.match(result.note ?? '', /HTTP 429/);
  });

  it('warns when nothing limits the requestor', async () => {
    const result = await limitRate({ rateLimit: 0 });
    assert.equal(result.status, 'warn', JSON.stringify(result));
    assert.match(result.observed ?? '', /none refused.*4000 ms budget, 32 tasks\/get in flight over plain HTTP/);
  });

  it('skips when the kit is not told the rate', async () => {
    const result = await limitRate({ rateLimit: 0 }, null);
    assert.equal(result.status, 'skip', JSON.stringify(result));
  });
});
