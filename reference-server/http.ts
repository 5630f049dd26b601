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
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { engineFor, jsonLinesLogger, type TaskStore, type TasksLogger } from '../src/index.js';
import { DEFAULT_HOST, DEFAULT_PORT } from './args.js';
import type { ServerSeam } from './defects.js';
import { createReferenceServer, engineOptions, openStore, logLine, type StoreOptions } from './server.js';
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
  /** Test only: plants a defect (reference-server/defects.ts, test/mutation/). */
  seam?: ServerSeam;
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

export async function startHttpServer(options: HttpServerOptions = {}): Promise<HttpServerHandle> {
  const { tokens } = options;
  const allowAnonymous = options.allowAnonymous === true;
  // Every HTTP requestor is identified (by token or by session), so the store may keep refusing
  // identity-less requests unless asked otherwise, and tasks/list is declared (R80).
  const opened = await openStore({ ...options, security: { ...options.security, ...(allowAnonymous && { allowAnonymous: true }) } });
  const store = options.seam?.store?.(opened) ?? opened;
  const logger = options.logger ?? jsonLinesLogger;
  const engine = engineFor(store, engineOptions(options, logger));
  const sessions = new Map<string, Session>();
  let closing: Promise<void> | undefined;

  const handle = async (req: AuthedRequest, res: ServerResponse): Promise<void> => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path !== MCP_PATH) return reject(req, res, 404, 'not_found', `No MCP endpoint at ${path}; use ${MCP_PATH}`);
    if (req.method !== 'POST' && req.method !== 'GET' && req.method !== 'DELETE') {
      return reject(req, res, 405, 'method_not_allowed', `${req.method} is not supported on ${MCP_PATH}`, { Allow: 'GET, POST, DELETE' });
    }
    if (closing) return reject(req, res, 503, 'shutting_down', 'The server is shutting down');

    let identity: string | undefined;
    if (tokens && !(allowAnonymous && req.headers.authorization === undefined)) {
      const token = bearerToken(req.headers.authorization);
      const owner = token === undefined ? undefined : tokens.ownerOf(token);
      if (token === undefined || owner === undefined) {
        const problem = req.headers.authorization === undefined ? 'Missing Authorization: Bearer <token> header' : 'Invalid bearer token';
        logLine({ event: 'auth.rejected', detail: problem, remote: req.socket.remoteAddress });
        return reject(req, res, 401, 'invalid_token', problem, { 'WWW-Authenticate': `Bearer realm="mcp-tasks-reference", error="invalid_token"` });
      }
      identity = owner;
      req.auth = { token, clientId: owner, scopes: [] };
    }

    let body: unknown;
    if (req.method === 'POST') {
      const read = await readBody(req, MAX_BODY_BYTES);
      if (read === 'too-large') {
        return reject(req, res, 413, 'payload_too_large', `The request body exceeds ${MAX_BODY_BYTES} bytes`);
      }
      try {
        body = JSON.parse(read);
      } catch {
        return sendJson(res, 400, rpcError(-32700, 'Parse error: the body is not valid JSON'));
      }
    }

    const sessionId = req.headers['mcp-session-id'];
    if (typeof sessionId === 'string') {
      const session = sessions.get(sessionId);
      if (!session) return sendJson(res, 404, rpcError(-32001, 'Session not found'));
      if (session.identity !== identity) {
        return reject(req, res, 403, 'forbidden', 'This session was opened with another identity');
      }
      return session.transport.handleRequest(req, res, body);
    }
    if (req.method !== 'POST' || !isInitializeRequest(body)) {
      return sendJson(res, 400, rpcError(-32000, 'Bad Request: no valid mcp-session-id header; start with an initialize request'));
    }

    const reference = createReferenceServer({ store, list: true, logger });
    const { mcp } = reference;
    const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
      sessionIdGenerator: randomUUID,
      onsessioninitialized: (id) => {
        sessions.set(id, session);
        logLine({ event: 'session.opened', sessionId: id, owner: identity === undefined ? `session:${id}` : `auth:${identity}` });
      },
    });
    const session: Session = { transport, mcp, identity };
    // Set before connect(): the SDK chains its own onclose after ours.
    transport.onclose = () => {
      const id = transport.sessionId;
      if (id !== undefined && sessions.get(id) === session) {
        sessions.delete(id);
        logLine({ event: 'session.closed', sessionId: id });
      }
    };
    await mcp.connect(options.seam?.session?.(transport, reference) ?? transport);
    await transport.handleRequest(req, res, body);
    if (transport.sessionId === undefined) await mcp.close(); // the initialize was refused
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      logLine({ event: 'http.error', detail: error instanceof Error ? error.message : String(error) });
      if (!res.headersSent) sendJson(res, 500, rpcError(-32603, 'Internal error'));
      else res.end();
    });
  });

  await new Promise<void>((resolve, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(options.port ?? DEFAULT_PORT, options.host ?? DEFAULT_HOST, () => {
      server.off('error', rejectListen);
      resolve();
    });
  }).catch(async (error: NodeJS.ErrnoException) => {
    engine.close();
    await store.close();
    throw new Error(`cannot listen on ${options.host ?? DEFAULT_HOST}:${options.port ?? DEFAULT_PORT}: ${error.code ?? error.message}`);
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
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        await Promise.allSettled([...sessions.values()].map((s) => s.mcp.close()));
        server.closeAllConnections();
        await stopped;
        engine.close(); // aborts running tasks
        await store.close();
      })();
      return closing;
    },
  };
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
