/**
 * Attacks on the HTTP layer: huge and endless bodies, session floods, bodies in flight, and
 * malformed JSON-RPC.
 */
import { at, tally, uploadUntilClosed, type Attack } from './attack.js';
import { headers, isSession, openSession, post, postText } from './raw-client.js';

const CHUNK = Buffer.alloc(64 * 1024, 'a');
const TOKENS = { 'token-a': 'alice' };

export const bodyTenGigabytes: Attack = {
  name: 'body-10gb',
  what: 'a 10 GB Content-Length body, fed until the server closes the connection',
  serverArgs: [],
  async run(target, scale) {
    const n = at(scale, 3, 50);
    const head = `POST /mcp HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 10000000000\r\n\r\n`;
    const runs = await Promise.all(Array.from({ length: n }, () => uploadUntilClosed(target.port, head, () => CHUNK, 20_000)));
    const sentMb = Math.max(...runs.map((r) => r.sentBytes)) / 2 ** 20;
    return {
      did: `${tally(runs.map((r) => r.status))}; closed ${runs.filter((r) => r.closed).length}/${n}; at most ${sentMb.toFixed(1)} MB sent before the close`,
      // A client still sending when the server closes may see a reset before reading the 413
      // (Node destroys the socket once the answer is flushed); what must hold is the close.
      held: runs.every((r) => r.closed && (r.status === 413 || r.status === undefined)) && runs.some((r) => r.status === 413),
    };
  },
};

export const endlessChunkedWithoutToken: Attack = {
  name: 'chunked-401',
  what: 'endless chunked uploads without a token',
  serverArgs: [],
  tokens: TOKENS,
  async run(target, scale) {
    const n = at(scale, 3, 50);
    const head = `POST /mcp HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`;
    const chunk = `${CHUNK.length.toString(16)}\r\n${CHUNK.toString()}\r\n`;
    const runs = await Promise.all(Array.from({ length: n }, () => uploadUntilClosed(target.port, head, () => chunk, 20_000)));
    return {
      did: `${tally(runs.map((r) => r.status))}; closed ${runs.filter((r) => r.closed).length}/${n}`,
      held: runs.every((r) => r.closed && (r.status === 401 || r.status === undefined)) && runs.some((r) => r.status === 401),
    };
  },
};

export const sessionFlood: Attack = {
  name: 'session-flood',
  what: 'open sessions and abandon them, without credentials',
  serverArgs: ['--max-sessions-per-client', '100', '--initialize-rate', '1000', '--requests-per-second', '0'],
  async run(target, scale) {
    const attempts = at(scale, 120, 5_000);
    let opened = 0;
    const refusals: number[] = [];
    for (let i = 0; i < attempts; i += 20) {
      const batch = await Promise.all(Array.from({ length: Math.min(20, attempts - i) }, () => openSession(target.url)));
      for (const session of batch) {
        if (isSession(session)) opened++;
        else refusals.push(session.refused);
      }
    }
    return { did: `opened ${opened} of ${attempts}, then ${tally(refusals)}`, held: opened === 100 && refusals.every((s) => s === 429) };
  },
};

export const initializeStorm: Attack = {
  name: 'initialize-rate',
  what: 'initialize as fast as possible (rate limit per client)',
  serverArgs: ['--initialize-rate', '1', '--requests-per-second', '0'],
  async run(target, scale) {
    const attempts = at(scale, 60, 400);
    const statuses: number[] = [];
    for (let i = 0; i < attempts; i += 60) {
      const batch = await Promise.all(Array.from({ length: Math.min(60, attempts - i) }, () => openSession(target.url)));
      for (const session of batch) statuses.push(isSession(session) ? 200 : session.refused);
      await Promise.all(batch.map((session) => (isSession(session) ? session.close() : undefined)));
    }
    const refused = statuses.filter((s) => s === 429).length;
    return { did: tally(statuses), held: refused > 0 && statuses.every((s) => s === 200 || s === 429) };
  },
};

export const bigBodiesInFlight: Attack = {
  name: 'bodies-in-flight',
  what: 'concurrent 4 MB tools/call bodies',
  serverArgs: [],
  async run(target, scale) {
    const n = at(scale, 20, 200);
    const session = await openSession(target.url);
    if (!isSession(session)) return { did: `initialize refused (${session.refused})`, held: false };
    const text = 'x'.repeat(4 * 1024 * 1024 - 512);
    const statuses = await Promise.all(
      Array.from({ length: n }, () =>
        fetch(target.url, {
          method: 'POST',
          headers: headers(undefined, session.id),
          body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'echo', arguments: { text } } }),
        })
          .then(async (res) => (await res.arrayBuffer(), res.status))
          .catch(() => 'reset'),
      ),
    );
    return { did: tally(statuses), held: statuses.every((s) => s === 200 || s === 503 || s === 'reset') && statuses.includes(200) };
  },
};

export const malformedJsonRpc: Attack = {
  name: 'malformed-json-rpc',
  what: 'params as an array; arguments nested 100 000 deep',
  serverArgs: [],
  async run(target) {
    const session = await openSession(target.url);
    if (!isSession(session)) return { did: `initialize refused (${session.refused})`, held: false };
    const arrayParams = await post(target.url, undefined, session.id, { jsonrpc: '2.0', id: 1, method: 'tools/list', params: [] });
    const deep = `${'['.repeat(100_000)}"bottom"${']'.repeat(100_000)}`;
    const body = `{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"delay","arguments":{"ms":1,"text":${deep}},"task":{}}}`;
    const deepArgs = await postText(target.url, undefined, session.id, body).catch((error: Error) => ({
      status: 0,
      error: { code: 0, message: error.message },
    }));
    const codes = [arrayParams.error?.code, deepArgs.error?.code];
    return { did: `params array: ${codes[0]}; 100k deep: ${codes[1]}`, held: codes[0] === -32600 && codes[1] === -32602 };
  },
};

export const HTTP_ATTACKS: readonly Attack[] = [
  bodyTenGigabytes,
  endlessChunkedWithoutToken,
  sessionFlood,
  initializeStorm,
  bigBodiesInFlight,
  malformedJsonRpc,
];
