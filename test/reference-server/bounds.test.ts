/**
 * Hostile clients against the reference server's HTTP layer (issue "Bounded resources"): refused
 * bodies are not drained, bodies in flight are budgeted, sessions are capped, rate-limited and
 * expire when idle. Hang guards (`within`) bound each wait; no assertion is about time.
 */
import assert from 'node:assert/strict';
import { connect as netConnect, type Socket } from 'node:net';
import { PassThrough } from 'node:stream';
import type { IncomingMessage } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { BodyBudget, jsonDepth, MAX_BODY_BYTES } from '../../src/http/body.js';
import { readBody } from '../../src/http/node-body.js';
import { startHttpServer, type HttpServerHandle } from '../../reference-server/http.js';
import { SessionRegistry } from '../../src/http/sessions.js';
import { tokenTable } from '../../reference-server/tokens.js';
import { within } from './helpers.js';

const T = { timeout: 30_000 };

/** Send raw bytes; resolve with what the server answered once it closed the connection. */
function rawExchange(port: number, head: string, feed: (socket: Socket) => void): Promise<{ answer: string; closedByServer: boolean }> {
  return new Promise((resolve, reject) => {
    const socket = netConnect(port, '127.0.0.1');
    let answer = '';
    let stopFeeding = false;
    socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
    socket.on('error', () => {}); // EPIPE/ECONNRESET once the server closes: expected
    socket.on('close', () => {
      stopFeeding = true;
      resolve({ answer, closedByServer: true });
    });
    socket.on('connect', () => {
      socket.write(head);
      const pump = (): void => {
        if (stopFeeding || socket.destroyed) return;
        feed(socket);
        setTimeout(pump, 5);
      };
      pump();
    });
    setTimeout(() => reject(new Error('the server kept the connection open')), 20_000).unref();
  });
}

describe('HTTP bounds of the reference server', () => {
  let server: HttpServerHandle;
  before(async () => {
    server = await startHttpServer({
      port: 0,
      tokens: tokenTable({ 'token-a': 'alice' }),
      logger: () => {},
      sessions: { maxSessionsPerOwner: 2, initializePerSecond: 100 },
    });
  });
  after(() => server?.close());

  const port = () => server.port;
  const chunk = Buffer.alloc(64 * 1024, 'a');

  it('413 for a declared 10 GB body, then the connection is closed, not drained', T, async () => {
    const head = `POST /mcp HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer token-a\r\nContent-Type: application/json\r\nContent-Length: 10000000000\r\n\r\n`;
    const { answer, closedByServer } = await within(
      rawExchange(port(), head, (s) => s.write(chunk)),
      25_000,
      '413 + close',
    );
    assert.match(answer, /^HTTP\/1\.1 413/);
    assert.ok(closedByServer);
  });

  it('401 for an endless chunked upload without a token, then the connection is closed', T, async () => {
    const head = `POST /mcp HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`;
    const { answer } = await within(
      rawExchange(port(), head, (s) => s.write(`${chunk.length.toString(16)}\r\n${chunk.toString()}\r\n`)),
      25_000,
      '401 + close',
    );
    assert.match(answer, /^HTTP\/1\.1 401/);
    assert.match(answer, /"error":"invalid_token"/);
  });

  it('sessions per owner are capped (429 with Retry-After), and closing one frees its slot', T, async () => {
    const init = (token = 'token-a') =>
      fetch(server.url, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' },
        body: JSON.stringify({
          jsonrpc: '2.0',
          id: 1,
          method: 'initialize',
          params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 't', version: '1' } },
        }),
      });
    const first = await init();
    const second = await init();
    assert.equal(first.status, 200);
    assert.equal(second.status, 200);
    const third = await init();
    assert.equal(third.status, 429);
    assert.ok(Number(third.headers.get('retry-after')) >= 1);
    assert.equal(((await third.json()) as { error: string }).error, 'too_many_sessions');
    const id = first.headers.get('mcp-session-id')!;
    const deleted = await fetch(server.url, { method: 'DELETE', headers: { Authorization: 'Bearer token-a', 'mcp-session-id': id } });
    assert.equal(deleted.status, 200);
    assert.equal((await init()).status, 200);
  });
});

describe('SessionRegistry', () => {
  const make = (limits: ConstructorParameters<typeof SessionRegistry<string>>[0]) => {
    let now = 0;
    const expired: string[] = [];
    const registry = new SessionRegistry<string>(
      limits,
      (id) => expired.push(id),
      () => now,
    );
    return { registry, expired, advance: (ms: number) => (now += ms), dispose: () => registry.close() };
  };

  it('caps sessions in all (503) and per owner key (429)', () => {
    const { registry, dispose } = make({ maxSessions: 3, maxSessionsPerOwner: 2, initializePerSecond: 100 });
    registry.add('1', 's1', 'alice');
    registry.add('2', 's2', 'alice');
    assert.equal(registry.admit('alice')?.status, 429);
    assert.equal(registry.admit('bob'), undefined);
    registry.add('3', 's3', 'bob');
    assert.equal(registry.admit('carol')?.status, 503);
    registry.delete('1');
    assert.equal(registry.admit('alice'), undefined);
    dispose();
  });

  it('rate-limits initialize per owner key: a burst of 4x the rate, then 429 until refilled', () => {
    const { registry, advance, dispose } = make({ initializePerSecond: 2 });
    for (let i = 0; i < 8; i++) assert.equal(registry.admit('alice'), undefined, `initialize ${i}`);
    const refused = registry.admit('alice');
    assert.equal(refused?.error, 'rate_limited');
    assert.equal(registry.admit('bob'), undefined, 'another owner key is not affected');
    advance(500);
    assert.equal(registry.admit('alice'), undefined);
    dispose();
  });

  it('closes sessions idle for idleMs, never one with a request in flight', () => {
    const { registry, expired, advance, dispose } = make({ idleMs: 1_000 });
    registry.add('idle', 'a', 'k');
    registry.add('busy', 'b', 'k');
    const done = registry.begin('busy');
    advance(1_500);
    registry.sweep();
    assert.deepEqual(expired, ['idle']);
    assert.equal(registry.get('idle'), undefined);
    assert.equal(registry.get('busy'), 'b');
    done();
    advance(999);
    registry.sweep();
    assert.deepEqual(expired, ['idle']);
    advance(1);
    registry.sweep();
    assert.deepEqual(expired, ['idle', 'busy']);
    assert.equal(registry.size, 0);
    dispose();
  });

  it('refuses nonsense limits', () => {
    assert.throws(() => new SessionRegistry({ maxSessions: 0 }, () => {}), RangeError);
    assert.throws(() => new SessionRegistry({ idleMs: 1.5 }, () => {}), RangeError);
  });
});

describe('readBody and BodyBudget', () => {
  const fakeRequest = (headers: Record<string, string> = {}) =>
    Object.assign(new PassThrough(), { headers }) as unknown as IncomingMessage & PassThrough;

  it('reads a body within the limit and releases its bytes from the budget', async () => {
    const budget = new BodyBudget(MAX_BODY_BYTES);
    const req = fakeRequest();
    const read = readBody(req, 100, budget);
    req.end('{"a":1}');
    assert.deepEqual(await read, { ok: true, text: '{"a":1}' });
    assert.equal(budget.used, 0);
  });

  it('413 on a declared or an actual size over the limit', async () => {
    const budget = new BodyBudget(MAX_BODY_BYTES);
    assert.equal((await readBody(fakeRequest({ 'content-length': '101' }), 100, budget)).ok, false);
    const req = fakeRequest();
    const read = readBody(req, 100, budget);
    req.write(Buffer.alloc(101));
    const result = await read;
    assert.equal(result.ok === false && result.status, 413);
    assert.equal(budget.used, 0);
  });

  it('503 when the bodies in flight would pass the budget; the budget is free again afterwards', async () => {
    const budget = new BodyBudget(MAX_BODY_BYTES);
    const first = fakeRequest();
    const firstRead = readBody(first, MAX_BODY_BYTES, budget);
    first.write(Buffer.alloc(MAX_BODY_BYTES - 10));
    await new Promise((resolve) => setImmediate(resolve));
    const second = fakeRequest();
    const secondRead = readBody(second, MAX_BODY_BYTES, budget);
    second.write(Buffer.alloc(20));
    const refused = await secondRead;
    assert.equal(refused.ok === false && refused.status, 503);
    first.end();
    assert.equal((await firstRead).ok, true);
    assert.equal(budget.used, 0);
  });

  it('a budget below one maximal body is refused', () => {
    assert.throws(() => new BodyBudget(1024), RangeError);
  });
});

describe('JSON-RPC envelope over HTTP', () => {
  let server: HttpServerHandle;
  before(async () => {
    server = await startHttpServer({ port: 0, logger: () => {} });
  });
  after(() => server?.close());

  for (const [what, body, id] of [
    ['params as an array', { jsonrpc: '2.0', id: 7, method: 'initialize', params: [1, 2] }, 7],
    ['params null', { jsonrpc: '2.0', id: 'x', method: 'tools/list', params: null }, 'x'],
    ['a number', 42, null],
    ['an empty batch', [], null],
    ['jsonrpc 1.0', { jsonrpc: '1.0', id: 1, method: 'ping' }, 1],
  ] as const) {
    it(`${what}: HTTP 400 with -32600 Invalid Request (valid JSON is not a parse error)`, T, async () => {
      const res = await fetch(server.url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' },
        body: JSON.stringify(body),
      });
      assert.equal(res.status, 400);
      const answer = (await res.json()) as { error: { code: number; message: string }; id: unknown };
      assert.equal(answer.error.code, -32600);
      assert.equal(answer.id, id);
    });
  }
});

describe('jsonDepth', () => {
  it('counts nesting outside strings only, without recursion', () => {
    assert.equal(jsonDepth('{"a":[1,{"b":2}]}'), 3);
    assert.equal(jsonDepth('"[[[{{{"'), 0);
    assert.equal(jsonDepth('{"a":"\\"[[["}'), 1);
    assert.equal(jsonDepth(`${'['.repeat(100_000)}${']'.repeat(100_000)}`), 100_000);
  });
});
