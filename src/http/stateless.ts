/**
 * Stateless 2025-11-25 serving (`stateless: true`): no transport session. Each POST gets an
 * McpServer (server-2025.ts) from a pool of servers built once (server-pool.ts: per owner, one POST
 * at a time) and a fresh web-standard transport (`sessionIdGenerator: undefined`) on the
 * handler's one TaskEngine; the server is closed when the response ends and given back. So on a
 * shared store any instance can serve any request of any task, behind a load balancer without
 * affinity.
 *
 * What a session gave, and how it goes on without one (docs/operations.md, "Running several instances"):
 * - owners: bearer tokens only (the handler refuses to start without them); a session owner would
 *   be another owner on every request.
 * - the standalone GET stream: none; GET and DELETE answer 405 (router.ts), as the transport says
 *   for a server that offers no stream and no session to end. Status notifications go nowhere:
 *   clients poll `tasks/get` (R58). A task's progress (R24) is stored with it and carried by the
 *   `tasks/get` and `tasks/result` streams opened for it, on any instance, each value once
 *   (core/progress-recorder.ts, v2025/progress-carrier.ts).
 * - client capabilities: never seen (the `initialize` went to another server), so the requestor
 *   is taken to support what `stateless.clientCapabilities` says (default: elicitation and
 *   sampling, so no task is left unable to ask); a client that does not answers the carried
 *   request with an error, which the task sees.
 * - requests to the client (a question carried on a `tasks/result` or `tasks/get` stream): the
 *   answer comes back in a POST of its own, to any instance. A task's question goes out under an
 *   id naming its task and side-channel key (src/server/v2025/wire-answers.ts), so the instance
 *   that receives the answer stores it with the task (`answerCarried` on `engine.side`) and the
 *   worker holding the lease takes it; such a POST is answered 202 without building a server.
 *   Other requests get ids unique per process (`<instance>.<n>`), remembered with their
 *   transport and owner, so an answer POSTed to this instance reaches the request that asked.
 */
import { randomBytes } from 'node:crypto';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { isJSONRPCRequest, type JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import type { TaskEngine } from '../server/core/engine.js';
import { answerCarried, questionOfResponseId } from '../server/v2025/wire-answers.js';
import type { HttpLogger } from './options.js';
import { RequestStreams } from './request-streams.js';
import type { OnEnd } from './response-end.js';
import { reply, type Reply } from './router.js';
import type { Servers2025 } from './server-2025.js';
import { ServerPool } from './server-pool.js';

type RequestId = string | number;

/** What a stateless server assumes its requestors support by default (it never sees their `initialize`). */
export const ASSUMED_CLIENT_CAPABILITIES = Object.freeze({ elicitation: { form: {} }, sampling: {} });

/** A request this process sent to a client, waiting for the client's answer in a later POST. */
interface Asked {
  transport: Transport;
  /** The id its server gave it (the server's own counter, unique only within that server). */
  id: RequestId;
  /** Only the same token owner may answer it. */
  identity: string | undefined;
}

export interface StatelessOptions {
  engine: TaskEngine;
  servers: Servers2025;
  /** What the requestor is taken to support. */
  clientCapabilities: { [key: string]: unknown };
  log: HttpLogger;
}

export class StatelessRequests {
  readonly #pool: ServerPool;
  /** Random per process, so ids of two instances behind one balancer never collide. */
  readonly #prefix = `mcp-tasks.${randomBytes(6).toString('base64url')}.`;
  #sent = 0;
  readonly #asked = new Map<string, Asked>();

  constructor(private readonly options: StatelessOptions) {
    this.#pool = new ServerPool(() => options.servers.create({ clientCapabilities: options.clientCapabilities }));
  }

  /** The server pool's idle and built servers (tests, diagnostics). */
  get servers(): { idle: number; built: number } {
    return this.#pool.stats;
  }

  /** Requests to clients still waiting for an answer (tests, diagnostics). */
  get waiting(): number {
    return this.#asked.size;
  }

  /** Serve one POST (already authenticated, rate-limited and parsed by the router). */
  async serve(request: Request, body: unknown, identity: string | undefined, authInfo: AuthInfo | undefined): Promise<Reply> {
    const batch = Array.isArray(body);
    const answers = (batch ? body : [body]).map((message) => this.#answerOf(message, identity));
    await Promise.all(answers.filter((a): a is Promise<boolean> => a instanceof Promise));
    const rest = (batch ? body : [body]).filter((_, i) => answers[i] === false);
    if (rest.length === 0) return reply(new Response(null, { status: 202 }));
    const messages = batch ? rest : rest[0];
    // Without tokens there is no stateless serving (options.ts); '' only keeps the type honest.
    const owner = identity ?? '';
    const server = this.#pool.take(owner);
    let reusable = ServerPool.reusableAfter(messages);
    const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    const mine = this.#numberRequests(transport, identity);
    const streams = new RequestStreams(transport);
    const ended: OnEnd = () => {
      for (const id of mine) this.#asked.delete(id);
      void server.mcp.close().then(
        () => reusable && !server.mcp.isConnected() && this.#pool.give(owner, server),
        () => undefined,
      );
    };
    try {
      await this.options.servers.connect(server, transport);
      const tracked = streams.track(messages);
      const response = await transport.handleRequest(request, { parsedBody: messages, ...(authInfo && { authInfo }) });
      return reply(response, tracked ? [ended, tracked] : [ended]);
    } catch (error) {
      reusable = false;
      ended(false);
      throw error;
    }
  }

  /** Give each request the transport sends a process-unique id, remembered until answered or closed. */
  #numberRequests(transport: WebStandardStreamableHTTPServerTransport, identity: string | undefined): Set<string> {
    const mine = new Set<string>();
    const send = transport.send.bind(transport);
    transport.send = (message: JSONRPCMessage, options) => {
      if (!isJSONRPCRequest(message)) return send(message, options);
      // A task's question already names itself (its answer may reach any instance).
      if (questionOfResponseId(message.id)) return send(message, options);
      const id = `${this.#prefix}${++this.#sent}`;
      this.#asked.set(id, { transport, id: message.id, identity });
      mine.add(id);
      return send({ ...message, id }, options);
    };
    return mine;
  }

  /**
   * A client's answer: to a task's question, stored with the task (whichever instance asked);
   * to another request of ours, handed to the transport that asked. False if it is no answer.
   */
  #answerOf(message: unknown, identity: string | undefined): boolean | Promise<boolean> {
    if (typeof message !== 'object' || message === null || 'method' in message) return false;
    const { id } = message as { id?: unknown };
    if (!('result' in message) && !('error' in message)) return false;
    const question = questionOfResponseId(id);
    if (question && identity !== undefined) {
      // Not open any more: the engine's logger says so (task.answer_ignored).
      return answerCarried(this.options.engine.side, `auth:${identity}`, question, message).then(
        () => true,
        (error: unknown) => (this.options.log({ event: 'stateless.answer.failed', detail: String(error) }), true),
      );
    }
    return this.#deliverAnswer(message, id, identity);
  }

  #deliverAnswer(message: object, id: unknown, identity: string | undefined): boolean {
    if (typeof id !== 'string' || !id.startsWith(this.#prefix)) {
      this.options.log({ event: 'stateless.answer.unrouted', detail: 'an answer to a request this instance did not send' });
      return true;
    }
    const asked = this.#asked.get(id);
    if (!asked || asked.identity !== identity) {
      this.options.log({ event: 'stateless.answer.unrouted', detail: 'an answer to a request no longer waiting (or of another owner)' });
      return true;
    }
    this.#asked.delete(id);
    asked.transport.onmessage?.({ ...(message as JSONRPCMessage), id: asked.id } as JSONRPCMessage);
    return true;
  }
}
