/**
 * The reference server's seam: hooks that wrap what the server is built from, so a caller can
 * watch or change its traffic without editing its source. `startHttpServer({ seam })` takes one:
 * - `store`: wrap the shared task store once, before the engine and the sessions see it;
 * - `session`: wrap each 2025-11-25 session's transport before its McpServer connects to it
 *   (`InterceptedTransport` below: rewrite, drop, answer or inject JSON-RPC messages);
 * - `modern`: wrap the 2026-07-28 leg's web handler.
 * The requestor conformance kit records the wire through it
 * (conformance/client/scripted-server.ts, its one module that imports the reference server); the
 * defect catalogue (test/mutation/) plants one defect at a time through it. Without a seam
 * nothing here runs.
 */
import type { Transport, TransportSendOptions } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage, MessageExtraInfo } from '@modelcontextprotocol/sdk/types.js';
import type { McpHttpHandler } from '@modelcontextprotocol/server';
import type { TaskStore } from '../src/index.js';
import type { ReferenceServer } from './server.js';

export interface ServerSeam {
  /** Wrap the shared store once, before the engine and the sessions see it. */
  store?(store: TaskStore): TaskStore;
  /**
   * Wrap one session's transport before its McpServer connects to it (`--stateless`: each POST's,
   * and the McpServer is reused for many POSTs: register tools on it once).
   */
  session?(transport: Transport, server: ReferenceServer): Transport;
  /** Wrap the 2026-07-28 leg's web handler (modern.ts): see `rewriteModern`. */
  modern?(handler: McpHttpHandler): McpHttpHandler;
  /** A JSON body the HTTP handler refused before any session saw it (the library's `hooks.refused`). */
  refused?(body: unknown, sessionId: string | undefined, error: { code: number; message: string }): void;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** What an interceptor can do besides returning the (changed) message. */
export interface InterceptIo {
  /** Send a message to the client (e.g. answer a request the server never sees). */
  toClient(message: JSONRPCMessage): Promise<void>;
  /** Deliver a message to the server as if the client had sent it (with the last request's auth). */
  toServer(message: JSONRPCMessage): void;
  /** The method and params of a request the client sent on this session, by id. */
  request(id: unknown): { method: string; params: Json } | undefined;
  /** Every intercepted session of this seam (e.g. to broadcast). */
  readonly sessions: readonly InterceptedTransport[];
}

export interface Interceptor {
  /** A message from the client: return it (maybe changed), or null to drop it. */
  incoming?(message: Json, io: InterceptIo, extra: MessageExtraInfo | undefined): Json | null | undefined;
  /** A message to the client: return it (maybe changed), or null to drop it. */
  outgoing?(message: Json, io: InterceptIo): Json | null | undefined | Promise<Json | null | undefined>;
}

/** One session's transport with an interceptor between it and the McpServer. */
export class InterceptedTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: Transport['onmessage'];
  readonly #inner: Transport;
  readonly #interceptor: Interceptor;
  readonly #sessions: InterceptedTransport[];
  readonly #requests = new Map<unknown, { method: string; params: Json }>();
  #lastExtra: MessageExtraInfo | undefined;
  readonly io: InterceptIo;

  constructor(inner: Transport, interceptor: Interceptor, sessions: InterceptedTransport[]) {
    this.#inner = inner;
    this.#interceptor = interceptor;
    this.#sessions = sessions;
    this.io = {
      toClient: (message) => this.#inner.send(message),
      toServer: (message) => this.onmessage?.(message, this.#lastExtra),
      request: (id) => this.#requests.get(id),
      sessions,
    };
  }

  async start(): Promise<void> {
    const before = this.#inner.onclose;
    this.#inner.onclose = () => {
      before?.();
      const index = this.#sessions.indexOf(this);
      if (index >= 0) this.#sessions.splice(index, 1);
      this.onclose?.();
    };
    this.#inner.onerror = (error) => this.onerror?.(error);
    this.#inner.onmessage = (message, extra) => this.#fromClient(message as unknown as Json, extra);
    this.#sessions.push(this);
    await this.#inner.start();
  }

  #fromClient(message: Json, extra: MessageExtraInfo | undefined): void {
    if (typeof message.method === 'string' && message.id !== undefined) {
      this.#requests.set(message.id, { method: message.method, params: isObject(message.params) ? message.params : {} });
    }
    this.#lastExtra = extra;
    const changed = this.#interceptor.incoming ? this.#interceptor.incoming(message, this.io, extra) : message;
    if (changed === null) return;
    this.onmessage?.((changed ?? message) as unknown as JSONRPCMessage, extra);
  }

  async send(message: JSONRPCMessage, options?: TransportSendOptions): Promise<void> {
    const m = message as unknown as Json;
    const changed = this.#interceptor.outgoing ? await this.#interceptor.outgoing(m, this.io) : m;
    if (changed === null) return;
    await this.#inner.send((changed ?? m) as unknown as JSONRPCMessage, options);
  }

  /** Send to this session's client without interception (broadcasts). */
  sendRaw(message: JSONRPCMessage): Promise<void> {
    return this.#inner.send(message);
  }

  close(): Promise<void> {
    return this.#inner.close();
  }

  get sessionId(): string | undefined {
    return this.#inner.sessionId;
  }

  setProtocolVersion(version: string): void {
    this.#inner.setProtocolVersion?.(version);
  }
}
