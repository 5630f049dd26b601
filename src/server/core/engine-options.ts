/**
 * What a `TaskEngine` takes: its options and defaults (lease, sync window), and the options of
 * each way a run begins (`start`, `adopt`, `call`). Apart from engine.ts to keep that file to
 * what the engine does.
 */
import type { CreateTaskInput, TaskStore } from '../../contract.js';
import { InvalidOptionsError } from '../../errors/index.js';
import type { TasksMetrics } from '../../observe/metrics.js';
import type { TasksTracing } from '../../observe/tracing.js';
import type { JsonObject } from '../../json.js';
import type { TaskStatus } from '../../status.js';
import type { TaskPeer } from './context.js';
import type { Lease } from './execution.js';
import type { TasksLogger } from './logger.js';
import { DEFAULT_POLL_POLICY, type PollPolicy } from './poll-policy.js';
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
  /**
   * How long a call that may be answered either way (`call`: the 2026-07-28 wire) runs inline
   * before it becomes a task (ms); 0: every such call is a task at once. Default: the poll
   * policy's `floorMs` (DEFAULT_SYNC_WINDOW_MS with the default policy). A tool or a 2026
   * handler may set its own.
   */
  syncWindowMs?: number;
}

export const DEFAULT_LEASE_MS = 30_000;

/**
 * The default sync window (ms): the poll policy's floor, the first `pollIntervalMs` a new task
 * gets. A call ending within it is answered at its end, where as a task its requestor would have
 * seen the end only at its first poll; a longer call becomes a task when its first poll would have
 * come, so its requestor gets the task ID no later than a poll could have told it anything. Longer
 * windows answer more calls inline but hold each longer call's handle back (measured in
 * docs/measurements.md, "Sync window"; docs/2026-leg.md section 10).
 */
export const DEFAULT_SYNC_WINDOW_MS = DEFAULT_POLL_POLICY.floorMs;
/** The longest sync window accepted (ms): a request held longer meets proxies' idle timeouts. */
export const MAX_SYNC_WINDOW_MS = 60_000;

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

/** A call the server may answer with its result or with a task (`call`). */
export interface CallOptions extends StartOptions {
  /** Its sync window (ms); 0: a task at once. Default: the engine's `syncWindowMs`. */
  windowMs?: number | undefined;
  /** The request's abort signal: stops the work while the call is in its window. */
  signal?: AbortSignal | undefined;
}

/** What the store gets to create a run's task (`resumable` only with a lease). */
export function createInput(options: StartOptions, lease: Lease | undefined): CreateTaskInput {
  return {
    request: options.request,
    ...(options.ttl !== undefined && { ttl: options.ttl }),
    ...(lease && { lease }),
    ...(lease && options.resumable === true && { resumable: true }),
  };
}

/** A sync window setting: an integer from 0 to MAX_SYNC_WINDOW_MS; else `Refusal` (default INVALID_OPTIONS) naming `what`. */
export function checkWindowMs(ms: unknown, what: string, Refusal: new (message: string) => Error = InvalidOptionsError): number {
  if (typeof ms !== 'number' || !Number.isSafeInteger(ms) || ms < 0 || ms > MAX_SYNC_WINDOW_MS)
    throw new Refusal(`${what} must be an integer from 0 to ${MAX_SYNC_WINDOW_MS} (ms)`);
  return ms;
}
