/**
 * TEST ONLY: helpers that build `ServerSeam`s (reference-server/seam.ts) for the defect
 * catalogue: a store whose methods can be overridden (`DelegatingStore`, `wrapStore`), sessions
 * through one interceptor (`interceptSessions`), and a rewriter of the 2026-07-28 leg's traffic
 * (`rewriteModern`).
 */
import type { McpHttpHandler } from '@modelcontextprotocol/server';
import type {
  CompleteInput,
  CreateTaskInput,
  InputCommand,
  InputCommandResult,
  ListOptions,
  Owner,
  StatusUpdate,
  TaskChange,
  TaskPage,
  TaskRecord,
  TaskResult,
  TaskStore,
} from '../../src/index.js';
import { InterceptedTransport, type Interceptor, type ServerSeam } from '../../reference-server/seam.js';

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

// ---- the store ----

type StoreMethods = Pick<
  TaskStore,
  'create' | 'get' | 'updateStatus' | 'setVariables' | 'complete' | 'getResult' | 'list' | 'cancel' | 'input'
>;

/** Overrides of a store's methods; each gets the inner store to delegate to. */
export type StoreOverrides = Partial<{
  [K in keyof StoreMethods]: (inner: TaskStore, ...args: Parameters<StoreMethods[K]>) => ReturnType<StoreMethods[K]>;
}>;

/** How records look to readers (e.g. timestamps rewritten); applied to every record handed out. */
export type RecordView = (record: TaskRecord) => TaskRecord;

/** A TaskStore that forwards to `inner`, except for the overridden methods and the record view. */
export class DelegatingStore implements TaskStore {
  readonly #inner: TaskStore;
  readonly #over: StoreOverrides;
  readonly #view: RecordView;

  constructor(inner: TaskStore, overrides: StoreOverrides = {}, view: RecordView = (r) => r) {
    this.#inner = inner;
    this.#over = overrides;
    this.#view = view;
  }

  get security() {
    return this.#inner.security;
  }
  get capabilities() {
    return this.#inner.capabilities;
  }

  async create(owner: Owner, input: CreateTaskInput): Promise<TaskRecord> {
    return this.#view(await (this.#over.create ? this.#over.create(this.#inner, owner, input) : this.#inner.create(owner, input)));
  }
  async get(owner: Owner, taskId: string): Promise<TaskRecord> {
    return this.#view(await (this.#over.get ? this.#over.get(this.#inner, owner, taskId) : this.#inner.get(owner, taskId)));
  }
  async updateStatus(owner: Owner, taskId: string, update: StatusUpdate): Promise<TaskRecord> {
    return this.#view(
      await (this.#over.updateStatus
        ? this.#over.updateStatus(this.#inner, owner, taskId, update)
        : this.#inner.updateStatus(owner, taskId, update)),
    );
  }
  async setVariables(owner: Owner, taskId: string, patch: Parameters<TaskStore['setVariables']>[2]): Promise<TaskRecord> {
    return this.#view(
      await (this.#over.setVariables
        ? this.#over.setVariables(this.#inner, owner, taskId, patch)
        : this.#inner.setVariables(owner, taskId, patch)),
    );
  }
  async complete(owner: Owner, taskId: string, input: CompleteInput): Promise<TaskRecord> {
    return this.#view(
      await (this.#over.complete ? this.#over.complete(this.#inner, owner, taskId, input) : this.#inner.complete(owner, taskId, input)),
    );
  }
  async getResult(owner: Owner, taskId: string): Promise<TaskResult> {
    const result = await (this.#over.getResult ? this.#over.getResult(this.#inner, owner, taskId) : this.#inner.getResult(owner, taskId));
    return { ...result, task: this.#view(result.task) };
  }
  async list(owner: Owner, options?: ListOptions): Promise<TaskPage> {
    const page = await (this.#over.list ? this.#over.list(this.#inner, owner, options) : this.#inner.list(owner, options));
    return { ...page, tasks: page.tasks.map(this.#view) };
  }
  async cancel(owner: Owner, taskId: string, statusMessage?: string): Promise<TaskRecord> {
    return this.#view(
      await (this.#over.cancel
        ? this.#over.cancel(this.#inner, owner, taskId, statusMessage)
        : this.#inner.cancel(owner, taskId, statusMessage)),
    );
  }
  async input(owner: Owner, taskId: string, command: InputCommand): Promise<InputCommandResult> {
    const result = await (this.#over.input
      ? this.#over.input(this.#inner, owner, taskId, command)
      : this.#inner.input(owner, taskId, command));
    return { ...result, task: this.#view(result.task) };
  }
  cleanup(): Promise<number> {
    return this.#inner.cleanup();
  }
  onChange(listener: (change: TaskChange) => void): () => void {
    return this.#inner.onChange((change) => listener({ ...change, task: this.#view(change.task) }));
  }
  close(): Promise<void> {
    return this.#inner.close();
  }
}

/** A seam whose sessions all go through `interceptor` (one shared list of sessions per seam). */
export function interceptSessions(interceptor: Interceptor, store?: ServerSeam['store']): ServerSeam {
  const sessions: InterceptedTransport[] = [];
  return { ...(store && { store }), session: (transport) => new InterceptedTransport(transport, interceptor, sessions) };
}

/** A seam that only wraps the store. */
export function wrapStore(overrides: StoreOverrides, view?: RecordView): ServerSeam {
  return { store: (inner) => new DelegatingStore(inner, overrides, view) };
}

// ---- the 2026-07-28 leg ----

type HandlerOptions = NonNullable<Parameters<McpHttpHandler['fetch']>[1]>;

/** What a 2026 defect may change: the request (body, auth) before the leg, each response message after. */
export interface ModernEdit {
  request?(body: Json, options: HandlerOptions): { body: Json; options: HandlerOptions };
  /** A JSON-RPC response to `request` (the body as the leg saw it): return it changed, or undefined for as is. */
  response?(message: Json, request: Json, options: HandlerOptions): Json | undefined;
  /** A notification on the SSE response to `request` (e.g. a listen's): the messages to send instead (none drops it), or undefined for as is. */
  notification?(message: Json, request: Json, options: HandlerOptions): Json[] | undefined;
}

/** A seam that rewrites the 2026 leg's traffic (JSON or SSE responses alike). */
export function rewriteModern(edit: ModernEdit): ServerSeam {
  return {
    modern: (handler) =>
      withFetch(handler, async (req, options = {}) => {
        const seen = isObject(options.parsedBody) ? options.parsedBody : undefined;
        const { body, options: opts } = seen && edit.request ? edit.request(seen, options) : { body: seen, options };
        const response = await handler.fetch(req, body ? { ...opts, parsedBody: body } : opts);
        if (!body || (!edit.response && !edit.notification) || response.body === null) return response;
        const one = (json: string): string => {
          const message = parseOr(json);
          if (!isObject(message)) return json;
          if (message.id === body.id && edit.response)
            return JSON.stringify(edit.response(structuredClone(message), body, opts) ?? message);
          const instead =
            message.id === undefined && edit.notification ? edit.notification(structuredClone(message), body, opts) : undefined;
          // Several messages in place of one: one SSE event each.
          return instead === undefined ? json : instead.map((m) => JSON.stringify(m)).join('\n\nevent: message\ndata: ');
        };
        const text = await response.text();
        const sse = (response.headers.get('content-type') ?? '').includes('text/event-stream');
        const headers = new Headers(response.headers);
        headers.delete('content-length');
        return new Response(sse ? text.replace(/^data: ?(.*)$/gm, (_, json: string) => `data: ${one(json)}`) : one(text), {
          status: response.status,
          headers,
        });
      }),
  };
}

function parseOr(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return undefined;
  }
}

/** `handler` with its `fetch` replaced (everything else still the handler's own, bound to it). */
function withFetch(handler: McpHttpHandler, fetch: McpHttpHandler['fetch']): McpHttpHandler {
  return new Proxy(handler, {
    get: (target, key) => {
      if (key === 'fetch') return fetch;
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
