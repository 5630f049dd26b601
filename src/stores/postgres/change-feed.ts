/**
 * The change feed: writes of OTHER store instances (other processes, or other stores on the same
 * database in this one) as `onChange` events. Every committed write notifies the schema's
 * channel with `<origin> <taskId> <owner>` in its own statement (./statements.ts, the create
 * function); ONE listening connection per store turns each notification from another origin
 * into a read of the task and a `TaskChange` with `remote: true`. Own writes are skipped (the
 * store already announced them). Notifications for one task are coalesced (at most one read in
 * flight per task, one more if another arrived meanwhile) and only a newer version than the last
 * announced one is announced, so a burst of writes costs few reads and never goes back in time.
 *
 * `epoch()` tells whether the feed is live: a number while the connection listens, changed at
 * every reconnection (writes made while it was down were not pushed: readers should read once
 * more), undefined while it is down (readers must poll).
 */
import { randomBytes } from 'node:crypto';
import type { Owner } from '../../owner.js';
import { isExpired, type TaskRecord } from '../../record.js';
import type { SqlDriver } from './driver.js';
import { fromDbText } from './marshal.js';

export interface ChangeFeedHost {
  read(owner: Owner, taskId: string): Promise<TaskRecord | undefined>;
  now(): number;
  /** Announce a record written elsewhere. */
  emit(task: TaskRecord): void;
  /** Whether this process wants to hear of `taskId` (contract: `interestIn`); read only then. */
  wants(taskId: string): boolean;
}

/** Versions remembered per task (the last announced), oldest forgotten first. */
const REMEMBERED_TASKS = 10_000;

export class ChangeFeed {
  /** This store instance's name in notifications (never shared with another instance). */
  readonly origin = randomBytes(12).toString('base64url');
  readonly #host: ChangeFeedHost;
  readonly #announced = new Map<string, number>();
  readonly #reading = new Map<string, { again: boolean }>();
  #stop: (() => Promise<void>) | undefined;
  #live = false;
  #epoch = 0;

  constructor(host: ChangeFeedHost) {
    this.#host = host;
  }

  /** Start listening (once; later calls do nothing). */
  start(driver: SqlDriver, channel: string): void {
    if (this.#stop) return;
    this.#stop = driver.listen(channel, {
      notify: (payload) => this.#notified(payload),
      live: (isLive) => {
        if (isLive && !this.#live) this.#epoch++;
        this.#live = isLive;
      },
    });
  }

  /** See the module comment: a number while live (changed by each reconnection), else undefined. */
  epoch(): number | undefined {
    return this.#live ? this.#epoch : undefined;
  }

  async stop(): Promise<void> {
    const stop = this.#stop;
    this.#stop = undefined;
    this.#live = false;
    await stop?.();
  }

  #notified(payload: string): void {
    const first = payload.indexOf(' ');
    const second = payload.indexOf(' ', first + 1);
    if (first < 0 || second < 0 || payload.slice(0, first) === this.origin) return;
    const taskId = fromDbText(payload.slice(first + 1, second));
    if (!this.#host.wants(taskId)) return;
    const owner = fromDbText(payload.slice(second + 1));
    const reading = this.#reading.get(taskId);
    if (reading) {
      reading.again = true;
      return;
    }
    const state = { again: false };
    this.#reading.set(taskId, state);
    void this.#drain(owner, taskId, state);
  }

  async #drain(owner: Owner, taskId: string, state: { again: boolean }): Promise<void> {
    try {
      do {
        state.again = false;
        await this.#announce(owner, taskId);
      } while (state.again && this.#stop !== undefined);
    } finally {
      this.#reading.delete(taskId);
    }
  }

  async #announce(owner: Owner, taskId: string): Promise<void> {
    let task: TaskRecord | undefined;
    try {
      task = await this.#host.read(owner, taskId);
    } catch {
      return; // unreachable now: the feed is best effort, and readers poll while it is down
    }
    if (!task || task.owner !== owner || isExpired(task, this.#host.now()) || this.#stop === undefined) return;
    if (this.saw(task)) this.#host.emit(task);
  }

  /**
   * A record announced in this process (by this store's own writes, or by the feed): remember its
   * version, and answer whether it is newer than any announced before. A read that raced a local
   * write may return an older record than the one the write announced: it is not announced.
   */
  saw(task: TaskRecord): boolean {
    const last = this.#announced.get(task.taskId);
    if (last !== undefined && last >= task.version) return false;
    this.#announced.delete(task.taskId);
    this.#announced.set(task.taskId, task.version);
    if (this.#announced.size > REMEMBERED_TASKS) this.#announced.delete(this.#announced.keys().next().value!);
    return true;
  }
}
