/**
 * `mcp-tasks-server` over HTTP: the library's `createTasksHttpHandler` (mcp-tasks/http) with the
 * fixture tools (both sets, `conformanceFixtures()`), the store the flags chose, the tokens file,
 * JSON-line logging on stderr and the seam (seam.ts). Every bound (body size and budget,
 * sessions, request and initialize rates, JSON depth, timeouts), both generations at one URL,
 * stateless serving and the graceful close are the library's (docs/reference/limits.md); this
 * file only wires the flags to it.
 *
 * Identity: with a token table, every request needs `Authorization: Bearer <token>` (else 401);
 * the token's owner name is the owner `auth:<name>` on both wires (R76, R77). Without tokens,
 * each 2025-11-25 session is its own owner (`session:<id>`) and a 2026-07-28 request is
 * `anonymous`, which the store accepts only then (or with `allowAnonymous`).
 *
 * Observability (`observe`, from --metrics, --dashboard, --otel in main.ts) is the handler's
 * `observe` option; since this server makes its own engine (the seam wraps its store), the engine
 * gets the same metrics and tracing here and its store is timed (`measureStore`).
 */
import { conformanceFixtures } from '../src/fixtures/index.js';
import {
  createTasksHttpHandler,
  DEFAULT_REQUESTS_PER_SECOND,
  MAX_BODY_BYTES,
  type SessionLimits,
  type TasksHttpHooks,
  type TasksHttpObserve,
  type TokenTable,
} from '../src/http/index.js';
import { jsonLinesLogger, measureStore, type TaskStore, type TasksLogger } from '../src/index.js';
import { CliError, DEFAULT_HOST, DEFAULT_PORT } from './args.js';
import type { ServerSeam } from './seam.js';
import { createEngine, logLine, openStore, SERVER_NAME, SERVER_VERSION, type StoreOptions } from './server.js';

export { HEADERS_TIMEOUT_MS, REQUEST_TIMEOUT_MS } from '../src/http/index.js';
export { DEFAULT_REQUESTS_PER_SECOND, MAX_BODY_BYTES };

export const MCP_PATH = '/mcp';

const INSTRUCTIONS =
  'Reference server of mcp-tasks for the MCP Tasks utility (2025-11-25). The fixture tools are documented in reference-server/FIXTURES.md.';

export interface HttpServerOptions extends StoreOptions {
  /** Default 3000; 0 picks an ephemeral port (see `handle.port`). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Bearer tokens -> owner names. Without it, each session is its own owner. */
  tokens?: TokenTable;
  /** With `tokens`: accept requests without an Authorization header (owned by their session). */
  allowAnonymous?: boolean;
  logger?: TasksLogger;
  /** Hooks that wrap the store, each session and the 2026 leg (seam.ts): the requestor kit records the wire through it, tests plant defects. */
  seam?: ServerSeam;
  /** Caps on sessions (total, per owner or remote address, idle time, initialize rate). */
  sessions?: SessionLimits;
  /** Bytes of request bodies in memory at once over all requests (default 64 MiB). */
  bodyBudgetBytes?: number;
  /** POST requests per second per client (token owner, or remote address without tokens); default 1 000; 0 = no limit. */
  requestsPerSecond?: number;
  /** No sessions: a fresh server per POST, owners from `tokens` only. */
  stateless?: boolean;
  /** Metrics (GET /metrics), request and task spans, the task monitor (the handler's `observe`); default: none. */
  observe?: TasksHttpObserve;
}

export interface HttpServerHandle {
  /** e.g. http://127.0.0.1:3000/mcp */
  readonly url: string;
  readonly port: number;
  readonly store: TaskStore;
  /** Open MCP sessions. */
  readonly sessions: number;
  /** Close every session, the HTTP server, the engine and the store. */
  close(): Promise<void>;
}

export async function startHttpServer(options: HttpServerOptions = {}): Promise<HttpServerHandle> {
  if (options.stateless === true && (!options.tokens || options.allowAnonymous === true)) {
    throw new CliError(
      'stateless serving needs tokens for every request: without a session, a requestor without a token has no owner of its own',
    );
  }
  // A 2026 request has no session: without a token it is `anonymous`, which the store accepts
  // only where the operator allows tokenless requests (no token table, or allowAnonymous).
  const anonymous = options.allowAnonymous === true || options.tokens === undefined;
  const opened = await openStore({ ...options, security: { ...options.security, ...(anonymous && { allowAnonymous: true }) } });
  const seamed = options.seam?.store?.(opened) ?? opened;
  const { metrics, tracing } = options.observe ?? {};
  const store = metrics ? measureStore(seamed, metrics) : seamed;
  const engine = createEngine(
    store,
    { ...options, ...(metrics && { metrics }), ...(tracing && { tracing }) },
    options.logger ?? jsonLinesLogger,
  );
  const handler = createTasksHttpHandler({
    tools: conformanceFixtures(),
    engine,
    serverInfo: { name: SERVER_NAME, version: SERVER_VERSION },
    instructions: INSTRUCTIONS,
    path: MCP_PATH,
    ...(options.tokens && { tokens: options.tokens }),
    ...(options.allowAnonymous === true && { allowAnonymous: true }),
    ...(options.stateless === true && { stateless: true }),
    ...(options.sessions && { sessions: options.sessions }),
    ...(options.bodyBudgetBytes !== undefined && { bodyBudgetBytes: options.bodyBudgetBytes }),
    ...(options.requestsPerSecond !== undefined && { requestsPerSecond: options.requestsPerSecond }),
    ...(options.shutdownGraceMs !== undefined && { shutdownGraceMs: options.shutdownGraceMs }),
    httpLogger: logLine,
    ...(options.seam && { hooks: seamHooks(options.seam) }),
    ...(options.observe && { observe: options.observe }),
  });
  const closeEngine = async (): Promise<void> => {
    engine.close(); // aborts running tasks
    await store.close();
  };
  const listener = await handler
    .listen({ port: options.port ?? DEFAULT_PORT, host: options.host ?? DEFAULT_HOST })
    .catch(async (error: unknown) => {
      await handler.close();
      await closeEngine();
      throw error;
    });
  let closing: Promise<void> | undefined;
  return {
    url: listener.url,
    port: listener.port,
    store,
    get sessions() {
      return handler.sessions;
    },
    close() {
      closing ??= listener.close().then(closeEngine);
      return closing;
    },
  };
}

/** The seam as the library's hooks: each 2025 session's transport, the 2026 leg's handler. */
function seamHooks(seam: ServerSeam): TasksHttpHooks {
  return {
    ...(seam.session && { server2025: (server, transport) => seam.session!(transport, server) }),
    ...(seam.modern && { handler2026: (handler) => seam.modern!(handler) }),
  };
}
