/**
 * The 2026-07-28 leg of the reference server, at the same URL as the 2025-11-25 leg: a request
 * the SDK's own `isLegacyRequest` calls modern (it carries the per-request `_meta` envelope or a
 * modern `MCP-Protocol-Version`) is served here, on the same engine and store; everything else
 * stays on the sessionful 2025 path (docs/2026-leg.md section 1). node:http in, web `Response`
 * out: a small adapter, because `@modelcontextprotocol/node` is not a dependency.
 *
 * Owner (docs/guide/server.md, "Two generations"): the 2026 wire has no session, so a request's owner is its
 * token's owner (`auth:<name>`), and a request without a token is `anonymous`: every tokenless
 * 2026 requestor shares one owner. http.ts lets the store accept that owner only when the
 * operator allowed tokenless requests (no token table, or `--allow-anonymous`).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { isLegacyRequest, type McpHttpHandler } from '@modelcontextprotocol/server';
import { FIXTURES_2026 } from '../src/fixtures/v2026.js';
import type { TaskEngine } from '../src/server/core/engine.js';
import { createTasksHandler2026 } from '../src/server/v2026/index.js';

/** The identity http.ts resolved: a token's owner name, or undefined for a tokenless request. */
type Identity = string | undefined;

export class ModernLeg {
  readonly #handler: McpHttpHandler;

  /** `wrap`: the seam's `modern` hook (seam.ts): records or rewrites this leg's traffic. */
  constructor(engine: TaskEngine, serverInfo: { name: string; version: string }, wrap?: (handler: McpHttpHandler) => McpHttpHandler) {
    const handler = createTasksHandler2026({ engine, tools: FIXTURES_2026, serverInfo });
    this.#handler = wrap ? wrap(handler) : handler;
  }

  /** Whether the SDK routes this request to the 2026 era (it must then answer it, errors included). */
  async claims(req: IncomingMessage, body: unknown): Promise<boolean> {
    return !(await isLegacyRequest(headerOnlyRequest(req), body));
  }

  /** Serve one 2026 request: the handler's `Response` is streamed back as it comes (SSE included). */
  async serve(req: IncomingMessage, res: ServerResponse, body: unknown, identity: Identity, token: string | undefined): Promise<void> {
    const abort = new AbortController();
    res.once('close', () => abort.abort());
    const authInfo = identity === undefined ? undefined : { token: token ?? '', clientId: identity, scopes: [] };
    const response = await this.#handler.fetch(headerOnlyRequest(req, abort.signal), { parsedBody: body, ...(authInfo && { authInfo }) });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    if (response.body === null) return void res.end();
    const stream = Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>);
    stream.on('error', () => res.destroy());
    stream.pipe(res);
  }

  close(): Promise<void> {
    return this.#handler.close();
  }
}

/** Method, URL and headers of `req`; no body (the caller parsed it and passes it as `parsedBody`). */
function headerOnlyRequest(req: IncomingMessage, signal?: AbortSignal): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  // The handler reads only the path; a hostile Host header must not make the URL throw.
  const url = new URL(req.url ?? '/', 'http://localhost');
  return new Request(url, { method: req.method ?? 'GET', headers, ...(signal && { signal }) });
}
