/**
 * `HttpObserver` on a real node:http server: a span and an operation duration per JSON-RPC request
 * (its session and protocol headers, the JSON-RPC error code found in a JSON or SSE response),
 * none for a notification, and HTTP error statuses counted as refusals.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { TextMetrics } from '../../src/index.js';
import { HttpObserver } from '../../src/monitor/index.js';
import { errorCodeIn } from '../../src/monitor/http-requests.js';
import { openTelemetryTracing } from '../../src/observe/opentelemetry.js';

describe('HttpObserver', () => {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const metrics = new TextMetrics();
  const observer = new HttpObserver({ metrics, tracing: openTelemetryTracing({ tracer: provider.getTracer('test') }) });
  let server: Server;
  let url: string;

  before(async () => {
    server = createServer((req, res) => {
      observer.exchange(req, res);
      if (req.headers.authorization !== 'Bearer ok') {
        res.writeHead(401).end();
        return;
      }
      let text = '';
      req.on('data', (c: Buffer) => (text += c.toString('utf8')));
      req.on('end', () => {
        const body = JSON.parse(text) as { id?: number; method: string };
        observer.request(req, res, body, () => {
          if (body.id === undefined) return void res.writeHead(202).end();
          if (body.method === 'sse') {
            res.writeHead(200, { 'content-type': 'text/event-stream' });
            res.write(`event: message\ndata: ${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/progress', params: {} })}\n\n`);
            setTimeout(
              () =>
                res.end(
                  `event: message\ndata: ${JSON.stringify({ jsonrpc: '2.0', id: body.id, error: { code: -32602, message: 'bad' } })}\n\n`,
                ),
              5,
            );
            return;
          }
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ jsonrpc: '2.0', id: body.id, result: {} }));
        });
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const post = (body: unknown, headers: Record<string, string> = { authorization: 'Bearer ok' }) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) }).then((r) =>
      r.text().then(() => r.status),
    );

  it('a span per JSON-RPC request, with the error code of its SSE response; none for a notification; 401 counted', async () => {
    assert.equal(
      await post(
        { jsonrpc: '2.0', id: 1, method: 'sse', params: {} },
        { authorization: 'Bearer ok', 'mcp-session-id': 's-1', 'mcp-protocol-version': '2025-11-25' },
      ),
      200,
    );
    assert.equal(await post({ jsonrpc: '2.0', id: 2, method: 'tools/list' }), 200);
    assert.equal(await post({ jsonrpc: '2.0', method: 'notifications/initialized' }), 202);
    assert.equal(await post({ jsonrpc: '2.0', id: 3, method: 'tools/list' }, {}), 401);
    // The span ends on the response's close, which the client may see first.
    for (let i = 0; i < 100 && exporter.getFinishedSpans().length < 2; i++) await new Promise((r) => setTimeout(r, 10));
    const spans = exporter.getFinishedSpans();
    assert.deepEqual(spans.map((s) => s.name).sort(), ['sse', 'tools/list']);
    const sse = spans.find((s) => s.name === 'sse')!;
    assert.equal(sse.attributes['mcp.session.id'], 's-1');
    assert.equal(sse.attributes['mcp.protocol.version'], '2025-11-25');
    assert.equal(sse.attributes['error.type'], '-32602');
    assert.equal(spans.find((s) => s.name === 'tools/list')!.attributes['error.type'], undefined);
    assert.equal(metrics.value('mcp_server_operation_duration_seconds', { mcp_method_name: 'sse', error_type: '-32602' }), 1);
    assert.equal(metrics.value('mcp_server_operation_duration_seconds', { mcp_method_name: 'tools/list', error_type: '' }), 1);
    assert.equal(metrics.value('mcp_tasks_http_refusals_total', { status: '401' }), 1);
  });

  it('finds the error code of the response to its own id only, in JSON, a batch or SSE', () => {
    assert.equal(errorCodeIn('{"jsonrpc":"2.0","id":4,"error":{"code":-32601,"message":"x"}}', 4), '-32601');
    assert.equal(errorCodeIn('{"jsonrpc":"2.0","id":5,"error":{"code":-32601,"message":"x"}}', 4), undefined);
    assert.equal(errorCodeIn('[{"jsonrpc":"2.0","id":"a","result":{}}]', 'a'), undefined);
    assert.equal(errorCodeIn('event: message\ndata: {"jsonrpc":"2.0","id":"a","error":{"code":-32001}}\n\n', 'a'), '-32001');
    assert.equal(errorCodeIn('data: not json\n', 'a'), undefined);
  });
});
