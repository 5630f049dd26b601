/**
 * Stateful Streamable HTTP on node:http: one McpServer per session (`mcp-session-id`), all on one
 * shared store. POST, GET (SSE) and DELETE on /mcp; 404 elsewhere. SSE responses (no
 * `enableJsonResponse`) so that tasks/result can carry elicitation requests.
 *
 * Bounded against hostile clients (docs/reference/limits.md): bodies over 4 MiB get 413 and a
 * budget caps body bytes in flight (http-body.ts); refusals close the connection instead of
 * draining it; headers and bodies must arrive within timeouts; sessions are capped, rate-limited
 * and closed when idle (sessions.ts).
 *
 * Identity: with a token table, every request needs `Authorization: Bearer <token>` (else 401);
 * the token's owner name becomes `req.auth.clientId`, so the library's owner is `auth:<name>` in
 * every session (R76, R77). Without tokens, each session is its own owner (`session:<id>`).
 *
 * With `stateless` (`--stateless`), the same checks run, then every POST is served without a
 * session by stateless.ts (tokens required; GET and DELETE answer 405).
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { jsonLinesLogger, type TaskEngine, type TaskStore, type TasksLogger } from '../src/index.js';
import { RateLimiter } from '../src/server/core/rate-limit.js';
import { admitRequest, clientKey } from './client-limit.js';
import { CliError, DEFAULT_HOST, DEFAULT_PORT } from './args.js';
import type { ServerSeam } from './seam.js';
import { BodyBudget, jsonDepth, MAX_BODY_BYTES, MAX_JSON_DEPTH, readBody, refuseAndClose } from './http-body.js';
import { invalidEnvelope, rpcError, sendJson } from './json-rpc-http.js';
import { RequestStreams } from './request-streams.js';
import { SessionRegistry, type SessionLimits } from './sessions.js';
import { StatelessRequests } from './stateless.js';
import { ModernLeg } from './modern.js';
import { createEngine, createReferenceServer, openStore, logLine, SERVER_NAME, SERVER_VERSION, type StoreOptions } from './server.js';
import { bearerToken, type TokenTable } from './tokens.js';
import type { MountedObservability, ReferenceObservability } from './observability.js';

export const MCP_PATH = '/mcp';
export { MAX_BODY_BYTES };
/** Time a client has to send its request headers (ms). */
export const HEADERS_TIMEOUT_MS = 10_000;
/** Time a client has to send a whole request, body included (ms); responses (SSE) are not limited. */
export const REQUEST_TIMEOUT_MS = 30_000;

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
  /**
   * POST requests per second per client (token owner, or remote address without tokens), bursts
   * up to twice that; default 1 000; 0 = no limit. The per-owner task rate limit cannot see that
   * ten tokenless sessions are one client: without tokens every session is its own owner.
   */
  requestsPerSecond?: number;
  /** No sessions: a fresh server per POST, owners from `tokens` only (stateless.ts). */
  stateless?: boolean;
  /** Metrics, the task monitor and request spans (observability.ts); default: none. */
  observe?: ReferenceObservability;
}

export const DEFAULT_REQUESTS_PER_SECOND = 1_000;

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

interface Session {
  transport: StreamableHTTPServerTransport;
  mcp: McpServer;
  /** The token owner name that opened the session; undefined for a session without a token. */
  identity: string | undefined;
  streams: RequestStreams;
}

type AuthedRequest = IncomingMessage & { auth?: AuthInfo };

/** What every request handler shares. */
interface Shared {
  options: HttpServerOptions;
  store: TaskStore;
  /** One engine for every session: a task started in one session is awaited or cancelled from another. */
  engine: TaskEngine;
  sessions: SessionRegistry<Session>;
  budget: BodyBudget;
  limiter: RateLimiter | undefined;
  closing: () => boolean;
  /** Set in stateless mode: serves every POST without a session. */
  stateless: StatelessRequests | undefined;
  /** The 2026-07-28 leg at the same URL (modern.ts). */
  modern: ModernLeg;
  /** /metrics, /dashboard and request spans, when asked for. */
  watch: MountedObservability | undefined;
}

export async function startHttpServer(options: HttpServerOptions = {}): Promise<HttpServerHandle> {
  if (options.stateless === true && (!options.tokens || options.allowAnonymous === true)) {
    throw new CliError('stateless serving needs tokens for every request: without a session, a requestor without a token has no owner of its own');
  }
  // A 2025 requestor is identified by token or session, so tasks/list is declared (R80). A 2026
  // request has no session: without a token it is `anonymous`, which the store accepts only where
  // the operator allows tokenless requests (no token table, or allowAnonymous; modern.ts).
  const anonymous = options.allowAnonymous === true || options.tokens === undefined;
  const opened = await openStore({ ...options, security: { ...options.security, ...(anonymous && { allowAnonymous: true }) } });
  const wrapped = options.seam?.store?.(opened) ?? opened;
  const store = options.observe?.store(wrapped) ?? wrapped;
  const logger = options.logger ?? jsonLinesLogger;
  const engine = createEngine(store, { ...options, ...options.observe?.engineOptions }, logger);
  let closing: Promise<void> | undefined;
  const sessions = new SessionRegistry<Session>(options.sessions ?? {}, (id, session) => {
    logLine({ event: 'session.expired', sessionId: id });
    void session.mcp.close();
  });
  const perSecond = options.requestsPerSecond ?? DEFAULT_REQUESTS_PER_SECOND;
  const limiter = perSecond > 0 ? new RateLimiter({ perSecond, burst: 2 * perSecond }) : undefined;
  const stateless = options.stateless === true ? new StatelessRequests({ engine, seam: options.seam }) : undefined;
  const modern = new ModernLeg(engine, { name: SERVER_NAME, version: SERVER_VERSION }, options.seam?.modern?.bind(options.seam));
  const watch = options.observe?.mount(engine, { sessions: () => sessions.size });
  const shared: Shared = { options, store, engine, sessions, budget: new BodyBudget(options.bodyBudgetBytes), limiter, closing: () => closing !== undefined, stateless, modern, watch };
  const server = createServer((req, res) => {
    handle(shared, req, res).catch((error: unknown) => {
      logLine({ event: 'http.error', detail: error instanceof Error ? error.message : String(error) });
      if (!res.headersSent) sendJson(res, 500, rpcError(-32603, 'Internal error'));
      else res.end();
    });
  });
  server.headersTimeout = HEADERS_TIMEOUT_MS;
  server.requestTimeout = REQUEST_TIMEOUT_MS;
  await listen(server, options).catch(async (error: Error) => {
    sessions.close();
    engine.close();
    await store.close();
    throw error;
  });

  const address = server.address() as AddressInfo;
  const hostInUrl = address.family === 'IPv6' || address.address.includes(':') ? `[${address.address}]` : address.address;
  return {
    url: `http://${hostInUrl}:${address.port}${MCP_PATH}`,
    port: address.port,
    store,
    get sessions() {
      return sessions.size;
    },
    close() {
      closing ??= (async () => {
        // Graceful: new requests get 503 (closing is set); running tasks get the grace period,
        // then fail with the shutdown message, which answers every pending tasks/result before
        // the sessions close.
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        await engine.shutdown(options.shutdownGraceMs ?? 0);
        await new Promise((resolve) => setTimeout(resolve, 50)); // let those answers reach their streams
        sessions.close();
        watch?.close();
        await Promise.allSettled(sessions.values().map((s) => s.mcp.close()));
        server.closeAllConnections();
        await stopped;
        await modern.close();
        engine.close(); // aborts running tasks
        await store.close();
      })();
      return closing;
    },
  };
}

function listen(server: Server, options: HttpServerOptions): Promise<void> {
  const port = options.port ?? DEFAULT_PORT;
  const host = options.host ?? DEFAULT_HOST;
  return new Promise<void>((resolve, rejectListen) => {
    server.once('error', (error: NodeJS.ErrnoException) => rejectListen(new Error(`cannot listen on ${host}:${port}: ${error.code ?? error.message}`)));
    server.listen(port, host, () => resolve());
  });
}

async function handle(shared: Shared, req: AuthedRequest, res: ServerResponse): Promise<void> {
  shared.watch?.observer.exchange(req, res);
  if (shared.watch?.handle(req, res)) return;
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (path !== MCP_PATH) return refuseAndClose(req, res, 404, 'not_found', `No MCP endpoint at ${path}; use ${MCP_PATH}`);
  // Stateless: no standalone SSE stream (GET) and no session to end (DELETE), so 405 for both.
  const allowed = shared.stateless ? ['POST'] : ['POST', 'GET', 'DELETE'];
  if (!allowed.includes(req.method ?? '')) {
    return refuseAndClose(req, res, 405, 'method_not_allowed', `${req.method} is not supported on ${MCP_PATH}${shared.stateless ? ' (a stateless server)' : ''}`, { Allow: allowed.join(', ') });
  }
  if (shared.closing()) return refuseAndClose(req, res, 503, 'shutting_down', 'The server is shutting down');
  const identity = authenticate(shared.options, req, res);
  if (identity === false) return;
  // initialize has its own limiter (sessions.ts); everything sent within sessions counts here.
  if (req.method === 'POST' && (shared.stateless || req.headers['mcp-session-id'] !== undefined) && !admitRequest(shared.limiter, req, res, clientKey(req, identity))) return;

  let body: unknown;
  if (req.method === 'POST') {
    const read = await readBody(req, MAX_BODY_BYTES, shared.budget);
    if (!read.ok) return refuseAndClose(req, res, read.status, read.status === 413 ? 'payload_too_large' : 'busy', read.reason, read.status === 503 ? { 'Retry-After': '1' } : {});
    try {
      body = JSON.parse(read.text);
    } catch {
      return sendJson(res, 400, rpcError(-32700, 'Parse error: the body is not valid JSON'));
    }
    const invalid = invalidEnvelope(body);
    if (invalid) return sendJson(res, 400, rpcError(-32600, `Invalid Request: ${invalid.problem}`, invalid.id));
    if (jsonDepth(read.text) > MAX_JSON_DEPTH) {
      const id = (body as { id?: unknown }).id;
      return sendJson(res, 400, rpcError(-32602, `Invalid params: JSON nested deeper than ${MAX_JSON_DEPTH} levels`, typeof id === 'string' || typeof id === 'number' ? id : null));
    }
  }

  // Each JSON-RPC request is dispatched inside its span (observability.ts), so the task a
  // tools/call creates links to it.
  if (shared.watch && req.method === 'POST') return shared.watch.observer.request(req, res, body, () => route(shared, req, res, body, identity));
  return route(shared, req, res, body, identity);
}

/** Where a checked request goes: the 2026 leg, the stateless path, its session, or a new session. */
async function route(shared: Shared, req: AuthedRequest, res: ServerResponse, body: unknown, identity: string | undefined): Promise<void> {
  // The SDK's own classification picks the generation: a 2026 request (per-request `_meta`
  // envelope) goes to the 2026 leg, everything else stays on the 2025 path below.
  if (req.method === 'POST' && (await shared.modern.claims(req, body))) {
    if (!shared.stateless && !admitRequest(shared.limiter, req, res, clientKey(req, identity))) return;
    return shared.modern.serve(req, res, body, identity, req.auth?.token);
  }
  if (shared.stateless) return shared.stateless.serve(req, res, body, identity);
  const sessionId = req.headers['mcp-session-id'];
  if (typeof sessionId === 'string') {
    const session = shared.sessions.get(sessionId);
    if (!session) return sendJson(res, 404, rpcError(-32001, 'Session not found'));
    if (session.identity !== identity) {
      return refuseAndClose(req, res, 403, 'forbidden', 'This session was opened with another identity');
    }
    const done = shared.sessions.begin(sessionId);
    res.once('close', done);
    if (req.method === 'POST') session.streams.track(body, res);
    return session.transport.handleRequest(req, res, body);
  }
  if (req.method !== 'POST' || !isInitializeRequest(body)) {
    return sendJson(res, 400, rpcError(-32000, 'Bad Request: no valid mcp-session-id header; start with an initialize request'));
  }
  return openSession(shared, req, res, body, identity);
}

/**
 * The token's owner name; undefined for a request allowed without a token; false when refused
 * (the 401 has been sent). Sets `req.auth` so the library binds tasks to the token (R76, R77).
 */
function authenticate(options: HttpServerOptions, req: AuthedRequest, res: ServerResponse): string | undefined | false {
  const { tokens } = options;
  if (!tokens || (options.allowAnonymous === true && req.headers.authorization === undefined)) return undefined;
  const token = bearerToken(req.headers.authorization);
  const owner = token === undefined ? undefined : tokens.ownerOf(token);
  if (token === undefined || owner === undefined) {
    const problem = req.headers.authorization === undefined ? 'Missing Authorization: Bearer <token> header' : 'Invalid bearer token';
    logLine({ event: 'auth.rejected', detail: problem, remote: req.socket.remoteAddress });
    refuseAndClose(req, res, 401, 'invalid_token', problem, { 'WWW-Authenticate': `Bearer realm="mcp-tasks-reference", error="invalid_token"` });
    return false;
  }
  req.auth = { token, clientId: owner, scopes: [] };
  return owner;
}

async function openSession(shared: Shared, req: AuthedRequest, res: ServerResponse, body: unknown, identity: string | undefined): Promise<void> {
  const ownerKey = clientKey(req, identity);
  const refusal = shared.sessions.admit(ownerKey);
  if (refusal) {
    logLine({ event: 'session.refused', detail: refusal.description, remote: req.socket.remoteAddress });
    return refuseAndClose(req, res, refusal.status, refusal.error, refusal.description, { 'Retry-After': String(refusal.retryAfterSeconds) });
  }
  const reference = createReferenceServer({ engine: shared.engine, list: true });
  const { mcp } = reference;
  const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
    sessionIdGenerator: randomUUID,
    onsessioninitialized: (id) => {
      shared.sessions.add(id, session, ownerKey);
      logLine({ event: 'session.opened', sessionId: id, owner: identity === undefined ? `session:${id}` : `auth:${identity}` });
    },
  });
  const session: Session = { transport, mcp, identity, streams: new RequestStreams(transport) };
  // Set before connect(): the SDK chains its own onclose after ours.
  transport.onclose = () => {
    const id = transport.sessionId;
    if (id !== undefined && shared.sessions.get(id) === session) {
      shared.sessions.delete(id);
      logLine({ event: 'session.closed', sessionId: id });
    }
  };
  await mcp.connect(shared.options.seam?.session?.(transport, reference) ?? transport);
  await transport.handleRequest(req, res, body);
  if (transport.sessionId === undefined) await mcp.close(); // the initialize was refused
}
