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
import { isRefusal, type Incoming, type Router } from './router.js';

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
  if (isRefusal(answer)) return refuseAndClose(req, res, answer.status, answer.error, answer.description, answer.headers);
  await writeResponse(res, answer);
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
      const abort = new AbortController();
      res.once('close', () => abort.abort());
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (value === undefined) continue;
        for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
      }
      return new Request(url, { method: req.method ?? 'GET', headers, signal: abort.signal });
    },
  };
}

const isEventStream = (response: Response): boolean => (response.headers.get('content-type') ?? '').includes('text/event-stream');

/** Write a web `Response` to `res`: SSE as it comes (cancelled when the client goes away), anything else at once. */
export async function writeResponse(res: ServerResponse, response: Response): Promise<void> {
  const headers: Record<string, string> = Object.fromEntries(response.headers);
  if (response.body === null) return void res.writeHead(response.status, headers).end();
  if (!isEventStream(response)) {
    const bytes = Buffer.from(await response.arrayBuffer());
    return void res.writeHead(response.status, { ...headers, 'content-length': String(bytes.length) }).end(bytes);
  }
  res.writeHead(response.status, headers);
  res.flushHeaders();
  const reader = response.body.getReader();
  const gone = (): void => void reader.cancel().catch(() => undefined);
  res.once('close', gone);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!res.write(value)) await drained(res);
    }
    res.end();
  } catch {
    res.destroy();
  } finally {
    res.off('close', gone);
  }
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
export async function listenNode(listener: (req: IncomingMessage, res: ServerResponse) => void, port: number, host: string): Promise<{ server: Server; url: string; port: number }> {
  const server = createServer(listener);
  server.headersTimeout = HEADERS_TIMEOUT_MS;
  server.requestTimeout = REQUEST_TIMEOUT_MS;
  await new Promise<void>((resolve, rejectListen) => {
    server.once('error', (error: NodeJS.ErrnoException) => rejectListen(new InvalidOptionsError(`cannot listen on ${host}:${port}: ${error.code ?? error.message}`)));
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const hostInUrl = address.family === 'IPv6' || address.address.includes(':') ? `[${address.address}]` : address.address;
  return { server, url: `http://${hostInUrl}:${address.port}`, port: address.port };
}
