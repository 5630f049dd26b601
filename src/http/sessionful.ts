/**
 * Sessionful 2025-11-25 serving (the default): one McpServer (server-2025.ts) per session
 * (`mcp-session-id`) on SDK 1.x's web-standard Streamable HTTP transport, bounded by the
 * SessionRegistry (sessions.ts). SSE responses (no `enableJsonResponse`): JSON mode would drop the
 * side-channel requests `tasks/result` carries.
 */
import { randomUUID } from 'node:crypto';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { jsonResponse, rpcError } from './json-rpc.js';
import type { HttpLogger } from './options.js';
import { RequestStreams } from './request-streams.js';
import type { OnEnd } from './response-end.js';
import { reply, type Refusal, type Reply } from './router.js';
import type { Server2025, Servers2025 } from './server-2025.js';
import { SessionRegistry, type SessionLimits } from './sessions.js';

interface Session {
  transport: WebStandardStreamableHTTPServerTransport;
  server: Server2025;
  /** The token owner name that opened the session; undefined for a session without a token. */
  identity: string | undefined;
  streams: RequestStreams;
}

/** One request of the 2025 leg, authenticated and parsed. */
export interface SessionRequest {
  request: Request;
  body: unknown;
  identity: string | undefined;
  authInfo: AuthInfo | undefined;
  /** Who the request counts against (router.ts `clientKey`). */
  clientKey: string;
  /** The client's address, for the log. */
  remote: string | undefined;
}

export class Sessions2025 {
  readonly registry: SessionRegistry<Session>;

  constructor(
    private readonly servers: Servers2025,
    limits: SessionLimits,
    private readonly log: HttpLogger,
  ) {
    this.registry = new SessionRegistry<Session>(limits, (id, session) => {
      log({ event: 'session.expired', sessionId: id });
      void session.server.mcp.close();
    });
  }

  get size(): number {
    return this.registry.size;
  }

  /** Close every session's server. */
  async close(): Promise<void> {
    this.registry.close();
    await Promise.allSettled(this.registry.values().map((s) => s.server.mcp.close()));
  }

  async serve(call: SessionRequest): Promise<Reply | Refusal> {
    const { request, body } = call;
    const sessionId = request.headers.get('mcp-session-id');
    if (sessionId !== null) {
      const session = this.registry.get(sessionId);
      if (!session) return reply(jsonResponse(404, rpcError(-32001, 'Session not found')));
      if (session.identity !== call.identity)
        return {
          kind: 'refusal',
          status: 403,
          error: 'forbidden',
          description: 'This session was opened with another identity',
          headers: {},
        };
      const ends: OnEnd[] = [this.registry.begin(sessionId)];
      const tracked = request.method === 'POST' ? session.streams.track(body) : undefined;
      if (tracked) ends.push(tracked);
      try {
        return reply(
          await session.transport.handleRequest(request, { parsedBody: body, ...(call.authInfo && { authInfo: call.authInfo }) }),
          ends,
        );
      } catch (error) {
        for (const end of ends) end(false);
        throw error;
      }
    }
    if (request.method !== 'POST' || !isInitializeRequest(body)) {
      return reply(jsonResponse(400, rpcError(-32000, 'Bad Request: no valid mcp-session-id header; start with an initialize request')));
    }
    return this.#open(call);
  }

  async #open(call: SessionRequest): Promise<Reply | Refusal> {
    const { clientKey, identity } = call;
    const refusal = this.registry.admit(clientKey);
    if (refusal) {
      this.log({ event: 'session.refused', detail: refusal.description, remote: call.remote });
      return {
        kind: 'refusal',
        status: refusal.status,
        error: refusal.error,
        description: refusal.description,
        headers: { 'Retry-After': String(refusal.retryAfterSeconds) },
      };
    }
    const server = this.servers.create();
    const transport: WebStandardStreamableHTTPServerTransport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: randomUUID,
      onsessioninitialized: (id) => {
        this.registry.add(id, session, clientKey);
        this.log({ event: 'session.opened', sessionId: id, owner: identity === undefined ? `session:${id}` : `auth:${identity}` });
      },
    });
    const session: Session = { transport, server, identity, streams: new RequestStreams(transport) };
    // Set before connect(): the SDK chains its own onclose after ours.
    transport.onclose = () => {
      const id = transport.sessionId;
      if (id !== undefined && this.registry.get(id) === session) {
        this.registry.delete(id);
        this.log({ event: 'session.closed', sessionId: id });
      }
    };
    await this.servers.connect(server, transport);
    const response = await transport.handleRequest(call.request, {
      parsedBody: call.body,
      ...(call.authInfo && { authInfo: call.authInfo }),
    });
    if (transport.sessionId === undefined) await server.mcp.close(); // the initialize was refused
    return reply(response);
  }
}
