/**
 * `EngineObserver`: what the engine tells its metrics and tracing about the tasks it runs, in one
 * place, so the engine and an execution each make one call per event. Per run it hands out an
 * `ObservedTask` (kept by the `Execution`): its status changes, questions, progress and end move
 * the gauges (`mcp_tasks_active`, `mcp_tasks_questions_waiting`), counters and histograms of
 * src/observe/metrics.ts and the run's span (src/observe/tracing.ts). Counts are of this engine's
 * runs (per instance: a Prometheus sum over instances adds them up), never of another process's.
 *
 * A task's own times (its life, a question's wait) are measured on the store's clock, which
 * wrote its instants; the children of fixed labels are made once here, so the hot path does no
 * label lookup. Progress listeners (`onProgress`) serve the live monitor (progress is not stored).
 */
import type { Clock } from '../../clock.js';
import type { InputMethod } from '../../contract.js';
import type { JsonObject } from '../../json.js';
import {
  ChildCache,
  noopMetrics,
  type CounterChild,
  type GaugeChild,
  type HistogramChild,
  type TasksMetrics,
} from '../../observe/metrics.js';
import { NOOP_TASK_SPAN, noopTracing, type TaskSpan, type TasksTracing } from '../../observe/tracing.js';
import type { Owner } from '../../owner.js';
import type { TaskRecord } from '../../record.js';
import type { TaskStatus } from '../../status.js';

/** How a run ended, as counted by `mcp_tasks_ended_total{status}`. */
export type RunEnd = 'completed' | 'failed' | 'cancelled' | 'expired' | 'unwritten' | 'taken_over' | 'closed';

/** The progress a task's work reported last (not stored: seen in this process only). */
export interface ProgressReport {
  owner: Owner;
  taskId: string;
  progress: number;
  total?: number | undefined;
  message?: string | undefined;
}

/** One run as the observer sees it; the execution and its context report to it. */
export interface ObservedTask {
  /** The task's status changed (a record of it was seen). */
  status(task: TaskRecord): void;
  /** The work asked a question; call the returned function when it stops waiting. */
  asked(method: InputMethod): (outcome: 'answered' | 'withdrawn') => void;
  progress(progress: number, total?: number, message?: string): void;
  /** The run's trace context for a question's `_meta`, if traced. */
  traceMeta(): JsonObject | undefined;
  ended(end: RunEnd): void;
}

export interface EngineObserverOptions {
  metrics?: TasksMetrics | undefined;
  tracing?: TasksTracing | undefined;
  clock: Clock;
}

type ActiveStatus = 'working' | 'input_required';

/** The tool a stored request ran (`tools/call`'s name), else its method. */
export function toolOf(task: TaskRecord): string {
  const name = task.request.params.name;
  return task.request.method === 'tools/call' && typeof name === 'string' ? name : task.request.method;
}

export class EngineObserver {
  readonly metrics: TasksMetrics;
  readonly tracing: TasksTracing;
  /** `mcp_tasks_result_waiting`: the 2025 leg's blocked tasks/result calls. */
  readonly resultWaiting: GaugeChild;
  readonly #clock: Clock;
  readonly #active: { readonly [S in ActiveStatus]: GaugeChild };
  readonly #created: ChildCache<CounterChild>;
  readonly #ended: ChildCache<CounterChild>;
  readonly #duration: ChildCache<HistogramChild>;
  readonly #questions: ChildCache<CounterChild>;
  readonly #waiting: ChildCache<GaugeChild>;
  readonly #waited: ChildCache<HistogramChild>;
  readonly #refusals: ChildCache<CounterChild>;
  readonly #deliveries: ChildCache<CounterChild>;
  readonly #answers: ChildCache<CounterChild>;
  readonly #progress = new Set<(report: ProgressReport) => void>();

  constructor(options: EngineObserverOptions) {
    const metrics = (this.metrics = options.metrics ?? noopMetrics);
    this.tracing = options.tracing ?? noopTracing;
    this.#clock = options.clock;
    this.resultWaiting = metrics.gauge('mcp_tasks_result_waiting');
    this.#active = {
      working: metrics.gauge('mcp_tasks_active', { status: 'working' }),
      input_required: metrics.gauge('mcp_tasks_active', { status: 'input_required' }),
    };
    this.#created = new ChildCache((tool) => metrics.counter('mcp_tasks_created_total', { tool }));
    // Keys joined by NUL: neither a tool name nor a status holds one in practice, and a clash only merges two series.
    this.#ended = new ChildCache((key) => metrics.counter('mcp_tasks_ended_total', labels2('tool', 'status', key)));
    this.#duration = new ChildCache((key) => metrics.histogram('mcp_tasks_duration_seconds', labels2('tool', 'status', key)));
    this.#questions = new ChildCache((method) => metrics.counter('mcp_tasks_questions_total', { method }));
    this.#waiting = new ChildCache((method) => metrics.gauge('mcp_tasks_questions_waiting', { method }));
    this.#waited = new ChildCache((key) => metrics.histogram('mcp_tasks_question_wait_seconds', labels2('method', 'outcome', key)));
    this.#refusals = new ChildCache((code) => metrics.counter('mcp_tasks_refusals_total', { code }));
    this.#deliveries = new ChildCache((wire) => metrics.counter('mcp_tasks_question_deliveries_total', { wire }));
    this.#answers = new ChildCache((result) => metrics.counter('mcp_tasks_answers_total', { result }));
  }

  /** A task was created by this engine (`start`). */
  created(task: TaskRecord): void {
    this.#created.of(toolOf(task)).add();
  }

  /** A refusal went to the wire with this code (`RequestGuard`). */
  refused(code: string): void {
    this.#refusals.of(code).add();
  }

  /** A question went to the requestor on the side channel of `wire`. */
  delivered(wire: '2025-11-25' | '2026-07-28', count = 1): void {
    this.#deliveries.of(wire).add(count);
  }

  /** Answers arrived: `accepted` to open questions, `ignored` otherwise. */
  answers(accepted: number, ignored: number): void {
    if (accepted > 0) this.#answers.of('accepted').add(accepted);
    if (ignored > 0) this.#answers.of('ignored').add(ignored);
  }

  /** Listen to the progress tasks of this engine report; returns the removal function. */
  onProgress(listener: (report: ProgressReport) => void): () => void {
    this.#progress.add(listener);
    return () => this.#progress.delete(listener);
  }

  /**
   * A run of this engine begins (started or adopted), with the task's status now; `task` is its
   * record when the caller has one (the tool, creation time, span attributes come from it).
   */
  begin(owner: Owner, taskId: string, status: TaskStatus, task: TaskRecord | undefined, resumed: boolean): ObservedTask {
    return new Run(this, owner, taskId, status, task, resumed);
  }

  /** @internal */ active(status: TaskStatus): GaugeChild | undefined {
    return status === 'working' || status === 'input_required' ? this.#active[status] : undefined;
  }
  /** @internal */ now(): number {
    return this.#clock.now();
  }
  /** @internal */ endRun(tool: string, end: RunEnd, seconds: number | undefined): void {
    this.#ended.of(`${tool}\0${end}`).add();
    if (seconds !== undefined) this.#duration.of(`${tool}\0${end}`).observe(seconds);
  }
  /** @internal */ question(method: string): { waited: (outcome: string, seconds: number) => void; waiting: GaugeChild } {
    this.#questions.of(method).add();
    return { waiting: this.#waiting.of(method), waited: (outcome, seconds) => this.#waited.of(`${method}\0${outcome}`).observe(seconds) };
  }
  /** @internal */ reportProgress(report: ProgressReport): void {
    for (const listener of this.#progress) listener(report);
  }
}

function labels2(a: string, b: string, key: string): { [label: string]: string } {
  const at = key.indexOf('\0');
  return { [a]: key.slice(0, at), [b]: key.slice(at + 1) };
}

class Run implements ObservedTask {
  #status: TaskStatus;
  #tool: string;
  #createdAt: number | undefined;
  #last: TaskRecord | undefined;
  #span: TaskSpan;
  #ended = false;

  constructor(
    private readonly observer: EngineObserver,
    private readonly owner: Owner,
    private readonly taskId: string,
    status: TaskStatus,
    task: TaskRecord | undefined,
    resumed: boolean,
  ) {
    this.#status = status;
    this.#tool = task ? toolOf(task) : 'unknown';
    this.#createdAt = task?.createdAt;
    this.#last = task;
    observer.active(status)?.add(1);
    // A run adopted without its record (a caller of `adopt` with only the ID) gets no span.
    this.#span = task ? observer.tracing.task(task, { tool: this.#tool, resumed }) : NOOP_TASK_SPAN;
  }

  status(task: TaskRecord): void {
    this.#last = task;
    this.#createdAt ??= task.createdAt;
    if (this.#tool === 'unknown') this.#tool = toolOf(task);
    if (task.status === this.#status || this.#ended) return;
    this.observer.active(this.#status)?.add(-1);
    this.observer.active(task.status)?.add(1);
    this.#status = task.status;
    this.#span.status(task);
  }

  asked(method: InputMethod): (outcome: 'answered' | 'withdrawn') => void {
    const since = this.observer.now();
    const question = this.observer.question(method);
    question.waiting.add(1);
    this.#span.event('mcp_tasks.question.asked', { 'mcp.method.name': method });
    let done = false;
    return (outcome) => {
      if (done) return;
      done = true;
      question.waiting.add(-1);
      question.waited(outcome, Math.max(0, this.observer.now() - since) / 1000);
      this.#span.event(`mcp_tasks.question.${outcome}`, { 'mcp.method.name': method });
    };
  }

  progress(progress: number, total?: number, message?: string): void {
    this.observer.reportProgress({ owner: this.owner, taskId: this.taskId, progress, total, message });
  }

  traceMeta(): JsonObject | undefined {
    return this.#span.meta();
  }

  ended(end: RunEnd): void {
    if (this.#ended) return;
    this.#ended = true;
    this.observer.active(this.#status)?.add(-1);
    const endAt = end === 'completed' || end === 'failed' || end === 'cancelled' ? this.#last?.lastUpdatedAt : this.observer.now();
    const seconds = this.#createdAt === undefined || endAt === undefined ? undefined : Math.max(0, endAt - this.#createdAt) / 1000;
    this.observer.endRun(this.#tool, end, seconds);
    this.#span.end({ status: end, task: this.#last });
  }
}

/**
 * The run of a call in its sync window (engine `call`): nothing is observed until it becomes a
 * task (`created`), so a call answered inline counts and traces as the plain call it was.
 */
export class ObservedOnceCreated implements ObservedTask {
  #run: ObservedTask | undefined;

  created(run: ObservedTask): void {
    this.#run = run;
  }
  status(task: TaskRecord): void {
    this.#run?.status(task);
  }
  asked(method: InputMethod): (outcome: 'answered' | 'withdrawn') => void {
    return this.#run?.asked(method) ?? (() => undefined);
  }
  progress(progress: number, total?: number, message?: string): void {
    this.#run?.progress(progress, total, message);
  }
  traceMeta(): JsonObject | undefined {
    return this.#run?.traceMeta();
  }
  ended(end: RunEnd): void {
    this.#run?.ended(end);
  }
}
