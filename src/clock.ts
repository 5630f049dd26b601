/**
 * Time source. Stores take a clock so that expiry, TTLs and cursor ages can be tested
 * without sleeping (the SDK's store reads the wall clock directly; we do not).
 */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/**
 * The clock a store decides by (`TaskStore.clock`), or the system clock for a store that names
 * none. Whoever decides about a store's tasks by time (a lease run out, a deadline passed, the
 * time left to expiry) uses this clock, so it agrees with the store and a `ManualClock` moves
 * every such decision at once.
 */
export function clockOf(store: { readonly clock?: Clock | undefined }): Clock {
  return store.clock ?? systemClock;
}

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
