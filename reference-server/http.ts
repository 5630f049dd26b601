/**
 * Stateful Streamable HTTP on node:http: one McpServer per session (`mcp-session-id`), all on one
 * shared store. POST, GET (SSE) and DELETE on /mcp; 404 elsewhere; bodies over 4 MiB get 413.
 * SSE responses (no `enableJsonResponse`) so that tasks/result can carry elicitation requests.
 *
 * Identity: with a token table, every request needs `Authorization: Bearer <token>` (else 401);
 * the token's owner name becomes `req.auth.clientId`, so the library's owner is `auth:<name>` in
 * every session (R76, R77). Without tokens, each session is its own owner (`session:<id>`).
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { jsonLinesLogger, type TaskEngine, type TaskStore, type TasksLogger } from '../src/index.js';
import { DEFAULT_HOST, DEFAULT_PORT } from './args.js';
import { createEngine, createReferenceServer, openStore, logLine, type StoreOptions } from './server.js';
import { bearerToken, type TokenTable } from './tokens.js';

export const MCP_PATH = '/mcp';
export const MAX_BODY_BYTES = 4 * 1024 * 1024;

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

interface Session {
  transport: StreamableHTTPServerTransport;
  mcp: McpServer;
  /** The token owner name that opened the session; undefined for a session without a token. */
  identity: string | undefined;
}

type AuthedRequest = IncomingMessage & { auth?: AuthInfo };

/** What every request of one HTTP server shares. */
interface HttpState {
  readonly engine: TaskEngine;
  readonly sessions: Map<string, Session>;
  readonly tokens: TokenTable | undefined;
  readonly allowAnonymous: boolean;
  closing: Promise<void> | undefined;
}

/** A request already answered (refused) by a step of `handle`. */
const ANSWERED = Symbol('answered');

export async function startHttpServer(options: HttpServerOptions = {}): Promise<HttpServerHandle> {
  const allowAnonymous = options.allowAnonymous === true;
  // Every HTTP requestor is identified (by token or by session), so the store may keep refusing
  // identity-less requests unless asked otherwise, and tasks/list is declared (R80).
  const store = await openStore({ ...options, security: { ...options.security, ...(allowAnonymous && { allowAnonymous: true }) } });
  // One engine for every session: a task started in one session is awaited or cancelled from another.
  const engine = createEngine(store, options, options.logger ?? jsonLinesLogger);
  const state: HttpState = { engine, sessions: new Map(), tokens: options.tokens, allowAnonymous, closing: undefined };
  const server = createServer((req, res) => {
    handle(state, req, res).catch((error: unknown) => {
      logLine({ event: 'http.error', detail: error instanceof Error ? error.message : String(error) });
      if (!res.headersSent) sendJson(res, 500, rpcError(-32603, 'Internal error'));
      else res.end();
    });
  });
  await listen(server, options.port ?? DEFAULT_PORT, options.host ?? DEFAULT_HOST).catch(async (error: Error) => {
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
      return state.sessions.size;
    },
    close() {
      state.closing ??= (async () => {
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        await Promise.allSettled([...state.sessions.values()].map((s) => s.mcp.close()));
        server.closeAllConnections();
        await stopped;
        engine.close(); // aborts running tasks
        await store.close();
      })();
      return state.closing;
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise<void>((resolve, rejectListen) => {
    const onError = (error: NodeJS.ErrnoException) => rejectListen(new Error(`cannot listen on ${host}:${port}: ${error.code ?? error.message}`));
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

async function handle(state: HttpState, req: AuthedRequest, res: ServerResponse): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (path !== MCP_PATH) return reject(req, res, 404, 'not_found', `No MCP endpoint at ${path}; use ${MCP_PATH}`);
  if (req.method !== 'POST' && req.method !== 'GET' && req.method !== 'DELETE') {
    return reject(req, res, 405, 'method_not_allowed', `${req.method} is not supported on ${MCP_PATH}`, { Allow: 'GET, POST, DELETE' });
  }
  if (state.closing) return reject(req, res, 503, 'shutting_down', 'The server is shutting down');
  const identity = authenticate(state, req, res);
  if (identity === ANSWERED) return;
  const body = req.method === 'POST' ? await readJson(req, res) : undefined;
  if (body === ANSWERED) return;

  const sessionId = req.headers['mcp-session-id'];
  if (typeof sessionId === 'string') {
    const session = state.sessions.get(sessionId);
    if (!session) return sendJson(res, 404, rpcError(-32001, 'Session not found'));
    if (session.identity !== identity) {
      return reject(req, res, 403, 'forbidden', 'This session was opened with another identity');
    }
    return session.transport.handleRequest(req, res, body);
  }
  if (req.method !== 'POST' || !isInitializeRequest(body)) {
    return sendJson(res, 400, rpcError(-32000, 'Bad Request: no valid mcp-session-id header; start with an initialize request'));
  }
  return openSession(state, identity, req, res, body);
}

/** The token owner name of the request (undefined: no token needed), or ANSWERED with 401. */
function authenticate(state: HttpState, req: AuthedRequest, res: ServerResponse): string | undefined | typeof ANSWERED {
  const { tokens } = state;
  if (!tokens || (state.allowAnonymous && req.headers.authorization === undefined)) return undefined;
  const token = bearerToken(req.headers.authorization);
  const owner = token === undefined ? undefined : tokens.ownerOf(token);
  if (token === undefined || owner === undefined) {
    const problem = req.headers.authorization === undefined ? 'Missing Authorization: Bearer <token> header' : 'Invalid bearer token';
    logLine({ event: 'auth.rejected', detail: problem, remote: req.socket.remoteAddress });
    reject(req, res, 401, 'invalid_token', problem, { 'WWW-Authenticate': `Bearer realm="mcp-tasks-reference", error="invalid_token"` });
    return ANSWERED;
  }
  req.auth = { token, clientId: owner, scopes: [] };
  return owner;
}

/** The parsed JSON body, or ANSWERED with 413 (too large) or 400 (not JSON). */
async function readJson(req: IncomingMessage, res: ServerResponse): Promise<unknown> {
  const read = await readBody(req, MAX_BODY_BYTES);
  if (read === 'too-large') {
    reject(req, res, 413, 'payload_too_large', `The request body exceeds ${MAX_BODY_BYTES} bytes`);
    return ANSWERED;
  }
  try {
    return JSON.parse(read);
  } catch {
    sendJson(res, 400, rpcError(-32700, 'Parse error: the body is not valid JSON'));
    return ANSWERED;
  }
}

/** A new session: its own McpServer on the shared engine, answering the initialize request. */
async function openSession(state: HttpState, identity: string | undefined, req: AuthedRequest, res: ServerResponse, body: unknown): Promise<void> {
  const { mcp } = createReferenceServer({ engine: state.engine, list: true });
  const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
    sessionIdGenerator: randomUUID,
    onsessioninitialized: (id) => {
      state.sessions.set(id, session);
      logLine({ event: 'session.opened', sessionId: id, owner: identity === undefined ? `session:${id}` : `auth:${identity}` });
    },
  });
  const session: Session = { transport, mcp, identity };
  // Set before connect(): the SDK chains its own onclose after ours.
  transport.onclose = () => {
    const id = transport.sessionId;
    if (id !== undefined && state.sessions.get(id) === session) {
      state.sessions.delete(id);
      logLine({ event: 'session.closed', sessionId: id });
    }
  };
  await mcp.connect(transport);
  await transport.handleRequest(req, res, body);
  if (transport.sessionId === undefined) await mcp.close(); // the initialize was refused
}

/** The body as text, or 'too-large' once it exceeds `limit` bytes (the rest is drained). */
function readBody(req: IncomingMessage, limit: number): Promise<string | 'too-large'> {
  return new Promise((resolve, rejectRead) => {
    if (Number(req.headers['content-length'] ?? 0) > limit) {
      req.resume();
      return resolve('too-large');
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      req.off('data', onData);
      req.resume();
      resolve('too-large');
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.once('error', rejectRead);
  });
}

function rpcError(code: number, message: string) {
  return { jsonrpc: '2.0', error: { code, message }, id: null };
}

/** An HTTP-level refusal with an OAuth-style JSON body (as the SDK's bearer-auth middleware). */
function reject(req: IncomingMessage, res: ServerResponse, status: number, error: string, description: string, headers: Record<string, string> = {}): void {
  req.resume(); // discard any unread body
  sendJson(res, status, { error, error_description: description }, headers);
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...headers, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) }).end(text);
}
