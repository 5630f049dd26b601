/**
 * Per-owner rate limiting of task operations (R81): a token bucket per owner, refilled
 * continuously. A component the engine is given (`new TaskEngine({ store, rateLimiter })`); off
 * unless configured; the reference server turns it on.
 */
import { systemClock } from '../../clock.js';
import { InvalidOptionsError, RateLimitedError } from '../../errors/index.js';
import type { Owner } from '../../owner.js';

export interface RateLimitOptions {
  /** Sustained task operations per second per owner. */
  perSecond: number;
  /** Operations an idle owner may send at once. Default: `perSecond`. */
  burst?: number;
}

/** What the engine needs of a rate limiter: count one operation of `owner`, or throw RATE_LIMITED. */
export interface OwnerRateLimiter {
  take(owner: Owner): void;
  /**
   * Sustained operations per second per owner, when the limiter has one: the engine's poll
   * advice (poll-advisor.ts) keeps an owner's paced polls within a share of it.
   */
  readonly perSecond?: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/** Buckets kept before idle (full) ones are dropped. */
const PRUNE_AT = 10_000;

export class RateLimiter implements OwnerRateLimiter {
  readonly perSecond: number;
  readonly #perMs: number;
  readonly #burst: number;
  readonly #buckets = new Map<Owner, Bucket>();

  constructor(
    options: RateLimitOptions,
    /** Milliseconds now; the engine's `rateLimit` shorthand passes its store's clock. */
    private readonly now: () => number = () => systemClock.now(),
  ) {
    if (!(options.perSecond > 0) || (options.burst !== undefined && !(options.burst >= 1))) {
      throw new InvalidOptionsError('rateLimit: perSecond must be > 0 and burst >= 1');
    }
    this.perSecond = options.perSecond;
    this.#perMs = options.perSecond / 1000;
    this.#burst = options.burst ?? Math.max(1, options.perSecond);
  }

  /** Take one token for `owner`, or throw RATE_LIMITED saying when to retry. */
  take(owner: Owner): void {
    const now = this.now();
    const bucket = this.#buckets.get(owner) ?? { tokens: this.#burst, at: now };
    bucket.tokens = Math.min(this.#burst, bucket.tokens + (now - bucket.at) * this.#perMs);
    bucket.at = now;
    if (bucket.tokens < 1) {
      this.#buckets.set(owner, bucket);
      throw new RateLimitedError(Math.ceil((1 - bucket.tokens) / this.#perMs));
    }
    bucket.tokens -= 1;
    this.#buckets.set(owner, bucket);
    if (this.#buckets.size > PRUNE_AT) this.#prune(now);
  }

  #prune(now: number): void {
    const full = this.#burst / this.#perMs;
    for (const [owner, bucket] of this.#buckets) if (now - bucket.at >= full) this.#buckets.delete(owner);
  }
}
