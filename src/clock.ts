/**
 * Time source. Stores take a clock so that expiry, TTLs and cursor ages can be tested
 * without sleeping (the SDK's store reads the wall clock directly; we do not).
 */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock that moves only when told to. Exported for tests and conformance runs. */
export class ManualClock implements Clock {
  #now: number;
  constructor(start = Date.UTC(2025, 10, 25, 10, 30)) {
    this.#now = start;
  }
  now(): number {
    return this.#now;
  }
  advance(ms: number): void {
    this.#now += ms;
  }
  set(epochMs: number): void {
    this.#now = epochMs;
  }
}
