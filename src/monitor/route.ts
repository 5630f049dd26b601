/**
 * `HttpRoute`: a piece served at its own paths (GET /metrics, the dashboard), written once as a
 * web handler (`serve`: a request's head in, a `Response` out) and mounted on any face: the
 * library's HTTP handler calls `serve` (its requests are heads already, `observe` option), a
 * node:http server `handle(req, res)`, a web framework `fetch(request)`. The body of a request is
 * never read: no route here takes one.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { writeResponse } from '../http/node.js';

/** A request's head as a route reads it (the library handler's requests have this shape). */
export interface RouteHead {
  readonly method: string;
  /** The URL's path. */
  readonly path: string;
  header(name: string): string | undefined;
  readonly remoteAddress: string | undefined;
}

export interface HttpRoute {
  /** True when `path` is one of this route's. */
  owns(path: string): boolean;
  /** The answer to a request for one of its paths. */
  serve(head: RouteHead): Promise<Response>;
  /** node:http: serve `req` when its path is this route's (true); false for any other path. */
  handle(req: IncomingMessage, res: ServerResponse): boolean;
  /** Web: the answer when the request's path is this route's; undefined for any other path. */
  fetch(request: Request, info?: { remoteAddress?: string }): Promise<Response | undefined>;
}

/** The three faces of a route from what it owns and how it answers. */
export function httpRoute(owns: (path: string) => boolean, serve: (head: RouteHead) => Promise<Response>): HttpRoute {
  return {
    owns,
    serve,
    handle(req, res) {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      if (!owns(path)) return false;
      req.resume(); // no body is read
      const head: RouteHead = {
        method: req.method ?? 'GET',
        path,
        header: (name) => {
          const value = req.headers[name];
          return Array.isArray(value) ? value.join(', ') : value;
        },
        remoteAddress: req.socket.remoteAddress,
      };
      serve(head)
        .then((response) => writeResponse(res, response))
        .catch(() => {
          if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('internal error\n');
          else res.end();
        });
      return true;
    },
    async fetch(request, info = {}) {
      const path = new URL(request.url).pathname;
      if (!owns(path)) return undefined;
      return serve({
        method: request.method,
        path,
        header: (name) => request.headers.get(name) ?? undefined,
        remoteAddress: info.remoteAddress,
      });
    },
  };
}
