/** The options of `TaskEngine` and of its `start` and `adopt` (engine.ts). */
import type { TaskStore } from '../../contract.js';
import type { JsonObject } from '../../json.js';
import type { TasksMetrics } from '../../observe/metrics.js';
import type { TasksTracing } from '../../observe/tracing.js';
import type { TaskStatus } from '../../status.js';
import type { TaskPeer } from './context.js';
import type { Lease } from './execution.js';
import type { TasksLogger } from './logger.js';
import type { PollPolicy } from './poll-policy.js';
import type { OwnerRateLimiter, RateLimitOptions } from './rate-limit.js';

export interface TaskEngineOptions {
  store: TaskStore;
  logger?: TasksLogger;
  /** How often waiters re-read a store shared across processes (ms). Default 500. */
  sharedStorePollMs?: number;
  /**
   * Lease of a task run on a store shared across processes (ms). Default 30 000. The instance
   * renews it every `leaseMs / 3` while the work runs; when the process dies, the task becomes
   * `failed` at the first read after the lease expired. A renewal that finds the task ended
   * elsewhere (e.g. cancelled through another instance) aborts the work.
   */
  leaseMs?: number;
  /** Counts every task operation per owner (R81), e.g. `new RateLimiter({ perSecond: 20 })`. Default: none. */
  rateLimiter?: OwnerRateLimiter;
  /** Shorthand for `rateLimiter: new RateLimiter(rateLimit)`. */
  rateLimit?: RateLimitOptions;
  /** The poll intervals told to requestors (`polls`, poll-policy.ts): floor, max, growth. Default DEFAULT_POLL_POLICY. */
  pollPolicy?: Partial<PollPolicy>;
  /** Where the engine's metrics go (docs/operations.md); default: none. Time the store with `measureStore`. */
  metrics?: TasksMetrics;
  /** Spans of the tasks' runs (`openTelemetryTracing`, `mcp-tasks/opentelemetry`); default: none. */
  tracing?: TasksTracing;
}

export const DEFAULT_LEASE_MS = 30_000;

export interface StartOptions {
  request: { method: string; params: JsonObject };
  /** The work can be taken over by another instance when this one stops (see `addResumer`). */
  resumable?: boolean;
  ttl?: number;
  /** The peer that asked: status notifications, progress and side-channel requests go there. */
  peer: TaskPeer;
  progressToken?: string | number;
}

export interface AdoptOptions {
  /** Where status notifications, progress and requests for input go. Default: nowhere (no requestor connection). */
  peer?: TaskPeer;
  progressToken?: string | number;
  /** The task's status now (default `working`). */
  status?: TaskStatus;
  /** Renew this lease while the work runs. Default: none. */
  lease?: Lease;
  /** The task expires this many ms from now; the work is aborted then. Default: never. */
  expiresInMs?: number | null;
}

