/**
 * `TaskMonitor`: the tasks one engine sees, for the live task monitor (dashboard.ts). The store
 * contract lists tasks per owner only (`list(owner)`), and an operator must see every owner's, so
 * the monitor keeps its own registry, fed by the store's change events (every write of this
 * process; with a change feed, other processes' writes too) and the engine's progress reports:
 * the active tasks, plus the last `recentLimit` finished ones. It holds views (status, tool,
 * owner, times, message, progress, open questions), never a task's arguments, results or
 * variables. An owner's view is completed from `store.list(owner)` (`snapshot`), so it also shows
 * that owner's tasks seen only by other instances; the operator's view is this process's.
 *
 * Isolation is here, not in the page: `snapshot` and `subscribe` take a viewer, and a viewer that
 * is not an operator gets only tasks whose owner is its own.
 */
import { clockOf } from '../clock.js';
import type { TaskChange } from '../contract.js';
import type { Owner } from '../owner.js';
import type { TaskRecord } from '../record.js';
import { isTerminal, type TaskStatus } from '../status.js';
import type { TaskEngine } from '../server/core/engine.js';
import { toolOf, type ProgressReport } from '../server/core/observer.js';

/** Who looks: an owner sees its own tasks; an operator sees every owner's. */
export interface MonitorViewer {
  owner: Owner;
  operator: boolean;
}

/** A question a task waits on a person for. */
export interface QuestionView {
  key: string;
  method: string;
  /** The elicitation's message (or, for sampling, a fixed line); at most 500 characters. */
  message: string;
}

/** One task as the monitor shows it. */
export interface TaskView {
  taskId: string;
  owner: Owner;
  status: TaskStatus;
  tool: string;
  createdAt: number;
  lastUpdatedAt: number;
  expiresAt: number | null;
  statusMessage?: string;
  progress?: { progress: number; total?: number; message?: string };
  questions: QuestionView[];
}

export interface TaskMonitorOptions {
  /** Finished tasks kept (most recent first out). Default 200. */
  recentLimit?: number;
  /** Tasks kept at most (active and finished); past it the oldest are forgotten. Default 10 000. */
  maxTasks?: number;
}

const MAX_TEXT = 500;

export class TaskMonitor {
  readonly engine: TaskEngine;
  readonly #views = new Map<string, TaskView>();
  readonly #finished: string[] = [];
  readonly #listeners = new Set<{ viewer: MonitorViewer; send: (view: TaskView) => void }>();
  readonly #recentLimit: number;
  readonly #maxTasks: number;
  readonly #unsubscribe: (() => void)[];

  constructor(engine: TaskEngine, options: TaskMonitorOptions = {}) {
    this.engine = engine;
    this.#recentLimit = options.recentLimit ?? 200;
    this.#maxTasks = options.maxTasks ?? 10_000;
    this.#unsubscribe = [
      engine.store.onChange((change) => this.#onChange(change)),
      engine.onProgress((report) => this.#onProgress(report)),
    ];
  }

  /** The tasks `viewer` may see, newest first; an owner's completed with its stored ones (any instance). */
  async snapshot(viewer: MonitorViewer): Promise<TaskView[]> {
    this.#forgetExpired();
    const visible = [...this.#views.values()].filter((view) => canSee(viewer, view));
    if (!viewer.operator) {
      const known = new Set(visible.map((view) => view.taskId));
      const page = await this.engine.store.list(viewer.owner, { limit: this.engine.store.security.maxPageSize });
      for (const task of page.tasks) if (!known.has(task.taskId)) visible.push(viewOf(task));
    }
    return visible.sort((a, b) => b.createdAt - a.createdAt);
  }

  /** The view of one task if `viewer` may see it and the monitor knows it. */
  get(viewer: MonitorViewer, taskId: string): TaskView | undefined {
    const view = this.#views.get(taskId);
    return view && canSee(viewer, view) ? view : undefined;
  }

  /** Call `send` with each change of a task `viewer` may see; returns the removal function. */
  subscribe(viewer: MonitorViewer, send: (view: TaskView) => void): () => void {
    const listener = { viewer, send };
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Stop listening to the engine and its store. */
  close(): void {
    for (const unsubscribe of this.#unsubscribe) unsubscribe();
    this.#listeners.clear();
  }

  #onChange({ task }: TaskChange): void {
    const previous = this.#views.get(task.taskId);
    // Writes may be seen out of order across instances: never go back to an older version.
    if (previous && previous.lastUpdatedAt > task.lastUpdatedAt) return;
    const view = viewOf(task, previous?.progress);
    this.#put(view);
    if (isTerminal(task.status) && !(previous && isTerminal(previous.status))) this.#finish(task.taskId);
    this.#publish(view);
  }

  #onProgress(report: ProgressReport): void {
    const view = this.#views.get(report.taskId);
    if (!view || view.owner !== report.owner || isTerminal(view.status)) return;
    const progress = {
      progress: report.progress,
      ...(report.total !== undefined && { total: report.total }),
      ...(report.message !== undefined && { message: clip(report.message) }),
    };
    const next = { ...view, progress };
    this.#views.set(view.taskId, next);
    this.#publish(next);
  }

  #put(view: TaskView): void {
    this.#views.delete(view.taskId); // re-inserted last: the map's order is the order of last change
    this.#views.set(view.taskId, view);
    while (this.#views.size > this.#maxTasks) this.#views.delete(this.#views.keys().next().value!);
  }

  #finish(taskId: string): void {
    this.#finished.push(taskId);
    while (this.#finished.length > this.#recentLimit) this.#views.delete(this.#finished.shift()!);
  }

  /** Expired tasks are gone for every reader (no write announces it): forgotten here too. */
  #forgetExpired(): void {
    const now = clockOf(this.engine.store).now();
    for (const [taskId, view] of this.#views) if (view.expiresAt !== null && view.expiresAt <= now) this.#views.delete(taskId);
  }

  #publish(view: TaskView): void {
    for (const { viewer, send } of this.#listeners) if (canSee(viewer, view)) send(view);
  }
}

function canSee(viewer: MonitorViewer, view: TaskView): boolean {
  return viewer.operator || view.owner === viewer.owner;
}

/** What the monitor shows of a record: no arguments, results or variables. */
export function viewOf(task: TaskRecord, progress?: TaskView['progress']): TaskView {
  const questions = Object.entries(task.input?.requests ?? {}).map(([key, { method, params }]) => ({
    key,
    method,
    message: clip(
      method === 'elicitation/create' && typeof params.message === 'string'
        ? params.message
        : 'Waiting for the requestor to sample a message',
    ),
  }));
  return {
    taskId: task.taskId,
    owner: task.owner,
    status: task.status,
    tool: toolOf(task),
    createdAt: task.createdAt,
    lastUpdatedAt: task.lastUpdatedAt,
    expiresAt: task.expiresAt,
    ...(task.statusMessage !== undefined && { statusMessage: clip(task.statusMessage) }),
    ...(progress && !isTerminal(task.status) && { progress }),
    questions,
  };
}

function clip(text: string): string {
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text;
}
