/**
 * `CheckContext`: what a check body gets. The sessions of the run (identity A, and B when given),
 * what discovery learnt about the server (capabilities, tools, fixtures: server-view.ts, which it
 * extends), and helpers that keep the checks short: create a task, poll it (bounded, honouring
 * `pollInterval` capped at 200 ms), cancel leftovers, describe a wire reply. Every task a check
 * creates is cancelled at the end of the check if it is still running, so checks do not leak
 * active tasks into each other's quota.
 */
import { InconclusiveCheck, SkipCheck } from '../core/check.js';
import { isObject, type Json } from '../core/json.js';
import { isTerminalStatus } from '../core/wire.js';
import { describe } from './replies.js';
import type { Created, Polled, RunState, ToolCall } from './run-state.js';
import { ServerView } from './server-view.js';
import type { Sighting, WireReply, WireSession } from './session.js';

/** What B saw of a task of A (CheckContext.crossing). */
export interface Crossing {
  crosses: boolean;
  taskId: string;
  /** B's tasks/get of A's task. */
  seen: WireReply;
  /** B, as a report line says it. */
  who: string;
}

export * from './run-state.js';

export class CheckContext extends ServerView {
  readonly #run: RunState;
  readonly #signal: AbortSignal;
  readonly #tracked: { session: WireSession; taskId: string }[] = [];

  constructor(run: RunState, signal: AbortSignal) {
    super(run);
    this.#run = run;
    this.#signal = signal;
  }

  get signal(): AbortSignal {
    return this.#signal;
  }

  /** The server's URL (url targets only). */
  get url(): string | undefined {
    return this.#run.url;
  }

  /** The session of identity A (the only one over stdio). */
  a(): Promise<WireSession> {
    return this.#run.session('a');
  }

  /**
   * The session of identity B; skips the check when there is none. Without any token (url), B is
   * a second anonymous session: a second requestor where the server binds tasks to sessions.
   * Where it does not (a task of A is visible to B), the owner-isolation checks skip: that the
   * tasks cross requestors is the finding of iso.unbound-list and iso.unbound-tasks.
   */
  b(): Promise<WireSession> {
    if (!this.anonymousB) return this.otherRequestor();
    return this.crossing().then((c) => {
      if (c.crosses)
        throw new SkipCheck(
          `without tokens the kit uses a second session as a second requestor, but this server showed a task of one session to another (it does not bind tasks to sessions: see iso.unbound-list and iso.unbound-tasks): to test owner isolation by token, pass --auth-a VALUE --auth-b VALUE (config keys tokens.a, tokens.b)`,
        );
      return this.#run.session('b');
    });
  }

  /** B's session (a second token, or a second anonymous session), whether or not the server tells A and B apart. */
  otherRequestor(): Promise<WireSession> {
    if (this.transport === 'stdio')
      throw new SkipCheck('the target is --stdio: there is one identity only (no authentication), so owner isolation cannot be tested');
    if (!this.options.authB && this.options.authA)
      throw new SkipCheck('identity A has a token but no second identity was given: pass --auth-b VALUE (config key tokens.b)');
    return this.#run.session('b');
  }

  /** Whether B can read a task A just created (tasks/get from B): once per run. */
  crossing(): Promise<Crossing> {
    return this.memo('identity.crossing', async () => {
      const b = await this.otherRequestor();
      const call = this.quickTool();
      const { taskId } = this.needTask(await this.createTask(await this.a(), call), call);
      const seen = await b.call('tasks/get', { taskId });
      // Let it finish (a check's cleanup would cancel it), so what B reads later is its real end.
      await this.pollTerminal(await this.a(), taskId);
      return {
        crosses: seen.kind === 'result' && seen.result.taskId === taskId,
        taskId,
        seen,
        who: this.anonymousB ? 'another session (no credentials)' : 'identity B',
      };
    });
  }

  /** True when B is an anonymous second session rather than a second token. */
  get anonymousB(): boolean {
    return this.transport === 'url' && !this.options.authA && !this.options.authB;
  }

  /** A second session of identity A (the same token): the same owner. */
  a2(): Promise<WireSession> {
    if (this.transport === 'stdio') throw new SkipCheck('the target is --stdio: there is one session only');
    if (!this.options.authA)
      throw new SkipCheck(
        'no token was given, so a second session is another requestor, not the same owner: pass --auth-a VALUE (config key tokens.a)',
      );
    return this.#run.session('a2');
  }

  /** The run's wire recording and liveness watch (what server.alive reports from). */
  get run(): Pick<RunState, 'log' | 'liveness' | 'waitBudgetMs'> {
    return this.#run;
  }

  /** How long to wait for a task to end: at least `floorMs`, more on a server whose tools are slow. */
  waitMs(floorMs = 8_000): number {
    return Math.max(floorMs, this.#run.waitBudgetMs);
  }

  /** Run `probe` once per run and share its outcome between checks. */
  memo<T>(key: string, probe: () => Promise<T>): Promise<T> {
    let promise = this.#run.memos.get(key) as Promise<T> | undefined;
    if (!promise) this.#run.memos.set(key, (promise = probe()));
    return promise;
  }

  // ---- task helpers ----

  /** tools/call with `task`; the task (if any) is cancelled at the end of the check unless terminal. */
  async createTask(
    session: WireSession,
    call: ToolCall,
    options: { ttl?: number; task?: Json; progress?: boolean } = {},
  ): Promise<Created> {
    const task = options.task ?? (options.ttl === undefined ? {} : { ttl: options.ttl });
    const reply = await session.call(
      'tools/call',
      { name: call.name, arguments: call.args, task },
      {
        signal: this.#signal,
        ...(options.progress && { onprogress: () => {} }),
      },
    );
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

  pollTerminal(session: WireSession, taskId: string, timeoutMs = this.waitMs()): Promise<Polled> {
    return this.poll(session, taskId, (task) => isTerminalStatus(task.status), Math.max(timeoutMs, this.waitMs(0)));
  }

  /** Like `poll`, but a missing outcome skips (setup) or, when time ran out, is inconclusive. */
  async terminal(session: WireSession, taskId: string, what: string, timeoutMs = this.waitMs()): Promise<Json> {
    const budget = Math.max(timeoutMs, this.waitMs(0));
    const polled = await this.pollTerminal(session, taskId, budget);
    if (polled.reply.kind !== 'result') throw new SkipCheck(`setup failed: tasks/get of the ${what} task: ${describe(polled.reply)}`);
    if (polled.timedOut)
      throw new InconclusiveCheck(
        `the ${what} task did not reach a terminal status within ${budget} ms (statuses: ${polled.statuses.join(' -> ')})`,
      );
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

export { describe, expectResult, isError } from './replies.js';
