/**
 * `CheckContext`: what a check body gets. The sessions of the run (identity A, and B when given),
 * what discovery learnt about the server (capabilities, tools, fixtures), and helpers that keep
 * the checks short: create a task, poll it (bounded, honouring `pollInterval` capped at 200 ms),
 * cancel leftovers, describe a wire reply. Every task a check creates is cancelled at the end of
 * the check if it is still running, so checks do not leak active tasks into each other's quota.
 */
import { brief, CheckFailure, isTerminalStatus, SkipCheck } from './check.js';
import type { Identity } from './target.js';
import type { Sighting, WireReply, WireSession } from './session.js';

export type Json = Record<string, unknown>;
export const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The documented fixture tools (conformance/README.md, reference-server/FIXTURES.md). */
export const FIXTURE_NAMES = [
  'echo',
  'delay',
  'fail_result',
  'throw_error',
  'ask_input',
  'until_cancelled',
  'count_steps',
  'support_forbidden',
  'support_optional',
  'support_required',
] as const;
export type FixtureName = (typeof FIXTURE_NAMES)[number];

export interface ToolInfo {
  name: string;
  /** `execution.taskSupport` as sent (undefined when absent: the default, "forbidden"). */
  taskSupport: unknown;
  raw: Json;
}

export interface ServerFacts {
  serverInfo?: { name?: unknown; version?: unknown };
  /** The raw `capabilities` of the initialize result. */
  capabilities?: Json;
  tools: ToolInfo[];
  toolsError?: string;
  connectError?: string;
}

export interface ToolCall {
  name: string;
  args: Json;
}

export interface ResolvedOptions {
  authA?: Identity;
  authB?: Identity;
  tool?: ToolCall;
  maxTasksPerOwner?: number;
  maxTtlMs?: number;
  answer: string;
  checkTimeoutMs: number;
  requestTimeoutMs: number;
  paginationTasks: number;
}

/** The run-wide state a context reads (implemented by the runner). */
export interface RunState {
  readonly options: ResolvedOptions;
  readonly facts: ServerFacts;
  readonly transport: 'url' | 'stdio';
  session(which: 'a' | 'b'): Promise<WireSession>;
  readonly sessions: readonly WireSession[];
  readonly memos: Map<string, Promise<unknown>>;
  /** A further session of the same identity (R76: the owner is the identity, not the session). */
  openSession?(which: 'a' | 'b', label: string): Promise<WireSession>;
}

export interface Created {
  reply: WireReply;
  taskId?: string;
  task?: Json;
  /** The progressToken sent, when progress was requested. */
  progressToken?: number | string;
  /** When the CreateTaskResult arrived. */
  at: number;
}

export interface Polled {
  reply: WireReply;
  task?: Json;
  statuses: string[];
  timedOut: boolean;
}

export class CheckContext {
  readonly options: ResolvedOptions;
  readonly facts: ServerFacts;
  readonly transport: 'url' | 'stdio';
  readonly #run: RunState;
  readonly #signal: AbortSignal;
  readonly #tracked: { session: WireSession; taskId: string }[] = [];

  constructor(run: RunState, signal: AbortSignal) {
    this.#run = run;
    this.options = run.options;
    this.facts = run.facts;
    this.transport = run.transport;
    this.#signal = signal;
  }

  get signal(): AbortSignal {
    return this.#signal;
  }

  /** The session of identity A (the only one over stdio). */
  a(): Promise<WireSession> {
    return this.#run.session('a');
  }

  /** The session of identity B; skips the check when none was configured. */
  b(): Promise<WireSession> {
    if (this.transport === 'stdio') throw new SkipCheck('the target is --stdio: there is one identity only (no authentication), so owner isolation cannot be tested');
    if (!this.options.authB) throw new SkipCheck('no second identity was given (--auth-b / authB)');
    return this.#run.session('b');
  }

  /** A new session of identity A or B (url targets with that identity only); skips otherwise. */
  async newSession(which: 'a' | 'b', label: string): Promise<WireSession> {
    if (which === 'b') await this.b();
    if (this.transport === 'stdio' || !this.#run.openSession) throw new SkipCheck('a second session of one identity needs a url target');
    return this.#run.openSession(which, label);
  }

  /** Run `probe` once per run and share its outcome between checks. */
  memo<T>(key: string, probe: () => Promise<T>): Promise<T> {
    let promise = this.#run.memos.get(key) as Promise<T> | undefined;
    if (!promise) this.#run.memos.set(key, (promise = probe()));
    return promise;
  }

  // ---- capabilities and tools ----

  get tasksCapability(): Json | undefined {
    const tasks = this.facts.capabilities?.tasks;
    return isObject(tasks) ? tasks : undefined;
  }

  declares(what: 'list' | 'cancel' | 'tools.call'): boolean {
    const tasks = this.tasksCapability;
    if (!tasks) return false;
    if (what === 'tools.call') {
      const requests = tasks.requests;
      return isObject(requests) && isObject(requests.tools) && requests.tools.call !== undefined && requests.tools.call !== null;
    }
    return tasks[what] !== undefined && tasks[what] !== null;
  }

  requireCapability(what: 'list' | 'cancel' | 'tools.call'): void {
    const path = what === 'tools.call' ? 'tasks.requests.tools.call' : `tasks.${what}`;
    if (!this.declares(what)) throw new SkipCheck(`the server does not declare capabilities.${path}`);
  }

  tool(name: string): ToolInfo | undefined {
    return this.facts.tools.find((t) => t.name === name);
  }

  supportOf(name: string): string {
    const support = this.tool(name)?.taskSupport;
    return support === undefined ? 'forbidden' : String(support);
  }

  hasFixture(name: FixtureName): boolean {
    return this.tool(name) !== undefined;
  }

  /** The fixture tool, or skip the check. */
  fixture(name: FixtureName): ToolInfo {
    const tool = this.tool(name);
    if (!tool) throw new SkipCheck(`the server offers no "${name}" fixture tool (see conformance/README.md, "Fixture tools")`);
    return tool;
  }

  /** A tool that runs as a task and completes at once. */
  quickTool(): ToolCall {
    this.requireCapability('tools.call');
    for (const name of ['support_optional', 'support_required'] as const) if (this.hasFixture(name)) return { name, args: {} };
    if (this.hasFixture('delay')) return { name: 'delay', args: { ms: 0 } };
    const given = this.options.tool;
    if (given && this.supportOf(given.name) !== 'forbidden') return given;
    if (given) throw new SkipCheck(`--tool ${given.name} does not declare taskSupport optional or required`);
    throw new SkipCheck('no task-capable tool that completes is known: offer the fixture tools, or pass --tool NAME --args JSON');
  }

  /** A tool that runs as a task for about `ms` (or until cancelled). */
  slowTool(ms: number): ToolCall {
    this.requireCapability('tools.call');
    if (this.hasFixture('delay')) return { name: 'delay', args: { ms } };
    if (this.hasFixture('until_cancelled')) return { name: 'until_cancelled', args: { maxMs: ms } };
    throw new SkipCheck('the server offers neither the "delay" nor the "until_cancelled" fixture tool');
  }

  // ---- task helpers ----

  /** tools/call with `task`; the task (if any) is cancelled at the end of the check unless terminal. */
  async createTask(session: WireSession, call: ToolCall, options: { ttl?: number; task?: Json; progress?: boolean } = {}): Promise<Created> {
    const task = options.task ?? (options.ttl === undefined ? {} : { ttl: options.ttl });
    const reply = await session.call('tools/call', { name: call.name, arguments: call.args, task }, {
      signal: this.#signal,
      ...(options.progress && { onprogress: () => {} }),
    });
    const created: Created = { reply, at: Date.now() };
    if (options.progress && reply.requestId !== undefined) created.progressToken = reply.requestId;
    if (reply.kind === 'result' && isObject(reply.result.task) && typeof reply.result.task.taskId === 'string') {
      created.task = reply.result.task;
      created.taskId = reply.result.task.taskId;
      this.#tracked.push({ session, taskId: created.taskId });
    }
    return created;
  }

  /** The created task, or skip: this check needs a task and creation is another check's subject. */
  needTask(created: Created, call: ToolCall): { taskId: string; task: Json } {
    if (created.taskId !== undefined && created.task) return { taskId: created.taskId, task: created.task };
    throw new SkipCheck(`setup failed: tools/call ${call.name} with task did not return a CreateTaskResult (${describe(created.reply)})`);
  }

  /** Poll tasks/get until `done(task)` or `timeoutMs`; honours pollInterval, capped at 200 ms. */
  async poll(session: WireSession, taskId: string, done: (task: Json) => boolean, timeoutMs = 8_000): Promise<Polled> {
    const deadline = Date.now() + timeoutMs;
    const statuses: string[] = [];
    for (;;) {
      const reply = await session.call('tasks/get', { taskId }, { signal: this.#signal });
      if (reply.kind !== 'result') return { reply, statuses, timedOut: false };
      const task = reply.result;
      if (statuses.at(-1) !== String(task.status)) statuses.push(String(task.status));
      if (done(task)) return { reply, task, statuses, timedOut: false };
      if (Date.now() >= deadline || this.#signal.aborted) return { reply, task, statuses, timedOut: true };
      const interval = typeof task.pollInterval === 'number' && task.pollInterval > 0 ? task.pollInterval : 100;
      await this.sleep(Math.min(Math.max(interval, 20), 200, Math.max(deadline - Date.now(), 0)));
    }
  }

  pollTerminal(session: WireSession, taskId: string, timeoutMs = 8_000): Promise<Polled> {
    return this.poll(session, taskId, (task) => isTerminalStatus(task.status), timeoutMs);
  }

  /** Like `poll`, but a missing outcome makes the check fail (or skip, for setup). */
  async terminal(session: WireSession, taskId: string, what: string, timeoutMs = 8_000): Promise<Json> {
    const polled = await this.pollTerminal(session, taskId, timeoutMs);
    if (polled.reply.kind !== 'result') throw new SkipCheck(`setup failed: tasks/get of the ${what} task: ${describe(polled.reply)}`);
    if (polled.timedOut) throw new SkipCheck(`setup failed: the ${what} task did not reach a terminal status within ${timeoutMs} ms (statuses: ${polled.statuses.join(' -> ')})`);
    return polled.task!;
  }

  /** Every Task seen on the wire for `taskId`, in arrival order, over all sessions. */
  sightings(taskId?: string): Sighting[] {
    const all = this.#run.sessions.flatMap((s) => s.sightings);
    return (taskId === undefined ? all : all.filter((s) => s.task.taskId === taskId)).sort((x, y) => x.at - y.at);
  }

  /** Cancel the check's tasks that are not known to be terminal (best effort). */
  async cleanup(): Promise<void> {
    for (const { session, taskId } of this.#tracked.splice(0)) {
      const last = this.sightings(taskId).at(-1);
      if (last && isTerminalStatus(last.task.status)) continue;
      if (session.closed) continue;
      await session.call('tasks/cancel', { taskId }, { timeoutMs: 2_000 }).catch(() => {});
    }
  }

  sleep(ms: number): Promise<void> {
    const signal = this.#signal;
    return new Promise((resolve) => {
      if (signal.aborted) return resolve();
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        // A sleep that ends by its timer must drop its listener: a check polls many times on one
        // signal, and 11 listeners left on it made Node print MaxListenersExceededWarning.
        signal.removeEventListener('abort', done);
        resolve();
      }
      signal.addEventListener('abort', done, { once: true });
    });
  }
}

/** A reply as a report line: `error -32602 "Task not found"`, `result {...}`, `no answer (...)`. */
export function describe(reply: WireReply): string {
  if (reply.kind === 'result') return `result ${brief(reply.result)}`;
  if (reply.kind === 'error') {
    const data = reply.error.data === undefined ? '' : ` data ${brief(reply.error.data, 120)}`;
    return `error ${reply.error.code} ${JSON.stringify(reply.error.message.length > 300 ? `${reply.error.message.slice(0, 299)}…` : reply.error.message)}${data}`;
  }
  return `no answer (${reply.message})`;
}

/** Throw a failure unless the reply is a JSON-RPC result; returns the result. */
export function expectResult(reply: WireReply, expected: string): Json {
  if (reply.kind === 'result') return reply.result;
  throw new CheckFailure(describe(reply), expected);
}

/** True when the reply is a JSON-RPC error with `code`. */
export function isError(reply: WireReply, code?: number): reply is Extract<WireReply, { kind: 'error' }> {
  return reply.kind === 'error' && (code === undefined || reply.error.code === code);
}
