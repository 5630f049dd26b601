/**
 * `ProgressRecorder`: the progress of a task whose requestor has no stream of its own once the
 * CreateTaskResult is sent (stateless serving: the creating POST's stream has ended and there is
 * no GET stream). Each value the work reports is kept with the task (`SideChannel.progress`, the
 * side channel's `progress` command), where the streams later opened for the task (a `tasks/get`
 * or `tasks/result` on any instance) find it and carry it (v2025/progress-carrier.ts).
 *
 * A store write per report would let a chatty tool write thousands of times a second: the first
 * report is written at once, later ones at most every PROGRESS_WRITE_MS, each time the newest
 * (a requestor is owed the latest progress, not every step). Best effort: a failed write is
 * dropped (the next report writes again); nothing is written once the task has ended (R24).
 */
import type { StoredProgress } from '../../contract.js';
import type { Owner } from '../../owner.js';
import type { SideChannel } from './side-channel.js';

/** The shortest time between two progress writes of one task (ms). */
export const PROGRESS_WRITE_MS = 100;

type Progress = Omit<StoredProgress, 'sent'>;

export class ProgressRecorder {
  #pending: Progress | undefined;
  #busy = false;
  #stopped = false;
  #timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly side: SideChannel,
    private readonly owner: Owner,
    private readonly taskId: string,
  ) {}

  /** Keep `progress` as the task's latest (written now, or with the next write). */
  record(progress: Progress): void {
    if (this.#stopped) return;
    this.#pending = progress;
    if (!this.#busy) void this.#write();
  }

  /** The task ended: nothing more is written (R24). */
  stop(): void {
    this.#stopped = true;
    this.#pending = undefined;
    clearTimeout(this.#timer);
  }

  async #write(): Promise<void> {
    const progress = this.#pending;
    if (progress === undefined || this.#stopped) return;
    this.#pending = undefined;
    this.#busy = true;
    await this.side.progress(this.owner, this.taskId, progress).catch(() => undefined);
    if (this.#stopped) return;
    // The next write waits out the interval; reports meanwhile only replace the pending one.
    this.#timer = setTimeout(() => {
      this.#busy = false;
      void this.#write();
    }, PROGRESS_WRITE_MS);
    this.#timer.unref();
  }
}
