/**
 * The 2026-07-28 leg of the handler, at the same URL as the 2025-11-25 leg: a request the SDK v2's
 * own `isLegacyRequest` calls modern (it carries the per-request `_meta` envelope or a modern
 * `MCP-Protocol-Version`) is served here, on the same engine and store; everything else stays on
 * the 2025 path (docs/2026-leg.md section 1). Web `Request` in, web `Response` out, on either face.
 *
 * Owner (docs/guide/server.md, "Two generations"): the 2026 wire has no session, so a request's
 * owner is its token's owner (`auth:<name>`), and a request without a token is `anonymous`: every
 * tokenless 2026 requestor shares one owner, which the store accepts only where the operator
 * allows tokenless requests (no tokens, or `allowAnonymous`).
 *
 * Questions of running tasks: the leg's default input channel, the store's side channel
 * (`storeInputChannel(engine.side)`), which the 2025 leg uses too; the handler offers no other,
 * so every question a task asks can be answered on the wire that reads the task.
 */
import { isLegacyRequest, type AuthInfo, type McpHttpHandler } from '@modelcontextprotocol/server';
import type { TaskEngine } from '../server/core/engine.js';
import type { DefinedTool } from '../server/core/tool-definition.js';
import { createTasksHandler2026 } from '../server/v2026/index.js';

export interface ModernLegOptions {
  engine: TaskEngine;
  /** Every tool of the handler; those whose generations include 2026-07-28 are served. */
  tools: readonly DefinedTool[];
  serverInfo: { name: string; version: string };
  /** The hook (e.g. the reference server's seam): records or rewrites this leg's traffic. */
  wrap?: ((handler: McpHttpHandler) => McpHttpHandler) | undefined;
}

export class ModernLeg {
  readonly #handler: McpHttpHandler;

  constructor(options: ModernLegOptions) {
    const handler = createTasksHandler2026({ engine: options.engine, tools: options.tools, serverInfo: options.serverInfo });
    this.#handler = options.wrap ? options.wrap(handler) : handler;
  }

  /** Whether the SDK routes this request to the 2026 era (it must then answer it, errors included). */
  async claims(request: Request, body: unknown): Promise<boolean> {
    return !(await isLegacyRequest(request, body));
  }

  /** Serve one 2026 request (`request` without its body: `body` is the parsed one); the Response streams as it comes (SSE included). */
  serve(request: Request, body: unknown, authInfo: AuthInfo | undefined): Promise<Response> {
    return this.#handler.fetch(request, { parsedBody: body, ...(authInfo && { authInfo }) });
  }

  close(): Promise<void> {
    return this.#handler.close();
  }
}
