/**
 * The web face of the handler: `fetch(request)` in, a `Response` out, for runtimes and frameworks
 * built on web requests (Deno, Bun, Cloudflare Workers, Hono, Next.js route handlers, undici).
 * The same router as Node's face (router.ts); the body is read from the request's stream within
 * the same limit and budget, and a refusal answers with `Connection: close` and cancels the rest
 * of the body (the runtime owns the connection).
 */
import { readWebBody } from './body.js';
import { jsonResponse, rpcError } from './json-rpc.js';
import type { HttpLogger } from './options.js';
import { watchEnd } from './response-end.js';
import type { Incoming, Router } from './router.js';

/** Where a web request came from, as far as the runtime tells (tokenless clients are rate-limited by it). */
export interface FetchInfo {
  remoteAddress?: string;
}

export async function serveFetch(router: Router, request: Request, info: FetchInfo, log: HttpLogger): Promise<Response> {
  const incoming = webIncoming(request, info);
  let answer;
  try {
    answer = await router.handle(incoming);
  } catch (error) {
    log({ event: 'http.error', detail: error instanceof Error ? error.message : String(error) });
    return jsonResponse(500, rpcError(-32603, 'Internal error'));
  }
  if (answer.kind === 'reply') return watchEnd(answer.response, answer.ends, answer.sent);
  incoming.discardBody();
  return jsonResponse(
    answer.status,
    { error: answer.error, error_description: answer.description },
    { ...answer.headers, Connection: 'close' },
  );
}

function webIncoming(request: Request, info: FetchInfo): Incoming {
  const url = new URL(request.url);
  return {
    method: request.method,
    path: url.pathname,
    header: (name) => request.headers.get(name) ?? undefined,
    remoteAddress: info.remoteAddress,
    readBody: (limit, budget) => readWebBody(request, limit, budget),
    discardBody: () => {
      if (request.body !== null && !request.bodyUsed) void request.body.cancel().catch(() => undefined);
    },
    toRequest: () => new Request(url, { method: request.method, headers: request.headers, signal: request.signal }),
    withAbort: (copy) => copy, // it has the runtime's signal already
  };
}
