/**
 * The 2025-11-25 HTTP sessions of the handler (sessionful.ts), bounded: at most `maxSessions` in all and
 * `maxSessionsPerOwner` per owner key (the token's owner, or the remote address when owners are
 * sessions), `initialize` rate-limited per owner key, and sessions idle for `idleMs` closed and
 * forgotten. A forgotten session is answered like any unknown session (HTTP 404), as the
 * Streamable HTTP transport says, and the client starts a new one.
 *
 * Why per remote address without tokens: then every session is its own owner, so a per-owner
 * cap would cap nothing; the address is the only stable thing a tokenless client has.
 */
export interface SessionLimits {
  /** Sessions open at once, over all clients. Default 1 000. */
  maxSessions?: number;
  /** Sessions open at once per owner key. Default 100. */
  maxSessionsPerOwner?: number;
  /** A session without a request or open stream for this long is closed (ms). Default 15 min. */
  idleMs?: number;
  /** `initialize` requests per second per owner key, bursts up to 4×. Default 10. */
  initializePerSecond?: number;
}

export const DEFAULT_SESSION_LIMITS: Required<SessionLimits> = {
  maxSessions: 1_000,
  maxSessionsPerOwner: 100,
  idleMs: 15 * 60_000,
  initializePerSecond: 10,
};

export interface Refusal {
  status: 429 | 503;
  error: string;
  description: string;
  retryAfterSeconds: number;
}

interface Entry<S> {
  session: S;
  ownerKey: string;
  /** Requests (and their response streams) in progress: a session with one is never idle. */
  inFlight: number;
  lastSeen: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

export class SessionRegistry<S> {
  readonly limits: Required<SessionLimits>;
  readonly #entries = new Map<string, Entry<S>>();
  readonly #perOwner = new Map<string, number>();
  readonly #buckets = new Map<string, Bucket>();
  readonly #sweeper: NodeJS.Timeout;

  constructor(
    limits: SessionLimits,
    /** Called for each session found idle; it must close it (the registry has already dropped it). */
    private readonly onIdle: (id: string, session: S) => void,
    private readonly now: () => number = Date.now,
  ) {
    this.limits = resolveLimits(limits);
    this.#sweeper = setInterval(() => this.sweep(), Math.max(1_000, Math.floor(this.limits.idleMs / 4)));
    this.#sweeper.unref();
  }

  get size(): number {
    return this.#entries.size;
  }

  get(id: string): S | undefined {
    return this.#entries.get(id)?.session;
  }

  /** May a new session start for `ownerKey`? Undefined when yes; else why not (answered as HTTP). */
  admit(ownerKey: string): Refusal | undefined {
    if (this.#entries.size >= this.limits.maxSessions) {
      return {
        status: 503,
        error: 'too_many_sessions',
        description: `The server has ${this.limits.maxSessions} open sessions, its maximum; retry later`,
        retryAfterSeconds: 5,
      };
    }
    if ((this.#perOwner.get(ownerKey) ?? 0) >= this.limits.maxSessionsPerOwner) {
      return {
        status: 429,
        error: 'too_many_sessions',
        description: `This client has ${this.limits.maxSessionsPerOwner} open sessions, its maximum; close one (HTTP DELETE) or let one expire`,
        retryAfterSeconds: 5,
      };
    }
    const wait = this.#takeInitializeToken(ownerKey);
    if (wait > 0) {
      return {
        status: 429,
        error: 'rate_limited',
        description: `Too many initialize requests from this client; retry in ${wait} s`,
        retryAfterSeconds: wait,
      };
    }
    return undefined;
  }

  add(id: string, session: S, ownerKey: string): void {
    this.#entries.set(id, { session, ownerKey, inFlight: 0, lastSeen: this.now() });
    this.#perOwner.set(ownerKey, (this.#perOwner.get(ownerKey) ?? 0) + 1);
  }

  /** Mark a request of the session as started; call the returned function when its response ends. */
  begin(id: string): () => void {
    const entry = this.#entries.get(id);
    if (!entry) return () => {};
    entry.inFlight += 1;
    entry.lastSeen = this.now();
    let done = false;
    return () => {
      if (done) return;
      done = true;
      entry.inFlight -= 1;
      entry.lastSeen = this.now();
    };
  }

  delete(id: string): void {
    const entry = this.#entries.get(id);
    if (!entry) return;
    this.#entries.delete(id);
    const left = (this.#perOwner.get(entry.ownerKey) ?? 1) - 1;
    if (left > 0) this.#perOwner.set(entry.ownerKey, left);
    else this.#perOwner.delete(entry.ownerKey);
  }

  /** Close sessions idle for `idleMs` (runs on a timer; public for tests with a manual clock). */
  sweep(): void {
    const now = this.now();
    for (const [id, entry] of this.#entries) {
      if (entry.inFlight > 0 || now - entry.lastSeen < this.limits.idleMs) continue;
      this.delete(id);
      this.onIdle(id, entry.session);
    }
    this.#pruneBuckets(now);
  }

  values(): S[] {
    return [...this.#entries.values()].map((entry) => entry.session);
  }

  close(): void {
    clearInterval(this.#sweeper);
  }

  /** Seconds to wait before the next initialize of `ownerKey` is allowed; 0 = allowed (taken). */
  #takeInitializeToken(ownerKey: string): number {
    const now = this.now();
    const perMs = this.limits.initializePerSecond / 1000;
    const burst = 4 * this.limits.initializePerSecond;
    const bucket = this.#buckets.get(ownerKey) ?? { tokens: burst, at: now };
    bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.at) * perMs);
    bucket.at = now;
    this.#buckets.set(ownerKey, bucket);
    if (bucket.tokens < 1) return Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000));
    bucket.tokens -= 1;
    return 0;
  }

  #pruneBuckets(now: number): void {
    const refill = 4_000; // burst = 4 × rate, so any bucket is full again after 4 s: forget it
    for (const [key, bucket] of this.#buckets) if (now - bucket.at >= refill) this.#buckets.delete(key);
  }
}

function resolveLimits(limits: SessionLimits): Required<SessionLimits> {
  const resolved = { ...DEFAULT_SESSION_LIMITS, ...stripUndefined(limits) };
  for (const [name, value] of Object.entries(resolved)) {
    if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`session limit ${name} must be an integer >= 1 (got ${value})`);
  }
  return resolved;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
