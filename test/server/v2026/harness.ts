/**
 * Drives the 2026 leg through its fetch face (`createTasksHandler2026(...).fetch`), the way the
 * official kit does: one POST per request, the `_meta` envelope with per-request capabilities,
 * and the Mcp-Method / Mcp-Name headers. No HTTP server, no sessions.
 */
import type { AuthInfo, McpHttpHandler } from '@modelcontextprotocol/server';
import type { JsonObject } from '../../../src/json.js';
import { TaskEngine } from '../../../src/server/core/engine.js';
import type { DefinedTool } from '../../../src/server/core/tool-definition.js';
import { createTasksHandler2026, TASKS_EXTENSION_ID, type InputChannel, type Tool2026 } from '../../../src/server/v2026/index.js';
import type { SecurityConfig } from '../../../src/security.js';
import { InMemoryTaskStore } from '../../../src/stores/memory.js';
import { bounded, deferred, type Deferred } from '../waits.js';

export const WITH_TASKS = { extensions: { [TASKS_EXTENSION_ID]: {} } };
export const WITHOUT_TASKS = {};

export interface RpcOptions {
  capabilities?: JsonObject;
  headers?: Record<string, string>;
  authInfo?: AuthInfo;
}

export interface RpcReply {
  status: number;
  result?: JsonObject;
  error?: { code: number; message: string; data?: JsonObject };
}

let nextId = 1;

/** The kit's request: envelope in `_meta`, standard headers derived from the body. */
export function rpcRequest(method: string, params: JsonObject, options: RpcOptions = {}): Request {
  const meta = {
    'io.modelcontextprotocol/protocolVersion': '2026-07-28',
    'io.modelcontextprotocol/clientCapabilities': options.capabilities ?? WITH_TASKS,
  };
  const body = { jsonrpc: '2.0', id: nextId++, method, params: { ...params, _meta: meta } };
  const name = typeof params.taskId === 'string' ? params.taskId : typeof params.name === 'string' ? params.name : undefined;
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/json, text/event-stream',
    'mcp-protocol-version': '2026-07-28',
    'mcp-method': method,
    ...(name !== undefined && { 'mcp-name': name }),
    ...options.headers,
  };
  return new Request('http://127.0.0.1/mcp', { method: 'POST', headers, body: JSON.stringify(body) });
}

/** The JSON-RPC response in a JSON body or in the last `data:` line of an SSE body. */
async function replyOf(response: Response): Promise<RpcReply> {
  const text = await response.text();
  const json = response.headers.get('content-type')?.includes('text/event-stream')
    ? (text
        .split('\n')
        .filter((l) => l.startsWith('data:'))
        .map((l) => l.slice(5).trim())
        .pop() ?? '{}')
    : text;
  const message = JSON.parse(json) as { result?: JsonObject; error?: RpcReply['error'] };
  return { status: response.status, ...(message.result && { result: message.result }), ...(message.error && { error: message.error }) };
}

/** The JSON-RPC messages of an SSE body as they arrive (each `data:` of an event, parsed); ends with the stream. */
export async function* sseMessages(response: Response): AsyncGenerator<JsonObject> {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const event = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = event
        .split('\n')
        .filter((l) => l.startsWith('data:'))
        .map((l) => l.slice(5).trimStart())
        .join('\n');
      if (data !== '') yield JSON.parse(data) as JsonObject;
    }
  }
}

/** A tool whose runs the test ends: each call waits for its turn's outcome. */
export class ScriptedTool implements Tool2026 {
  readonly calls: Deferred<JsonObject>[] = [];
  /** How many calls have started. */
  runs = 0;
  /** The signal of each started call. */
  readonly signals: AbortSignal[] = [];
  constructor(
    readonly name: string,
    readonly taskSupport: Tool2026['taskSupport'],
  ) {}

  /** The outcome of the `n`th call (0-based): resolve with a result, reject with an error. */
  call(n: number): Deferred<JsonObject> {
    while (this.calls.length <= n) {
      const outcome = deferred<JsonObject>();
      outcome.promise.catch(() => undefined); // settled before the run starts is not "unhandled"
      this.calls.push(outcome);
    }
    return this.calls[n]!;
  }

  async run(_args: JsonObject, call: { signal: AbortSignal }): Promise<JsonObject> {
    const outcome = this.call(this.runs++);
    this.signals.push(call.signal);
    const aborted = new Promise<never>((_, reject) =>
      call.signal.addEventListener('abort', () => reject(call.signal.reason), { once: true }),
    );
    return Promise.race([outcome.promise, aborted]);
  }
}

/** Resolve once `predicate` holds, re-checking after each turn of the event loop (bounded). */
export function until(predicate: () => boolean, what: string): Promise<void> {
  return bounded(
    (async () => {
      while (!predicate()) await new Promise((resolve) => setImmediate(resolve));
    })(),
    what,
  );
}

export interface Leg {
  store: InMemoryTaskStore;
  engine: TaskEngine;
  /** The leg's fetch face itself (a listen's SSE stream, read with `sseMessages`). */
  handler: McpHttpHandler;
  rpc(method: string, params: JsonObject, options?: RpcOptions): Promise<RpcReply>;
  /** Poll tasks/get until the task is terminal (bounded, no timing asserted). */
  settled(taskId: string, options?: RpcOptions): Promise<JsonObject>;
  close(): Promise<void>;
}

/** The leg's own settings (e.g. `syncWindowMs: 0`: every call of a task-capable tool is a task at once). */
export interface LegOptions {
  syncWindowMs?: number;
  /** The store's security settings over `allowAnonymous` (e.g. a small quota). */
  security?: Partial<SecurityConfig>;
  /** The engine's sync window (ms). */
  engineWindowMs?: number;
}

export function startLeg(tools: (Tool2026 | DefinedTool)[], allowAnonymous = true, input?: InputChannel, options: LegOptions = {}): Leg {
  const store = new InMemoryTaskStore({ security: { allowAnonymous, ...options.security } });
  const engine = new TaskEngine({ store, ...(options.engineWindowMs !== undefined && { syncWindowMs: options.engineWindowMs }) });
  const handler = createTasksHandler2026({
    engine,
    tools,
    ...(input && { input }),
    ...(options.syncWindowMs !== undefined && { syncWindowMs: options.syncWindowMs }),
  });
  const rpc = async (method: string, params: JsonObject, options: RpcOptions = {}) =>
    replyOf(await handler.fetch(rpcRequest(method, params, options), options.authInfo ? { authInfo: options.authInfo } : {}));
  const settled = (taskId: string, options?: RpcOptions) =>
    bounded(
      (async () => {
        for (;;) {
          const reply = await rpc('tasks/get', { taskId }, options);
          const status = reply.result?.status;
          if (status === 'completed' || status === 'failed' || status === 'cancelled') return reply.result!;
          await new Promise((resolve) => setImmediate(resolve));
        }
      })(),
      `task ${taskId} to settle`,
    );
  return {
    store,
    engine,
    handler,
    rpc,
    settled,
    async close() {
      await handler.close();
      engine.close();
      await store.close();
    },
  };
}
