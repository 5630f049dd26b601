/**
 * The TaskStore contract: what every store of mcp-tasks MUST do. The store conformance suite
 * (`mcp-tasks/conformance`, `runStoreConformance`) checks each rule below; a new store passes by
 * calling it once with a factory.
 *
 * Stores normally extend `BaseTaskStore` (src/stores/base.ts), which implements every rule that
 * is not about storage (argument checks, limits, transitions, TTLs, cursors) once for all stores;
 * a backend then supplies five storage primitives.
 *
 * Rules (rule IDs from the spec digest in brackets):
 * - Owners. Every operation takes the owner (see `resolveOwner`). A task is visible only to the
 *   owner that created it: for any other owner it does not exist, in every operation, including
 *   list and its cursors (R63, R65, R76, R77). The anonymous owner is refused with
 *   ANONYMOUS_NOT_ALLOWED unless `security.allowAnonymous` is set.
 * - Not found. A missing task, an expired task and another owner's task MUST produce the same
 *   TASK_NOT_FOUND error with the same message (R37, R74, R77).
 * - IDs. `create` MUST generate the task ID: a string of at least 128 bits from a CSPRNG, unique
 *   among all tasks of the store (R18-R20, R79), unless the caller reserved one (`input.taskId`,
 *   from `generateTaskId`: the engine does so for a call in its sync window, which may become a
 *   task); then the task MUST get exactly that ID.
 * - Creation. A task begins `working` (R21) with `createdAt = lastUpdatedAt = now`, version 1.
 *   Its TTL is the requested one clamped to `security.maxTtlMs`, or `security.defaultTtlMs` when
 *   none is requested; the record reports the actual value (R34, R35). Requested TTLs that are not
 *   positive integers are refused with INVALID_ARGUMENT (A4).
 * - Quota. `create` MUST fail with QUOTA_EXCEEDED, creating nothing, when the owner already has
 *   `security.maxActiveTasksPerOwner` active (working or input_required, unexpired) tasks; this
 *   MUST hold under concurrent creates by one owner (R38).
 * - Expiry. TTL runs from creation (R36). From `expiresAt` on, the task is invisible to every
 *   read and refuses every write, before any cleanup runs. `cleanup()` removes expired tasks and
 *   their results and returns how many it removed.
 * - Transitions. Only the paths of the state machine (src/status.ts) are taken (R22). Each write
 *   is atomic and conditional on the current status (compare-and-set): no read-then-write race
 *   can move a task along a path that does not exist. Terminal tasks never change again (R68):
 *   any write to one fails with TASK_TERMINAL.
 * - `complete` writes the terminal status, the outcome and the status message in ONE atomic
 *   write, only from a non-terminal status. `completed` takes a result; `failed` takes a result
 *   (a tool's `isError: true`, A18) or a JSON-RPC error (R42).
 * - `cancel` moves a non-terminal task to `cancelled` (R67) and fails with TASK_TERMINAL for a
 *   terminal one (R66). Of concurrent `complete` and `cancel` calls on one task exactly one wins;
 *   the loser gets TASK_TERMINAL and the winner's outcome is never overwritten (R68).
 * - Variables. `setVariables` merges a patch into the task's variables; a `null` value deletes
 *   that key. Concurrent patches are never lost (each is applied atomically).
 * - Sizes. Stored request params, results/errors and variables are measured as JSON (UTF-8) and
 *   refused with PAYLOAD_TOO_LARGE above their limits, writing nothing.
 * - Listing. `list` returns the owner's unexpired tasks in creation order (oldest first), at most
 *   `limit` (default `security.defaultPageSize`, capped at `security.maxPageSize`), with a
 *   `nextCursor` whenever more may follow (R60, R61). Following cursors visits every task that
 *   existed when listing began exactly once, also when tasks are added between pages (R63).
 *   Cursors are opaque and bound to the owner; a foreign, tampered, expired or garbage cursor
 *   fails with INVALID_CURSOR (R62, R64).
 * - Leases (stores shared across processes). `create` with `lease` records a lease
 *   `{ holder, expiresAt = now + ms }`: the holder (one server instance) runs the task and keeps the
 *   lease alive with `renewLease` (one conditional write: status active, same holder, unexpired
 *   task). Every read (`get`, `getResult`, `list`) that finds an ACTIVE task whose lease has
 *   expired makes ONE conditional write to `failed` (error -32603, LEASE_EXPIRED_MESSAGE as error
 *   message and status message), conditioned on the status and on that same lease expiry, so a
 *   renewal racing it wins; it returns the resulting record. Tasks created without a lease never
 *   expire this way. The store suite checks these rules on every store that declares
 *   `capabilities.sharedAcrossProcesses` and implements `renewLease`, and skips them (naming the
 *   missing capability) on the others.
 * - Takeover (resumable leased tasks). A task created with `lease` and `resumable: true` is not
 *   failed by reads when its lease expires: it stays active, and `takeOverLease(owner, taskId,
 *   holder, ms)` gives its lease to a new holder with ONE write conditioned on the status and on
 *   that same expired lease, so of racing callers exactly one wins (the others get undefined, as
 *   does a caller for a task whose lease has not expired or that is not resumable). The old holder's
 *   renewals then no longer apply (the holder differs) and report the new lease. With `from`, the
 *   caller declares that holder stopped (an explicit resume): an active task whose lease is still
 *   `from`'s is taken, whether its lease ran out or not, with the same one write conditioned on
 *   that lease (a renewal racing it wins; any other holder's lease is never taken this way).
 * - Input (the side channel, R47-R53). `input(owner, taskId, command)` changes the task's stored
 *   questions and answers (`TaskRecord.input`) in one atomic write (version-conditioned, retried on
 *   a lost race; CONCURRENT_MODIFICATION after repeated losses). `ask` moves an active task to
 *   `input_required` and stores the question under a fresh key, never reused in the task's life;
 *   `answer` stores answers for OUTSTANDING keys only (others are ignored, `accepted` names the
 *   ones taken) and, when no question stays outstanding, moves the task back to `working` and
 *   clears its message; `take` removes and returns arrived answers; `withdraw` drops questions the
 *   worker no longer waits for (same settling as `answer`); `claim` marks a question as being
 *   delivered by one carrier until a time, refused while another unexpired claim holds it, and
 *   `release` drops one's own claim. `progress` keeps the latest progress of a task whose
 *   requestor has no stream of its own (stateless serving), for the streams later opened for the
 *   task to carry; `progress-sent` claims the delivery of one value, accepted only when it is the
 *   stored one and above every value claimed before (so none is sent twice, and the values a
 *   requestor gets increase). Terminal tasks refuse `ask` and `answer` (TASK_TERMINAL); the
 *   other commands change nothing on them. Questions and unread answers together are limited to
 *   `security.maxRequestBytes` (PAYLOAD_TOO_LARGE) and are not counted by the storage caps.
 * - Isolation of data. Records handed out are immutable snapshots. Variables passed in are
 *   copied. Request params and results become part of the record: plain JSON data is deep-frozen
 *   in place and kept without a copy (do not pass objects you will mutate afterwards); anything
 *   else is copied with JSON semantics.
 */
import type { Clock } from './clock.js';
import type { JsonObject, JsonValue } from './json.js';
import type { Owner } from './owner.js';
import type { TaskOutcome, TaskRecord } from './record.js';
import type { SecurityConfig } from './security.js';
import type { ActiveStatus, TaskStatus } from './status.js';

/** The requests a task may send its requestor while it runs (R47). */
export type InputMethod = 'elicitation/create' | 'sampling/createMessage';

/** A question a task asks its requestor. */
export interface InputRequest {
  readonly method: InputMethod;
  readonly params: JsonObject;
}

/** A question waiting for its answer; `claim` says which carrier is delivering it, until when (epoch ms). */
export interface PendingInput extends InputRequest {
  readonly claim?: { readonly holder: string; readonly until: number };
}

/** The requestor's answer to one question: its result, or the JSON-RPC error it answered with. */
export type InputAnswer =
  { readonly result: JsonObject } | { readonly error: { readonly code: number; readonly message: string; readonly data?: JsonValue } };

/** A task's side-channel state (`TaskRecord.input`), absent until its first question. */
export interface TaskInput {
  /** Keys issued so far: the next question's key is `String(issued + 1)`. */
  readonly issued: number;
  /** Outstanding questions by key. */
  readonly requests: { readonly [key: string]: PendingInput };
  /** Answers that arrived and the worker has not taken yet. */
  readonly responses: { readonly [key: string]: InputAnswer };
  /** The latest progress of a task whose requestor has no stream of its own (stateless serving). */
  readonly progress?: StoredProgress;
}

/** A task's latest progress (R24: on the request's progressToken) and how far it was delivered. */
export interface StoredProgress {
  readonly progressToken: string | number;
  readonly progress: number;
  readonly total?: number;
  readonly message?: string;
  /** The highest `progress` a stream has claimed to send (`progress-sent`); none is sent twice. */
  readonly sent?: number;
}

/** One change to a task's side-channel state (see "Input" above). */
export type InputCommand =
  | { type: 'ask'; request: InputRequest; statusMessage?: string }
  | { type: 'answer'; responses: { readonly [key: string]: InputAnswer } }
  | { type: 'take'; keys: readonly string[] }
  | { type: 'withdraw'; keys: readonly string[] }
  | { type: 'claim'; key: string; holder: string; ms: number }
  | { type: 'release'; key: string; holder: string }
  | { type: 'progress'; progressToken: string | number; progress: number; total?: number; message?: string }
  | { type: 'progress-sent'; progress: number };

export interface InputCommandResult {
  /** The task after the command (unchanged when the command changed nothing). */
  task: TaskRecord;
  /** `ask`: the new question's key. */
  key?: string;
  /** The keys the command applied to (`claim`: `[key]` when claimed, else empty). */
  accepted: string[];
  /** `take`: the answers taken. */
  responses?: { [key: string]: InputAnswer };
}

export interface CreateTaskInput {
  /**
   * The task's ID, reserved by the caller with `generateTaskId()` (128 CSPRNG bits, like the IDs
   * a store makes, so as unguessable and as unique). Default: the store generates one.
   */
  taskId?: string;
  /** The request being run as a task; stored so that workers on any instance can run it. */
  request: { method: string; params?: JsonObject };
  /** The requested TTL (`params.task.ttl`), if any. */
  ttl?: number;
  statusMessage?: string;
  /** Initial variables. */
  variables?: JsonObject;
  /** Give the task a lease (see "Leases"): `holder` runs it and renews within `ms`. */
  lease?: { holder: string; ms: number };
  /** With `lease`: the work can continue on another instance when the lease expires (see "Takeover"). */
  resumable?: boolean;
}

/** Status message (and error message) of a task whose lease expired. */
export const LEASE_EXPIRED_MESSAGE = 'The worker running this task stopped (lease expired)';

export interface StatusUpdate {
  /** Compare-and-set: the write happens only if the current status is (one of) these. */
  from: TaskStatus | readonly TaskStatus[];
  /**
   * The new non-terminal status; terminal statuses are reached only through `complete` and
   * `cancel`. `to` equal to the current status is not a transition: it only updates the message.
   */
  to: ActiveStatus;
  /** New status message; `null` clears it, `undefined` keeps it. */
  statusMessage?: string | null;
}

export type CompleteInput =
  | { status: 'completed'; outcome: Extract<TaskOutcome, { type: 'result' }>; statusMessage?: string }
  | { status: 'failed'; outcome: TaskOutcome; statusMessage?: string };

export interface TaskResult {
  task: TaskRecord;
  /** The stored outcome; `undefined` for a cancelled task, which produced none. */
  outcome: TaskOutcome | undefined;
}

export interface ListOptions {
  cursor?: string;
  limit?: number;
}

export interface TaskPage {
  tasks: TaskRecord[];
  nextCursor?: string;
}

/** What a store offers beyond the contract, for callers and the conformance suite to gate on. */
export interface StoreCapabilities {
  /** Other processes see this store's tasks (so waiters must poll, not only listen in-process). */
  readonly sharedAcrossProcesses: boolean;
  /**
   * The store enforces `security.maxStoredTasksPerOwner` and `maxStoredBytesPerOwner` on create
   * (STORAGE_EXHAUSTED), counting finished tasks until they expire. MUST NOT drop a stored task to
   * make room: a refusal is the only answer to a full owner. The store suite checks it when true.
   */
  readonly storageCaps?: boolean;
  /**
   * The store turns writes made by other processes into `onChange` events (`remote: true`), a
   * change feed, while `changeFeedEpoch()` returns a number. Waiters then need not poll; while the
   * feed is down (`changeFeedEpoch()` undefined) they poll as on any shared store, and after it
   * came back (another number) they read once more, since writes made meanwhile were not pushed.
   */
  readonly pushesRemoteChanges?: boolean;
}

/** A change a store announces after a successful write (used to wake `tasks/result` waiters). */
export interface TaskChange {
  owner: Owner;
  task: TaskRecord;
  /** The write was made by another process (delivered by the change feed, `pushesRemoteChanges`). */
  remote?: true;
}

export interface TaskStore {
  readonly security: Readonly<SecurityConfig>;
  readonly capabilities: StoreCapabilities;
  /**
   * The clock this store decides expiry, leases and claims by. Callers deciding by time about its
   * tasks (the engine: takeover, waiters' deadlines, time left to expiry) use it too (`clockOf`:
   * this, else the system clock), so a `ManualClock` moves all of them. Optional: a store
   * without one is on the system clock.
   */
  readonly clock?: Clock;

  create(owner: Owner, input: CreateTaskInput): Promise<TaskRecord>;
  get(owner: Owner, taskId: string): Promise<TaskRecord>;
  updateStatus(owner: Owner, taskId: string, update: StatusUpdate): Promise<TaskRecord>;
  setVariables(owner: Owner, taskId: string, patch: { [key: string]: JsonValue | null }): Promise<TaskRecord>;
  complete(owner: Owner, taskId: string, input: CompleteInput): Promise<TaskRecord>;
  /** The outcome of a terminal task; TASK_NOT_TERMINAL while it is still active. */
  getResult(owner: Owner, taskId: string): Promise<TaskResult>;
  list(owner: Owner, options?: ListOptions): Promise<TaskPage>;
  cancel(owner: Owner, taskId: string, statusMessage?: string): Promise<TaskRecord>;
  /**
   * Extend the lease of an active task held by `holder` to now + `leaseMs`: one conditional
   * write. When the write does not apply (the task is terminal, or another holder's), returns
   * the current record unchanged, so the caller learns e.g. `cancelled`; TASK_NOT_FOUND when the
   * task is gone. Optional: stores without it cannot run leased tasks.
   */
  renewLease?(owner: Owner, taskId: string, holder: string, leaseMs: number): Promise<TaskRecord>;
  /** Change the task's side-channel state (see "Input"); one atomic write, or none. */
  input(owner: Owner, taskId: string, command: InputCommand): Promise<InputCommandResult>;
  /** See "Takeover": the new lease's record when this caller won, else undefined. Optional, as `renewLease`. */
  takeOverLease?(owner: Owner, taskId: string, holder: string, leaseMs: number, from?: string): Promise<TaskRecord | undefined>;
  /** Remove expired tasks and their results; returns how many were removed. */
  cleanup(): Promise<number>;
  /** Subscribe to this process's writes (and, with `pushesRemoteChanges`, other processes'); returns the unsubscribe function. */
  onChange(listener: (change: TaskChange) => void): () => void;
  /**
   * With `capabilities.pushesRemoteChanges`: a number while the change feed delivers other
   * processes' writes, changed at every reconnection; undefined while it is down (poll then).
   */
  changeFeedEpoch?(): number | undefined;
  /**
   * With `capabilities.pushesRemoteChanges`: announce other processes' writes only for tasks one
   * of the registered `wants` filters accepts (with none registered: every task). A change feed
   * must read a task to announce it, so an instance that reads only what it runs or waits for
   * costs one read per write to those, not one per write anywhere. Returns the removal function.
   */
  interestIn?(wants: (taskId: string) => boolean): () => void;
  /** Release timers and connections. */
  close(): Promise<void>;
}
