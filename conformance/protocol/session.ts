/**
 * `WireSession`: one SDK `Client` connection to the server under test, seen at the wire.
 *
 * The transport is wrapped by a tap that records every JSON-RPC message in both directions, so a
 * check reads the server's exact response (`result` object or `error` with its code, message and
 * data) rather than the SDK's interpretation of it (the client rebuilds errors as `McpError` with
 * a "MCP error <code>: " prefix, and validates results). Requests are raw
 * (`client.request({ method, params }, ResultSchema)`), never the SDK's task helpers. The server's
 * elicitation and sampling requests are answered as answers.ts says, each answer recorded.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { ResultSchema, type JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { isObject, type Json } from '../core/json.js';
import { STATUS_NOTIFICATION } from '../core/wire.js';
import { installAnswers, KIT_CLIENT_CAPABILITIES, type AnswerRecord } from './answers.js';
import { TapTransport } from './tap-transport.js';

/** The server's answer to one request, or `local` when none came (timeout, abort, closed connection). */
export type WireReply =
  | { kind: 'result'; result: Json; ms: number; requestId?: number | string }
  | { kind: 'error'; error: { code: number; message: string; data?: unknown }; ms: number; requestId?: number | string }
  | { kind: 'local'; message: string; ms: number; requestId?: number | string };

/** A message the server sent on its own: a notification or a request (e.g. elicitation/create). */
export interface Incoming {
  at: number;
  method: string;
  id?: number | string;
  params: Json;
}

/** A Task object seen on the wire, with where it came from. */
export interface Sighting {
  session: string;
  source: 'tools/call' | 'tasks/get' | 'tasks/list' | 'tasks/cancel' | 'notifications/tasks/status';
  /** Arrival time. */
  at: number;
  /** For responses: when the request was sent (anything sent after a sighting is causally later). */
  sentAt?: number;
  task: Json;
}

/** One HTTP POST of the Streamable HTTP transport (url targets only). */
export interface HttpExchange {
  at: number;
  methods: string[];
  status: number;
  contentType: string;
}

export interface CallOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Ask for progress: the SDK sets `params._meta.progressToken` to the request id. */
  onprogress?: () => void;
}

export interface WireSessionOptions {
  label: string;
  /** Text of the free-text fields of every elicitation form the kit fills (answers.ts). */
  answer: string;
  requestTimeoutMs: number;
  /** Aborts every call of this session (e.g. the check's timeout). */
  signal?: () => AbortSignal | undefined;
}

/** Messages kept per session for the evidence of failed checks (a long run forgets the oldest). */
export const WIRE_LOG_LIMIT = 5_000;

export class WireSession {
  readonly label: string;
  readonly client: Client;
  /** Notifications and requests from the server, in arrival order. */
  readonly incoming: Incoming[] = [];
  readonly sightings: Sighting[] = [];
  readonly http: HttpExchange[] = [];
  /** Errors the SDK client reported (e.g. progress for an unknown token). */
  readonly clientErrors: string[] = [];
  /** What the kit answered to each elicitation/create and sampling/createMessage, in order. */
  readonly answers: AnswerRecord[] = [];
  /** Every message both ways, the last WIRE_LOG_LIMIT of them: a failed check's evidence (wire-evidence.ts). */
  readonly wireLog: { at: number; from: 'client' | 'server'; message: Json }[] = [];
  initializeResult: Json | undefined;
  closed = false;
  /** Time limit of a request without its own; the runner raises it on a server with slow tools. */
  requestTimeoutMs: number;

  readonly #options: WireSessionOptions;
  readonly #transport: TapTransport;
  readonly #inner: Transport;
  readonly #sent = new Map<number | string, { method: string; at: number }>();
  readonly #responses = new Map<number | string, { at: number; message: Json }>();
  readonly #listeners = new Set<() => void>();
  #capture: ((id: number | string) => void) | undefined;

  constructor(inner: Transport, options: WireSessionOptions) {
    this.label = options.label;
    this.#options = options;
    this.requestTimeoutMs = options.requestTimeoutMs;
    this.#inner = inner;
    this.#transport = new TapTransport(inner, {
      in: (message) => this.#in(message),
      out: (message) => this.#out(message),
      closed: () => {
        this.closed = true;
        this.#notify();
      },
    });
    // Sampling is declared and answered too: a task may ask for a completion as it asks for input.
    this.client = new Client({ name: 'mcp-tasks-conformance', version: '1' }, { capabilities: structuredClone(KIT_CLIENT_CAPABILITIES) });
    this.client.onerror = (error) => void this.clientErrors.push(error.message);
    installAnswers(
      this.client,
      () => this.#options.answer,
      (answer) => this.answers.push(answer),
    );
  }

  /** Run `initialize` (the SDK's `connect`). */
  async connect(): Promise<void> {
    await this.client.connect(this.#transport, { timeout: this.#options.requestTimeoutMs });
  }

  /** Record an HTTP exchange (called by the fetch wrapper of url targets). */
  recordHttp(exchange: HttpExchange): void {
    this.http.push(exchange);
  }

  /**
   * Send one raw request and return the server's exact answer. Never throws for a server error;
   * `local` means no answer came (timeout, abort or closed connection).
   */
  async call(method: string, params?: Json, options: CallOptions = {}): Promise<WireReply> {
    const started = Date.now();
    const timeoutMs = options.timeoutMs ?? this.requestTimeoutMs;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new Error(`no response within ${timeoutMs} ms`)), timeoutMs);
    const outer = [options.signal, this.#options.signal?.()].filter((s): s is AbortSignal => s !== undefined);
    const onOuterAbort = () => controller.abort(new Error('aborted by the suite'));
    for (const s of outer) {
      if (s.aborted) onOuterAbort();
      else s.addEventListener('abort', onOuterAbort, { once: true });
    }
    let requestId: number | string | undefined;
    this.#capture = (id) => (requestId = id);
    let localMessage: string | undefined;
    try {
      const pending = this.client.request({ method, params } as never, ResultSchema, {
        timeout: timeoutMs + 5_000,
        signal: controller.signal,
        ...(options.onprogress && { onprogress: options.onprogress }),
      });
      this.#capture = undefined;
      await pending;
    } catch (error) {
      localMessage = controller.signal.aborted
        ? String((controller.signal.reason as Error | undefined)?.message ?? 'aborted')
        : this.closed
          ? 'the connection closed before the server answered'
          : (error as Error).message;
    } finally {
      this.#capture = undefined;
      clearTimeout(timer);
      for (const s of outer) s.removeEventListener('abort', onOuterAbort);
    }
    const ms = Date.now() - started;
    const raw = requestId === undefined ? undefined : this.#responses.get(requestId);
    if (requestId !== undefined) this.#responses.delete(requestId);
    if (raw) {
      const base = { ms, requestId: requestId as number | string };
      if (isObject(raw.message.error)) {
        const e = raw.message.error;
        return {
          kind: 'error',
          ...base,
          error: { code: e.code as number, message: String(e.message), ...(e.data !== undefined && { data: e.data }) },
        };
      }
      return {
        kind: 'result',
        ...base,
        result: isObject(raw.message.result) ? raw.message.result : { '(non-object result)': raw.message.result },
      };
    }
    return { kind: 'local', ms, message: localMessage ?? 'no response', ...(requestId !== undefined && { requestId }) };
  }

  /** Resolve with the first incoming message (already received or arriving within `ms`) that matches. */
  waitForIncoming(predicate: (message: Incoming) => boolean, ms: number, signal?: AbortSignal): Promise<Incoming | undefined> {
    const found = this.incoming.find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise((resolve) => {
      const done = (value: Incoming | undefined) => {
        clearTimeout(timer);
        this.#listeners.delete(listener);
        signal?.removeEventListener('abort', onAbort);
        resolve(value);
      };
      const listener = () => {
        const match = this.incoming.find(predicate);
        if (match) done(match);
        else if (this.closed) done(undefined);
      };
      const onAbort = () => done(undefined);
      const timer = setTimeout(() => done(undefined), ms);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#listeners.add(listener);
    });
  }

  /** Incoming messages of one method (optionally only those after `since`). */
  received(method: string, since = 0): Incoming[] {
    return this.incoming.filter((m) => m.method === method && m.at >= since);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    const http = this.#inner as Transport & { terminateSession?: () => Promise<void> };
    if (typeof http.terminateSession === 'function') await http.terminateSession().catch(() => {});
    await this.client.close().catch(() => {});
    this.closed = true;
  }

  #log(from: 'client' | 'server', message: Json): void {
    // A copy: the SDK may add to a message after the tap saw it.
    this.wireLog.push({ at: Date.now(), from, message: structuredClone(message) });
    if (this.wireLog.length > WIRE_LOG_LIMIT) this.wireLog.splice(0, this.wireLog.length - WIRE_LOG_LIMIT);
  }

  #out(message: JSONRPCMessage): void {
    const m = message as Json;
    this.#log('client', m);
    if (typeof m.method === 'string' && (typeof m.id === 'number' || typeof m.id === 'string')) {
      this.#sent.set(m.id, { method: m.method, at: Date.now() });
      this.#capture?.(m.id);
      this.#capture = undefined;
    }
  }

  #in(message: JSONRPCMessage): void {
    const m = message as Json;
    const at = Date.now();
    this.#log('server', m);
    if (typeof m.method === 'string') {
      const params = isObject(m.params) ? m.params : {};
      this.incoming.push({ at, method: m.method, params, ...((typeof m.id === 'number' || typeof m.id === 'string') && { id: m.id }) });
      if (m.method === STATUS_NOTIFICATION) this.sightings.push({ session: this.label, source: m.method, at, task: params });
    } else if (typeof m.id === 'number' || typeof m.id === 'string') {
      const sent = this.#sent.get(m.id);
      this.#sent.delete(m.id);
      if (sent?.method === 'initialize' && isObject(m.result)) this.initializeResult = m.result;
      else this.#responses.set(m.id, { at, message: m });
      if (sent && isObject(m.result)) this.#sight(sent.method, sent.at, at, m.result);
    }
    this.#notify();
  }

  #sight(method: string, sentAt: number, at: number, result: Json): void {
    const base = { session: this.label, at, sentAt };
    if (method === 'tools/call' && isObject(result.task)) this.sightings.push({ ...base, source: 'tools/call', task: result.task });
    else if ((method === 'tasks/get' || method === 'tasks/cancel') && typeof result.taskId === 'string')
      this.sightings.push({ ...base, source: method, task: result });
    else if (method === 'tasks/list' && Array.isArray(result.tasks)) {
      for (const task of result.tasks) if (isObject(task)) this.sightings.push({ ...base, source: 'tasks/list', task });
    }
  }

  #notify(): void {
    for (const listener of [...this.#listeners]) listener();
  }
}
