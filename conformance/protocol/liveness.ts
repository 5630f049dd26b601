/**
 * Whether the server under test is still there. The transport reports its troubles (a refused or
 * reset connection, an HTTP 502/503/504 from a proxy in front of it, a spawned process that
 * exited); the first one starts a confirmation: a URL target is tried again a few times with
 * growing pauses (it may be restarting, or the proxy may recover), a stdio process that exited
 * is gone (the kit never starts another one: that would be a different server). A confirmed
 * death stops the judging: the runner marks every check that could not run INCONCLUSIVE, and
 * `server.alive` (checks/availability.ts) reports the one finding, with the moment, the step
 * that was running and the last exchanges before it.
 */
import type { ProcessExit } from './stdio-transport.js';

export interface Outage {
  /** When the first trouble was noticed (for a process: when it exited). */
  at: number;
  /** The step of the run then (`discovery`, a check id). */
  step: string;
  /** What the transport said, e.g. `fetch failed (ECONNREFUSED)`, `the process exited with code 1`. */
  note: string;
  /** Attempts to reach the server again (url targets) and how long they took. */
  attempts: number;
  spentMs: number;
  recovered: boolean;
  exit?: ProcessExit;
  /** The last lines of the server's stderr (stdio targets). */
  stderrTail?: string;
}

export interface LivenessOptions {
  /** One attempt to reach the server (url): true when it answers at the transport level. */
  reach?: () => Promise<boolean>;
  /** The pauses before each attempt (ms). */
  retryDelaysMs?: readonly number[];
}

/** ~7.75 s in all: long enough for a proxy hiccup or a quick restart, short beside a check. */
export const RETRY_DELAYS_MS: readonly number[] = [250, 500, 1_000, 2_000, 4_000];

export class Liveness {
  /** Every outage noticed, in order; the last one is the death when it did not recover. */
  readonly outages: Outage[] = [];
  readonly #reach: (() => Promise<boolean>) | undefined;
  readonly #delays: readonly number[];
  #confirming: Promise<void> | undefined;
  #dead: Outage | undefined;
  #onDead!: (outage: Outage) => void;
  /** Resolves when the server is found dead (never, for a server that keeps answering). */
  readonly whenDead: Promise<Outage> = new Promise((resolve) => (this.#onDead = resolve));

  constructor(options: LivenessOptions = {}) {
    this.#reach = options.reach;
    this.#delays = options.retryDelaysMs ?? RETRY_DELAYS_MS;
  }

  get dead(): Outage | undefined {
    return this.#dead;
  }

  /** The transport noticed trouble; confirm it once (further troubles meanwhile are the same outage). */
  trouble(note: string, step: string, process?: { exit: ProcessExit; stderrTail: string }): void {
    if (this.#dead || this.#confirming) return;
    const outage: Outage = {
      at: Date.now(),
      step,
      note,
      attempts: 0,
      spentMs: 0,
      recovered: false,
      ...(process && { exit: process.exit, stderrTail: process.stderrTail }),
    };
    this.outages.push(outage);
    this.#confirming = this.#confirm(outage).finally(() => (this.#confirming = undefined));
  }

  /** Wait for a confirmation under way (returns at once when there is none). */
  async settled(): Promise<void> {
    while (this.#confirming) await this.#confirming;
  }

  /** After a failing check: one look that the server is still there; a miss is a trouble to confirm. */
  async verify(step: string): Promise<void> {
    if (this.#dead || !this.#reach) return this.settled();
    if (!this.#confirming && !(await this.#reach().catch(() => false)))
      this.trouble('no answer at the transport level after a failing check', step);
    await this.settled();
  }

  /** Outages that were going on at some time after `since` (a check's start). */
  since(since: number): Outage[] {
    return this.outages.filter((o) => o.at + o.spentMs >= since);
  }

  async #confirm(outage: Outage): Promise<void> {
    const started = Date.now();
    if (!outage.exit && this.#reach) {
      for (const delay of this.#delays) {
        await new Promise((resolve) => setTimeout(resolve, delay));
        outage.attempts++;
        if (await this.#reach().catch(() => false)) {
          outage.recovered = true;
          break;
        }
      }
    }
    outage.spentMs = Date.now() - started;
    if (outage.recovered) return;
    this.#dead = outage;
    this.#onDead(outage);
  }
}
