/**
 * A round-robin reverse proxy on node:http with no affinity: each request goes to the next
 * upstream in turn, whatever its headers (no session stickiness, no cookie), like a plain load
 * balancer. Request and response bodies are streamed both ways, so SSE responses flow event by
 * event. An upstream that refuses the connection (e.g. SIGKILLed) is skipped for that request,
 * as a balancer's health check would; a request already sent to it fails with 502.
 */
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Proxy {
  /** e.g. http://127.0.0.1:1234/mcp */
  readonly url: string;
  /** Requests forwarded to each upstream, by index. */
  readonly forwarded: number[];
  close(): Promise<void>;
}

/** Hop-by-hop headers (RFC 9110, 7.6.1) are not forwarded. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer']);

function endToEnd(headers: IncomingMessage['headers']): IncomingMessage['headers'] {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name)));
}

/** Start a proxy for `upstreams` (base URLs such as http://127.0.0.1:4000) on an ephemeral port. */
export async function startProxy(upstreams: readonly string[], path = '/mcp'): Promise<Proxy> {
  const targets = upstreams.map((u) => new URL(u));
  const forwarded = targets.map(() => 0);
  let next = 0;
  const forward = (req: IncomingMessage, res: ServerResponse, attempt: number): void => {
    const index = next++ % targets.length;
    const target = targets[index]!;
    const upstream = request(
      // A connection per request (agent: false), so "connected" means this upstream took it.
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: { ...endToEnd(req.headers), host: target.host },
        agent: false,
      },
      (answer) => {
        forwarded[index]!++;
        res.writeHead(answer.statusCode ?? 502, endToEnd(answer.headers));
        res.flushHeaders();
        answer.pipe(res);
        // The client went away: so does the upstream request, as it would behind a real balancer.
        res.once('close', () => answer.destroy());
      },
    );
    upstream.once('error', (error: NodeJS.ErrnoException) => {
      // Not connected, so nothing of the body was read: try the next upstream.
      if (error.code === 'ECONNREFUSED' && attempt < targets.length) return forward(req, res, attempt + 1);
      if (!res.headersSent) res.writeHead(502, { 'Content-Type': 'text/plain' }).end(`bad gateway: ${error.code ?? error.message}`);
      else res.destroy();
    });
    upstream.once('socket', (socket) => socket.once('connect', () => req.pipe(upstream)));
    res.once('close', () => upstream.destroy());
  };
  const server: Server = createServer((req, res) => forward(req, res, 1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${path}`,
    forwarded,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
