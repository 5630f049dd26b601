/**
 * `PollAdvisor`: the engine's one source of poll intervals (`engine.polls`). It gathers what the
 * pure policy (poll-policy.ts) decides from, once per process:
 * - the task's age, on the store's clock (the instants the store wrote);
 * - how long this owner's runs of the same tool took (the median of the last few, seen as store
 *   changes, remote ones included), so the next poll can land just after the expected end. Kept
 *   per owner: one owner's intervals must not reveal how long another owner's tasks run;
 * - the owner's rate share: the owner's tasks polled here recently, each allowed an equal part
 *   of `rateShare` of the rate limiter's sustained rate, so a requestor following every interval
 *   it is given stays within its rate limit however many tasks it polls (the rest of the rate is
 *   left for creating, answering and cancelling). Without a rate limiter, only the floor.
 *
 * State is in-process and bounded; on several instances each counts what it serves, like the
 * rate limiter it protects (that one is per instance too).
 */
import { clockOf, type Clock } from '../../clock.js';
import type { TaskStore } from '../../contract.js';
import type { Owner } from '../../owner.js';
import type { TaskRecord } from '../../record.js';
import { isTerminal } from '../../status.js';
import { pollIntervalMs, resolvePollPolicy, type PollPolicy } from './poll-policy.js';

export interface PollAdvisorOptions {
  /** Over DEFAULT_POLL_POLICY (floor 50 ms, max 2000 ms, growth 0.25, input max 1000 ms). */
  policy?: Partial<PollPolicy> | undefined;
  /** The rate limiter's sustained operations per second per owner; undefined: no rate share. */
  perSecond?: number | undefined;
  /** The part of `perSecond` an owner's paced polls may use together. Default 0.5. */
  rateShare?: number | undefined;
}

/** Durations kept per (owner, tool); the median of these is the expected duration. */
const SAMPLES = 8;
/** (owner, tool) pairs remembered; the least recently updated go first. */
const MAX_TOOLS = 10_000;
/** Polled tasks remembered in all before the expired ones are swept. */
const SWEEP_AT = 50_000;
/** A polled task counts toward its owner's share until twice its interval plus this has passed without a poll. */
const GRACE_MS = 1_000;

export class PollAdvisor {
  readonly policy: Readonly<PollPolicy>;
  readonly #clock: Clock;
  readonly #perSecond: number | undefined;
  readonly #rateShare: number;
  readonly #durations = new Map<string, number[]>();
  /** owner -> taskId -> until when that task counts as polled. */
  readonly #polled = new Map<Owner, Map<string, number>>();
  #polledCount = 0;
  readonly #unsubscribe: () => void;

  constructor(store: TaskStore, options: PollAdvisorOptions = {}) {
    this.policy = resolvePollPolicy(options.policy);
    this.#clock = clockOf(store);
    this.#perSecond = options.perSecond !== undefined && options.perSecond > 0 ? options.perSecond : undefined;
    this.#rateShare = options.rateShare ?? 0.5;
    this.#unsubscribe = store.onChange(({ owner, task }) => this.#observe(owner, task));
  }

  /** The interval to tell `owner` about `task` now (a `tasks/get` answer, a CreateTaskResult): counted as a task it polls. */
  advise(owner: Owner, task: TaskRecord): number {
    return this.#interval(owner, task, true);
  }

  /** The same interval, not counted (e.g. a pushed notification showing what `tasks/get` would). */
  peek(owner: Owner, task: TaskRecord): number {
    return this.#interval(owner, task, false);
  }

  /** The median duration of `owner`'s recent runs of `tool` seen here (ms), if any. */
  expectedMs(owner: Owner, tool: string): number | undefined {
    const samples = this.#durations.get(key(owner, tool));
    if (!samples || samples.length === 0) return undefined;
    const sorted = [...samples].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)];
  }

  close(): void {
    this.#unsubscribe();
  }

  #interval(owner: Owner, task: TaskRecord, count: boolean): number {
    const now = this.#clock.now();
    const polled = this.#pollersOf(owner, now);
    const tool = toolOf(task);
    const others = polled.size - (polled.has(task.taskId) ? 1 : 0);
    const pollers = others + (isTerminal(task.status) ? 0 : 1);
    const shareMs = this.#perSecond === undefined ? undefined : (pollers * 1000) / (this.#rateShare * this.#perSecond);
    const ms = pollIntervalMs(
      {
        ageMs: now - task.createdAt,
        status: task.status,
        expectedMs: tool === undefined ? undefined : this.expectedMs(owner, tool),
        shareMs,
      },
      this.policy,
    );
    if (count) this.#count(owner, polled, task, now + 2 * ms + GRACE_MS);
    return ms;
  }

  /** The owner's polled tasks, without those no longer polled. */
  #pollersOf(owner: Owner, now: number): Map<string, number> {
    const polled = this.#polled.get(owner) ?? new Map<string, number>();
    for (const [taskId, until] of polled) if (until <= now) this.#drop(polled, taskId);
    return polled;
  }

  #count(owner: Owner, polled: Map<string, number>, task: TaskRecord, until: number): void {
    if (isTerminal(task.status)) this.#drop(polled, task.taskId);
    else {
      if (!polled.has(task.taskId)) this.#polledCount++;
      polled.set(task.taskId, until);
    }
    if (polled.size > 0) this.#polled.set(owner, polled);
    else this.#polled.delete(owner);
    if (this.#polledCount > SWEEP_AT) this.#sweep();
  }

  #drop(polled: Map<string, number>, taskId: string): void {
    if (polled.delete(taskId)) this.#polledCount--;
  }

  #sweep(): void {
    const now = this.#clock.now();
    for (const [owner, polled] of this.#polled) {
      for (const [taskId, until] of polled) if (until <= now) this.#drop(polled, taskId);
      if (polled.size === 0) this.#polled.delete(owner);
    }
  }

  /** A terminal change ends a counted poller; a completed tool run adds a duration sample. */
  #observe(owner: Owner, task: TaskRecord): void {
    if (!isTerminal(task.status)) return;
    const polled = this.#polled.get(owner);
    if (polled) {
      this.#drop(polled, task.taskId);
      if (polled.size === 0) this.#polled.delete(owner);
    }
    const tool = toolOf(task);
    // Cancelled runs say nothing about how long the tool takes.
    if (tool === undefined || task.status === 'cancelled') return;
    const k = key(owner, tool);
    const samples = this.#durations.get(k) ?? [];
    samples.push(Math.max(0, task.lastUpdatedAt - task.createdAt));
    if (samples.length > SAMPLES) samples.shift();
    this.#durations.delete(k);
    this.#durations.set(k, samples);
    if (this.#durations.size > MAX_TOOLS) this.#durations.delete(this.#durations.keys().next().value!);
  }
}

/** The tool a task runs (`tools/call` tasks), by name. */
function toolOf(task: TaskRecord): string | undefined {
  const name = task.request.method === 'tools/call' ? task.request.params.name : undefined;
  return typeof name === 'string' ? name : undefined;
}

const key = (owner: Owner, tool: string): string => `${owner}\u0000${tool}`;
