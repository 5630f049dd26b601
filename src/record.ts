/**
 * `TaskRecord` is the stored form of a task; `toWireTask` is the one conversion to the wire
 * `Task` of the 2025-11-25 schema.
 */
import type { Task } from '../generated/types.js';
import type { TaskInput } from './contract.js';
import type { JsonRpcErrorObject } from './errors/index.js';
import type { JsonObject } from './json.js';
import type { Owner } from './owner.js';
import type { TaskStatus } from './status.js';

/** How the underlying request ended: its result (success, or a tool's `isError`), or a JSON-RPC error. */
export type TaskOutcome =
  { readonly type: 'result'; readonly result: JsonObject } | { readonly type: 'error'; readonly error: JsonRpcErrorObject };

/** Who runs a task, until when (epoch ms); renewed while the work runs. */
export interface TaskLease {
  readonly holder: string;
  readonly expiresAt: number;
}

/** Records handed out by stores are immutable snapshots. */
export interface TaskRecord {
  readonly taskId: string;
  readonly owner: Owner;
  readonly status: TaskStatus;
  readonly statusMessage?: string;
  /** Epoch ms. */
  readonly createdAt: number;
  /** Epoch ms of the last write of any kind (A7: status, message, variables or outcome). */
  readonly lastUpdatedAt: number;
  /** Actual TTL in ms from creation, `null` for unlimited (R34-R36). */
  readonly ttl: number | null;
  /** `createdAt + ttl`, or `null`; at or after this instant the task is gone for every reader. */
  readonly expiresAt: number | null;
  readonly pollInterval?: number;
  /** The request that created the task (method and params, `task` included). */
  readonly request: { readonly method: string; readonly params: JsonObject };
  /** Task-scoped key/value state (workflow step outputs, progress, answers). */
  readonly variables: JsonObject;
  /** Set by `complete` (completed/failed); never set for `cancelled`. */
  readonly outcome?: TaskOutcome;
  /**
   * JSON bytes of request params, variables and outcome as measured when written (not on the
   * wire). Stores with `capabilities.storageCaps` count it against the storage caps.
   */
  readonly storedBytes?: number;
  /** Questions to the requestor and unread answers (the side channel); absent until the first question. */
  readonly input?: TaskInput;
  /** The work may be taken over by another instance when the lease expires (contract, "Takeover"). */
  readonly resumable?: true;
  /** The lease of the instance running the task, when created with one (shared stores). */
  readonly lease?: TaskLease;
  /** Incremented by every write; the basis of optimistic concurrency. */
  readonly version: number;
}

/** The `_meta` key under which variables appear on the wire, when asked for. Never top-level fields. */
export const VARIABLES_META_KEY = 'io.github.mcp-tasks/variables';

/**
 * The `_meta` key naming a carried question's key in the task's side channel, so a requestor can
 * tell two deliveries of one question apart from two questions (src/server/v2025/input-carrier.ts).
 */
export const INPUT_KEY_META_KEY = 'io.github.mcp-tasks/input-key';

/** The spec's related-task `_meta` key (R44, R48, R52). */
export const RELATED_TASK_META_KEY = 'io.modelcontextprotocol/related-task';

/**
 * The wire `Task`: the schema's own type (generated/types.ts), flat in tasks/get, tasks/cancel and
 * notifications, nested in CreateTaskResult.
 */
export type WireTask = Task;

/**
 * What `toWireTask` returns: a wire `Task` that is also a JSON object, so it goes into a result or
 * notification as it is. `_meta` (variables, when asked for) comes from the result it is part of.
 */
export type WireTaskJson = Readonly<WireTask> & JsonObject;

export interface ToWireTaskOptions {
  /** Put the task's variables under `_meta[VARIABLES_META_KEY]` (default: false). */
  includeVariables?: boolean;
}

/** Records are immutable, so each one's wire form is computed once (ISO formatting is costly). */
const wireCache = new WeakMap<TaskRecord, WireTaskJson>();

/**
 * The wire `Task` of a record. Without variables the result is frozen and shared per record;
 * copy it before changing it.
 */
export function toWireTask(record: TaskRecord, options: ToWireTaskOptions = {}): WireTaskJson {
  if (options.includeVariables && Object.keys(record.variables).length > 0) {
    return { ...toWireTask(record), _meta: { [VARIABLES_META_KEY]: record.variables } };
  }
  let cached = wireCache.get(record);
  if (!cached) {
    cached = Object.freeze(buildWireTask(record));
    if (Object.isFrozen(record)) wireCache.set(record, cached);
  }
  return cached;
}

function buildWireTask(record: TaskRecord): WireTask & JsonObject {
  const task: WireTask & JsonObject = {
    taskId: record.taskId,
    status: record.status,
    createdAt: new Date(record.createdAt).toISOString(),
    lastUpdatedAt: new Date(record.lastUpdatedAt).toISOString(),
    ttl: record.ttl,
  };
  if (record.statusMessage !== undefined) task.statusMessage = record.statusMessage;
  if (record.pollInterval !== undefined) task.pollInterval = record.pollInterval;
  return task;
}

/** True when the record is expired at `now` (R36: measured from creation). */
export function isExpired(record: Pick<TaskRecord, 'expiresAt'>, now: number): boolean {
  return record.expiresAt !== null && now >= record.expiresAt;
}
