/**
 * The Node face of the handler: `(req, res)` of node:http. Reads the head straight from the
 * `IncomingMessage`, the body with node-body.ts (size limit, budget, no drain on refusal), answers
 * a refusal with `refuseAndClose` (the connection is closed, not drained), and writes the
 * router's web `Response` back: small bodies at once with a Content-Length, SSE streams as their
 * events come. A client that goes away cancels the response's body, which ends its request
 * (request-streams.ts) and aborts a 2026 request's signal.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InvalidOptionsError } from '../errors/index.js';
import { rpcError } from './json-rpc.js';
import { readBody, refuseAndClose } from './node-body.js';
import type { HttpLogger } from './options.js';
import type { Incoming, Router } from './router.js';

/** Time a client has to send its request headers (ms). */
export const HEADERS_TIMEOUT_MS = 10_000;
/** Time a client has to send a whole request, body included (ms); responses (SSE) are not limited. */
export const REQUEST_TIMEOUT_MS = 30_000;

/** Node's request listener over `router`. */
export function nodeListener(router: Router, log: HttpLogger): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    serve(router, req, res).catch((error: unknown) => {
      log({ event: 'http.error', detail: error instanceof Error ? error.message : String(error) });
      if (!res.headersSent) sendJson(res, 500, rpcError(-32603, 'Internal error'));
      else res.end();
    });
  };
}

async function serve(router: Router, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const answer = await router.handle(nodeIncoming(req, res));
  if (answer.kind === 'refusal') return refuseAndClose(req, res, answer.status, answer.error, answer.description, answer.headers);
  const { ends } = answer;
  // Its end as Node tells it: `res` closes, with its response sent to the end or not.
  if (ends.length > 0) res.once('close', () => ends.forEach((end) => end(res.writableEnded)));
  await writeResponse(res, answer.response, answer.sent);
}

function nodeIncoming(req: IncomingMessage, res: ServerResponse): Incoming {
  // The handlers read only the path; a hostile Host header must not make the URL throw.
  const url = new URL(req.url ?? '/', 'http://localhost');
  return {
    method: req.method ?? 'GET',
    path: url.pathname,
    header: (name) => {
      const value = req.headers[name];
      return Array.isArray(value) ? value.join(', ') : value;
    },
    remoteAddress: req.socket.remoteAddress,
    readBody: (limit, budget) => readBody(req, limit, budget),
    discardBody: () => void req.resume(),
    toRequest: () => {
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (value === undefined) continue;
        for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
      }
      return new Request(url, { method: req.method ?? 'GET', headers });
    },
    withAbort: (request) => {
      const abort = new AbortController();
      res.once('close', () => res.writableEnded || abort.abort());
      return new Request(request, { signal: abort.signal });
    },
  };
}

/**
 * Write a web `Response` to `res`. A body that ends at once (most answers, SSE ones included:
 * one event, then the stream closes) goes out in one write with a Content-Length; one still
 * open is streamed as it comes (headers first when nothing came yet) and cancelled when the
 * client goes away. (What @hono/node-server does for SDK 1.x's Node transport.) `sent` sees
 * each chunk as it goes out.
 */
export async function writeResponse(res: ServerResponse, response: Response, sent?: (chunk: Uint8Array) => void): Promise<void> {
  const headers: Record<string, string> = Object.fromEntries(response.headers);
  if (response.body === null) return void res.writeHead(response.status, headers).end();
  const reader = response.body.getReader();
  const gone = (): void => void reader.cancel().catch(() => undefined);
  res.once('close', gone);
  try {
    const { chunks, done, pending } = await readReady(reader);
    if (sent) chunks.forEach((chunk) => sent(chunk));
    if (done) {
      const bytes = Buffer.concat(chunks);
      return void res.writeHead(response.status, { ...headers, 'content-length': String(bytes.length) }).end(bytes);
    }
    res.writeHead(response.status, headers);
    for (const chunk of chunks) res.write(chunk);
    if (chunks.length === 0) res.flushHeaders();
    for (let next = pending ?? reader.read(); ; next = reader.read()) {
      const { done: ended, value } = await next;
      if (ended) break;
      sent?.(value);
      if (!res.write(value)) await drained(res);
    }
    res.end();
  } catch {
    res.destroy();
  } finally {
    res.off('close', gone);
  }
}

/** What the body has ready now (two reads without waiting, a third after one timer turn). */
type Read = Awaited<ReturnType<ReadableStreamDefaultReader<Uint8Array>['read']>>;

async function readReady(
  reader: ReadableStreamDefaultReader<Uint8Array>,
): Promise<{ chunks: Uint8Array[]; done: boolean; pending: Promise<Read> | undefined }> {
  const chunks: Uint8Array[] = [];
  let pending: Promise<Read> | undefined;
  for (let i = 0, reads = 2; i < reads; i++) {
    pending ??= reader.read();
    const next = await Promise.race([pending, Promise.resolve().then(() => undefined)]);
    if (!next) {
      if (i === 1) {
        await new Promise((resolve) => setTimeout(resolve));
        reads = 3;
        continue;
      }
      break;
    }
    pending = undefined;
    if (next.value) chunks.push(next.value);
    if (next.done) return { chunks, done: true, pending };
  }
  return { chunks, done: false, pending };
}

/** Resolves when `res` may be written again, or is closed. */
function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.once('drain', done);
    res.once('close', done);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) }).end(text);
}

/** A node:http server on `listener` with the header and request timeouts, listening. */
export async function listenNode(
  listener: (req: IncomingMessage, res: ServerResponse) => void,
  port: number,
  host: string,
): Promise<{ server: Server; url: string; port: number }> {
  const server = createServer(listener);
  server.headersTimeout = HEADERS_TIMEOUT_MS;
  server.requestTimeout = REQUEST_TIMEOUT_MS;
  await new Promise<void>((resolve, rejectListen) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      rejectListen(new InvalidOptionsError(`cannot listen on ${host}:${port}: ${error.code ?? error.message}`)),
    );
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const hostInUrl = address.family === 'IPv6' || address.address.includes(':') ? `[${address.address}]` : address.address;
  return { server, url: `http://${hostInUrl}:${address.port}`, port: address.port };
}
