/**
 * `AnswerWaits`: the answers one running task's questions wait for (the worker side of the side
 * channel, side-channel.ts). An answer may be stored by any stream or instance; a record of the
 * task that holds it (a store change in-process, or a re-read every `pollMs` on a store shared
 * across processes) makes the wait take it, exactly once.
 */
import type { InputAnswer } from '../../contract.js';
import type { Owner } from '../../owner.js';
import type { TaskRecord } from '../../record.js';
import { pollGate } from './poll-gate.js';
import type { SideChannel } from './side-channel.js';

interface Waiting {
  resolve(answer: InputAnswer): void;
  reject(error: Error): void;
}

export interface AnswerWaitsOptions {
  side: SideChannel;
  owner: Owner;
  taskId: string;
  /** Re-read the task this often while answers are awaited (stores shared across processes). */
  pollMs?: number | undefined;
  /** A failure to take answers (logged; the next record tries again). */
  onError(detail: string): void;
}

export class AnswerWaits {
  readonly #options: AnswerWaitsOptions;
  readonly #waiting = new Map<string, Waiting>();
  /** Keys being taken right now (a second record must not take them twice). */
  readonly #taking = new Set<string>();
  /** The newest record of the task seen, so an answer stored before its wait began is found without a read. */
  #latest: TaskRecord | undefined;
  #poll: NodeJS.Timeout | undefined;
  /** Why no answer will come any more (made only when a wait needs it: most runs never ask). */
  #closed: (() => Error) | undefined;

  constructor(options: AnswerWaitsOptions) {
    this.#options = options;
  }

  /** Resolves with the answer to question `key` once it is stored (by any instance). */
  wait(key: string, asked: TaskRecord): Promise<InputAnswer> {
    if (this.#closed) return Promise.reject(this.#closed());
    const answer = new Promise<InputAnswer>((resolve, reject) => this.#waiting.set(key, { resolve, reject }));
    const { pollMs } = this.#options;
    if (pollMs !== undefined) {
      // Not while the store pushes other processes' changes (poll-gate.ts).
      const mustRead = pollGate(this.#options.side.store);
      this.#poll ??= setInterval(() => mustRead() && void this.#read(), pollMs);
      this.#poll.unref();
      // Another process may already have stored it.
      void this.#read();
    } else {
      // Every write of this store passes `see`: the newest record seen (or the ask's) is current.
      this.see(this.#latest && this.#latest.version > asked.version ? this.#latest : asked);
    }
    return answer;
  }

  /** A record of the task was seen: take the awaited answers it holds. */
  see(task: TaskRecord): void {
    if (this.#closed) return;
    if (!this.#latest || task.version >= this.#latest.version) this.#latest = task;
    const responses = task.input?.responses;
    if (!responses) return;
    const keys = [...this.#waiting.keys()].filter((key) => Object.hasOwn(responses, key) && !this.#taking.has(key));
    if (keys.length > 0) void this.#take(keys);
  }

  /** No answer will come any more (the task ended, or its execution retired): reject every wait. */
  close(reason: () => Error): void {
    if (this.#closed) return;
    this.#closed = reason;
    this.#stopPoll();
    if (this.#waiting.size === 0) return;
    const error = reason();
    for (const waiting of this.#waiting.values()) waiting.reject(error);
    this.#waiting.clear();
  }

  async #read(): Promise<void> {
    try {
      this.see(await this.#options.side.store.get(this.#options.owner, this.#options.taskId));
    } catch {
      // Gone or unreachable: retirement (or the next poll) settles the waits.
    }
  }

  async #take(keys: string[]): Promise<void> {
    for (const key of keys) this.#taking.add(key);
    try {
      const responses = await this.#options.side.take(this.#options.owner, this.#options.taskId, keys);
      for (const [key, answer] of Object.entries(responses)) {
        const waiting = this.#waiting.get(key);
        this.#waiting.delete(key);
        waiting?.resolve(answer);
      }
    } catch (error) {
      this.#options.onError(`taking answers failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      for (const key of keys) this.#taking.delete(key);
      if (this.#waiting.size === 0) this.#stopPoll();
    }
  }

  #stopPoll(): void {
    if (this.#poll !== undefined) clearInterval(this.#poll);
    this.#poll = undefined;
  }
}
