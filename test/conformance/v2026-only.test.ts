/**
 * A server that speaks only the 2026-07-28 wire (its 2025 `initialize` is refused): the kit finds
 * one generation, runs the 2026 checks only, and fails nothing for the missing 2025 side.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { formatReport, runProtocolConformance, V2026_CHECKS } from '../../conformance/index.js';
import { FIXTURES_2026 } from '../../src/fixtures/v2026.js';
import { ModernLeg } from '../../src/http/modern.js';
import { writeResponse } from '../../src/http/node.js';
import { InMemoryTaskStore, TaskEngine } from '../../src/index.js';

describe('a 2026-only server (2025 initialize refused)', () => {
  let http: Server;
  let leg: ModernLeg;
  let url: string;
  before(async () => {
    const engine = new TaskEngine({ store: new InMemoryTaskStore({ security: { allowAnonymous: true } }) });
    leg = new ModernLeg({ engine, tools: FIXTURES_2026, serverInfo: { name: 'only-2026', version: '1' } });
    http = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        void (async () => {
          const body: unknown = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined;
          const headers = new Headers(
            Object.entries(req.headers).flatMap(([name, value]) =>
              value === undefined ? [] : [[name, String(value)] as [string, string]],
            ),
          );
          const request = new Request(new URL(req.url ?? '/', 'http://localhost'), { method: req.method ?? 'GET', headers });
          if (!(await leg.claims(request, body)))
            return void res
              .writeHead(400, { 'content-type': 'application/json' })
              .end(JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: -32600, message: 'this server speaks 2026-07-28 only' } }));
          await writeResponse(res, await leg.serve(request, body, undefined));
        })();
      });
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/mcp`;
  });
  after(async () => {
    await leg?.close();
    http?.close();
  });

  it('is reported as 2026-07-28 only, with no failure and no 2025 check', async () => {
    const report = await runProtocolConformance({ target: { url } });
    assert.deepEqual(report.generations, ['2026-07-28'], formatReport(report));
    assert.equal(report.mustFailed, 0, formatReport(report));
    assert.ok(
      report.results.every((r) => r.area === 'tasks-2026'),
      formatReport(report),
    );
    assert.equal(report.results.length, V2026_CHECKS.length);
  });
});
