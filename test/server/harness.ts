/**
 * End-to-end harness for src/server: an SDK server (McpServer or low-level Server) with
 * `withTasks` and a few controllable tools on an `InMemoryTaskStore`, reached by an SDK `Client`
 * over `InMemoryTransport` (Streamable HTTP: http-harness.ts).
 * Requests are raw JSON-RPC (`client.request(..., ResultSchema)`), never the SDK's task helpers.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { CallToolRequestSchema, ListToolsRequestSchema, McpError, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import * as z from 'zod';
import { ManualClock } from '../../src/clock.js';
import type { TaskStore } from '../../src/contract.js';
import type { Owner } from '../../src/owner.js';
import { withTasks, type TasksServer, type WithTasksOptions } from '../../src/server/v2025/with-tasks.js';
import type { TaskToolExtra } from '../../src/server/v2025/task-tools.js';
import { InMemoryTaskStore, type InMemoryTaskStoreOptions } from '../../src/stores/memory.js';
import { ClientEnd, newClient } from './client-end.js';
import { bounded, deferred, WAIT_MS, type Deferred } from './waits.js';

export { ClientEnd, newClient, type WireTask } from './client-end.js';
export { bounded, deferred, WAIT_MS, type Deferred } from './waits.js';

export const RELATED = 'io.modelcontextprotocol/related-task';

export const text = (t: string): CallToolResult => ({ content: [{ type: 'text', text: t }] });

/** What a controllable tool does for one `id`; default: wait until the test releases it. */
export type Script = (extra: TaskToolExtra, args: { [key: string]: unknown }) => Promise<CallToolResult>;

interface Run {
  extra: TaskToolExtra;
  gate: Deferred<CallToolResult>;
}

/** Tools report here: invocation counts per tool, and each run (by `arguments.id`) can be driven. */
export class Control {
  readonly calls = new Map<string, number>();
  readonly #scripts = new Map<string, Script>();
  readonly #runs = new Map<string, Deferred<Run>>();

  count(tool: string): number {
    return this.calls.get(tool) ?? 0;
  }

  /** Give run `id` a behaviour (before calling the tool). */
  on(id: string, script: Script): void {
    this.#scripts.set(id, script);
  }

  /** Resolves with the handler extra once the run `id` has started. */
  started(id: string): Promise<TaskToolExtra> {
    return bounded(this.#run(id).promise, `tool run ${id} to start`).then((r) => r.extra);
  }

  /** Let the gated run `id` return `result` (default: text "done <id>"). */
  async release(id: string, result: CallToolResult = text(`done ${id}`)): Promise<void> {
    (await bounded(this.#run(id).promise, `tool run ${id}`)).gate.resolve(result);
  }

  /** Make the gated run `id` throw. */
  async fail(id: string, error: unknown): Promise<void> {
    (await bounded(this.#run(id).promise, `tool run ${id}`)).gate.reject(error);
  }

  async run(tool: string, args: { [key: string]: unknown }, extra: TaskToolExtra): Promise<CallToolResult> {
    this.calls.set(tool, this.count(tool) + 1);
    const id = typeof args.id === 'string' ? args.id : randomUUID();
    const gate = deferred<CallToolResult>();
    this.#run(id).resolve({ extra, gate });
    const script = this.#scripts.get(id);
    return script ? script(extra, args) : gate.promise;
  }

  #run(id: string): Deferred<Run> {
    let run = this.#runs.get(id);
    if (!run) this.#runs.set(id, (run = deferred<Run>()));
    return run;
  }
}

const idShape = { id: z.string() };

/**
 * An McpServer with tasks and the standard tools:
 * - `work` (optional), `needs_task` (required), `no_task` (forbidden), `absent` (no execution):
 *   registered with `tasks.registerTool`, driven by `Control`;
 * - `echo` (optional): returns `text` at once, `isError` when asked, throws `throwCode` when set;
 * - `plain`: `mcp.registerTool` + `setTaskSupport('optional')`; `plain_forbidden`: `mcp.registerTool` only.
 */
export function buildMcpServer(
  store: TaskStore,
  control: Control,
  options: Partial<WithTasksOptions> = {},
): { mcp: McpServer; tasks: TasksServer } {
  const mcp = new McpServer({ name: 'e2e', version: '1.0.0' });
  const tasks = withTasks(mcp, { store, ...options });
  tasks.registerTool('work', { inputSchema: idShape, execution: { taskSupport: 'optional' } }, (args, extra) =>
    control.run('work', args, extra),
  );
  tasks.registerTool('needs_task', { inputSchema: idShape, execution: { taskSupport: 'required' } }, (args, extra) =>
    control.run('needs_task', args, extra),
  );
  tasks.registerTool('no_task', { inputSchema: idShape, execution: { taskSupport: 'forbidden' } }, (args, extra) =>
    control.run('no_task', args, extra),
  );
  tasks.registerTool('absent', { inputSchema: idShape }, (args, extra) => control.run('absent', args, extra));
  tasks.registerTool(
    'echo',
    {
      inputSchema: { text: z.string().optional(), isError: z.boolean().optional(), throwCode: z.number().optional() },
      execution: { taskSupport: 'optional' },
    },
    async (args) => {
      control.calls.set('echo', control.count('echo') + 1);
      if (args.throwCode !== undefined)
        throw Object.assign(new Error(`echo threw ${args.throwCode}`), args.throwCode === 0 ? {} : { code: args.throwCode });
      return { ...text(args.text ?? 'echo'), ...(args.isError && { isError: true }) };
    },
  );
  mcp.registerTool('plain', { inputSchema: idShape }, (args, extra) => control.run('plain', args, extra));
  mcp.registerTool('plain_forbidden', { inputSchema: idShape }, (args, extra) => control.run('plain_forbidden', args, extra));
  tasks.setTaskSupport('plain', 'optional');
  return { mcp, tasks };
}

/** A low-level Server with its own tools/list and tools/call for the tool `low` (optional). */
export function buildLowLevelServer(
  store: TaskStore,
  control: Control,
  options: Partial<WithTasksOptions> = {},
): { server: Server; tasks: TasksServer } {
  const server = new Server({ name: 'e2e-low', version: '1.0.0' }, { capabilities: { tools: {} } });
  server.setRequestHandler(ListToolsRequestSchema, () => ({
    tools: [{ name: 'low', inputSchema: { type: 'object' as const, properties: { id: { type: 'string' } } } }],
  }));
  server.setRequestHandler(CallToolRequestSchema, (request, extra) => {
    if (request.params.name !== 'low') throw new McpError(-32602, `Unknown tool ${request.params.name}`);
    return control.run('low', request.params.arguments ?? {}, extra);
  });
  const tasks = withTasks(server, { store, taskSupport: { low: 'optional' }, ...options });
  return { server, tasks };
}

/** Make every message of this client transport carry `authInfo` for `token` (InMemoryTransport supports it). */
function authenticate(transport: InMemoryTransport, token: string): void {
  const send = transport.send.bind(transport);
  transport.send = (message, options) => send(message, { ...options, authInfo: { token, clientId: `client-${token}`, scopes: [] } });
}

export const ownerOf = (token: string): Owner => `auth:client-${token}`;

export interface MemoryHarnessOptions {
  store?: InMemoryTaskStoreOptions;
  /** Use this store instead (e.g. a subclass). */
  storeInstance?: InMemoryTaskStore;
  tasks?: Partial<WithTasksOptions>;
  /** Bearer token identity of the client (default "alice"); `false` for an anonymous client. */
  token?: string | false;
  lowLevel?: boolean;
  manualClock?: boolean;
}

export interface MemoryHarness {
  store: InMemoryTaskStore;
  clock: ManualClock | undefined;
  control: Control;
  tasks: TasksServer;
  mcp: McpServer | undefined;
  end: ClientEnd;
  owner: Owner;
  close(): Promise<void>;
}

/** One server (McpServer, or low-level with `lowLevel`) and one client over InMemoryTransport. */
export async function memoryHarness(options: MemoryHarnessOptions = {}): Promise<MemoryHarness> {
  const clock = options.manualClock ? new ManualClock() : undefined;
  const store = options.storeInstance ?? new InMemoryTaskStore({ ...options.store, ...(clock && { clock }) });
  const control = new Control();
  const built = options.lowLevel ? buildLowLevelServer(store, control, options.tasks) : buildMcpServer(store, control, options.tasks);
  const server: { connect(t: Transport): Promise<void>; close(): Promise<void> } = 'mcp' in built ? built.mcp : built.server;
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  const token = options.token ?? 'alice';
  if (token !== false) authenticate(clientTransport, token);
  await server.connect(serverTransport);
  const end = new ClientEnd(newClient());
  await end.client.connect(clientTransport);
  return {
    store,
    clock,
    control,
    tasks: built.tasks,
    mcp: 'mcp' in built ? built.mcp : undefined,
    end,
    owner: token === false ? 'anonymous' : ownerOf(token),
    async close() {
      await end.close();
      await server.close();
      built.tasks.engine.close();
      await store.close();
    },
  };
}

/** Assert that `promise` rejects with a JSON-RPC error `code` whose message matches every pattern. */
export async function rejectsRpc(promise: Promise<unknown>, code: number, ...patterns: (string | RegExp)[]): Promise<McpError> {
  let caught: unknown;
  try {
    const value = await promise;
    assert.fail(`expected JSON-RPC error ${code}, got result ${JSON.stringify(value)}`);
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof McpError, `expected an McpError, got ${String(caught)}`);
  assert.equal(caught.code, code, `expected code ${code}, got ${caught.code}: ${caught.message}`);
  for (const p of patterns) {
    if (typeof p === 'string')
      assert.ok(caught.message.includes(p), `message ${JSON.stringify(caught.message)} should include ${JSON.stringify(p)}`);
    else assert.match(caught.message, p);
  }
  return caught;
}

/** True if `promise` is still pending after the event loop has had a few turns (and one round trip). */
export async function isPending(promise: Promise<unknown>, roundTrip?: () => Promise<unknown>): Promise<boolean> {
  let settled = false;
  promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  if (roundTrip) await roundTrip();
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
  return !settled;
}

export const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** Poll `predicate` every few ms until it holds (bounded by WAIT_MS). */
export async function eventually(predicate: () => boolean, what: string, ms = WAIT_MS): Promise<void> {
  const deadline = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}
