/**
 * `SyncWindow`: one call that the server may answer either way (the 2026-07-28 wire lets the
 * server decide per request whether to create a task; docs/2026-leg.md section 10). The work
 * starts at once, inline, with nothing stored. If it ends within `windowMs`, the call is answered
 * with its result (or its error) and no task ever exists. Otherwise, at the window's end, or as
 * soon as the work touches its task (a question, variables, a status message), the task is stored
 * under the ID reserved for it, the call is answered with it, and the SAME run goes on as that
 * task's execution: nothing runs twice, and from then on it is cancelled, asked and read like any
 * task.
 *
 * What exists while a call is in its window: the work, its `Execution` (not yet the engine's, so
 * not counted by `engine.running`), and the engine's per-owner window count; no store record, so a
 * call answered inline leaves nothing behind (nothing listed, nothing counted by the storage caps).
 * The store's quota applies when the task is created: a refusal aborts the work and is the call's
 * error, as it would have been for a call made a task at once.
 */
import { TaskNoLongerRunningError } from '../../errors/index.js';
import type { JsonObject } from '../../json.js';
import type { TaskRecord } from '../../record.js';
import type { Execution, TaskWork } from './execution.js';

/** How a call with a sync window was answered. */
export type CallOutcome =
  /** The work returned within the window: its result is the answer; no task exists. */
  | { type: 'complete'; result: JsonObject }
  /** The work threw within the window: its error is the answer; no task exists. */
  | { type: 'error'; error: unknown }
  /**
   * The call became a task (window over, or the work touched its task): the work goes on as it.
   * `ranMs`: how long it ran inline before (0 when it was a task at once).
   */
  | { type: 'task'; record: TaskRecord; ranMs: number };

export interface SyncWindowOptions {
  windowMs: number;
  /** The request's signal: while the call is in its window, its abort stops the work. */
  signal?: AbortSignal | undefined;
  /** Store the task under the execution's reserved ID and make the execution the engine's; rejects with the refusal (quota, storage caps, store down). */
  create(): Promise<TaskRecord>;
  /** The store's clock (ms): how long the call ran inline is told with the task. */
  now(): number;
  /** The window is over (answered inline, became a task, refused or cancelled): stop counting it. */
  closed(): void;
}

type State = 'window' | 'creating' | 'task' | 'over';

export class SyncWindow {
  /** Resolves with the answer to give the call; rejects with a refused task creation. */
  readonly outcome: Promise<CallOutcome>;
  readonly #options: SyncWindowOptions;
  #state: State = 'window';
  #execution: Execution | undefined;
  #created: Promise<boolean> | undefined;
  #timer: NodeJS.Timeout | undefined;
  #started = 0;
  #resolve!: (outcome: CallOutcome) => void;
  #reject!: (error: unknown) => void;
  readonly #onAbort = (): void => this.cancel(toError(this.#options.signal?.reason));

  constructor(options: SyncWindowOptions) {
    this.#options = options;
    this.outcome = new Promise((resolve, reject) => ((this.#resolve = resolve), (this.#reject = reject)));
  }

  /** For the execution's context: before the work touches its task, store it (the call becomes a task). */
  readonly ready = async (): Promise<void> => {
    if (!(await this.#promote())) throw new TaskNoLongerRunningError('The call ended without becoming a task');
  };

  /** Start `work` now, inline, as `execution` (built with `ready` above). */
  run(execution: Execution, work: TaskWork): void {
    this.#execution = execution;
    this.#started = this.#options.now();
    const { signal, windowMs } = this.#options;
    if (signal?.aborted) return this.cancel(toError(signal.reason));
    signal?.addEventListener('abort', this.#onAbort, { once: true });
    this.#timer = setTimeout(() => void this.#promote(), windowMs);
    let running: Promise<JsonObject>;
    try {
      running = Promise.resolve(work(execution.context));
    } catch (error) {
      running = Promise.reject(error);
    }
    running.then(
      (result) => this.#ended(running, { type: 'complete', result }),
      (error: unknown) => this.#ended(running, { type: 'error', error }),
    );
  }

  /** End the window without a task (the request was cancelled, the engine closes): the work is aborted. */
  cancel(reason: Error): void {
    if (this.#state !== 'window') return;
    this.#close('over');
    this.#execution?.abort(reason);
    this.#execution?.retire({ type: 'closed' });
    this.#resolve({ type: 'error', error: reason });
  }

  #ended(running: Promise<JsonObject>, outcome: CallOutcome): void {
    if (this.#state === 'window') {
      this.#close('over');
      this.#execution!.retire({ type: 'finished' });
      this.#resolve(outcome);
    } else if (this.#created) {
      // The call is (becoming) a task: its execution stores the outcome once the task exists.
      void this.#created.then((made) => made && this.#execution!.settle(running));
    }
  }

  /** Create the task, once; resolves whether the call is a task now. */
  #promote(): Promise<boolean> {
    if (this.#state === 'window') {
      this.#close('creating');
      this.#created = this.#options.create().then(
        (record) => {
          this.#state = 'task';
          this.#execution!.arm(record.ttl);
          this.#resolve({ type: 'task', record, ranMs: Math.max(0, record.createdAt - this.#started) });
          return true;
        },
        (error: unknown) => {
          this.#state = 'over';
          this.#execution!.abort(toError(error));
          this.#execution!.retire({ type: 'finished' });
          this.#reject(error);
          return false;
        },
      );
    }
    return this.#created ?? Promise.resolve(false);
  }

  #close(next: State): void {
    this.#state = next;
    clearTimeout(this.#timer);
    this.#options.signal?.removeEventListener('abort', this.#onAbort);
    this.#options.closed();
  }
}

function toError(reason: unknown): Error {
  return reason instanceof Error ? reason : new TaskNoLongerRunningError('The request was cancelled');
}

/**
 * The engine's calls in their window, per owner. An owner may have at most `perOwner()` (the
 * store's active-task quota) in their window on one engine: a call beyond becomes a task at once
 * and meets the store's quota, so a window never lets an owner run more than its quota of calls
 * past the store (no more than twice the quota of runs per instance, none beyond `windowMs`).
 */
export class SyncWindows {
  readonly #open = new Map<string, Set<SyncWindow>>();
  #closed: Error | undefined;

  constructor(private readonly perOwner: () => number) {}

  /** Calls in their window now, all owners (tests, diagnostics). */
  get size(): number {
    let n = 0;
    for (const windows of this.#open.values()) n += windows.size;
    return n;
  }

  /** Whether `owner` may open one more window. */
  admits(owner: string): boolean {
    return this.#closed === undefined && (this.#open.get(owner)?.size ?? 0) < this.perOwner();
  }

  /** Throws when the engine stopped (`cancelAll`): a task created meanwhile must not start running. */
  assertOpen(): void {
    if (this.#closed) throw this.#closed;
  }

  open(owner: string, options: Omit<SyncWindowOptions, 'closed'>): SyncWindow {
    const windows = this.#open.get(owner) ?? new Set<SyncWindow>();
    this.#open.set(owner, windows);
    const window: SyncWindow = new SyncWindow({
      ...options,
      closed: () => {
        windows.delete(window);
        if (windows.size === 0 && this.#open.get(owner) === windows) this.#open.delete(owner);
      },
    });
    windows.add(window);
    return window;
  }

  /** Settles once every window open now has been decided (answered, or a task). */
  decided(): Promise<unknown> {
    return Promise.allSettled([...this.#open.values()].flatMap((windows) => [...windows].map((window) => window.outcome)));
  }

  /** End every open window without a task (the engine stops); no window opens after. */
  cancelAll(reason: Error): void {
    this.#closed ??= reason;
    for (const windows of [...this.#open.values()]) for (const window of [...windows]) window.cancel(reason);
  }
}
