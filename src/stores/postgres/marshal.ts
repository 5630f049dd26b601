/**
 * TaskRecord <-> row of the tasks table. JSON values (request, variables, outcome, input) are
 * stored as JSON TEXT, not jsonb: jsonb refuses `\u0000` in strings and would reorder keys and
 * re-print numbers, while text round-trips exactly, costs no conversion on the server and its
 * size is its UTF-8 length. Times are epoch ms in bigint columns (the store's clock, not the
 * server's, decides expiry: every statement is given `now`).
 *
 * Text columns (owner, task ID, status message, lease holder) cannot hold NUL characters or
 * lone surrogates in PostgreSQL, but the contract allows any string: such strings are stored
 * escaped (`\u0001` + their JSON form), every other string as it is (see `toDbText`).
 */
import { StoreUnavailableError } from '../../errors/index.js';
import type { JsonObject } from '../../json.js';
import type { TaskInput } from '../../contract.js';
import type { TaskOutcome, TaskRecord } from '../../record.js';
import { isTaskStatus, type TaskStatus } from '../../status.js';

/** A row as the driver returns it (bigint columns may come back as strings, numbers or bigints). */
export type Row = Record<string, unknown>;

/** Marks an escaped string; no unescaped stored string starts with it. */
const ESCAPED = '\u0001';
/** NUL, a lone high surrogate or a lone low surrogate. */
const UNSTORABLE = /\0|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The stored form of a string for a text column (identity for every ordinary string). */
export function toDbText(value: string): string {
  return value.startsWith(ESCAPED) || UNSTORABLE.test(value) ? ESCAPED + JSON.stringify(value) : value;
}

/** The string a text column holds (inverse of `toDbText`). */
export function fromDbText(value: string): string {
  return value.startsWith(ESCAPED) ? (JSON.parse(value.slice(1)) as string) : value;
}

/** The parameter values of a new task for the create function, in its argument order. */
export function recordParams(record: TaskRecord): unknown[] {
  return [
    toDbText(record.taskId),
    toDbText(record.owner),
    record.status,
    record.statusMessage === undefined ? null : toDbText(record.statusMessage),
    record.createdAt,
    record.lastUpdatedAt,
    record.ttl,
    record.expiresAt,
    record.pollInterval ?? null,
    JSON.stringify(record.request),
    JSON.stringify(record.variables),
    record.storedBytes ?? null,
    record.resumable === true,
    record.lease === undefined ? null : toDbText(record.lease.holder),
    record.lease?.expiresAt ?? null,
  ];
}

/** The record of a task row. Throws STORE_UNAVAILABLE on a row that is not one of ours. */
export function rowToRecord(row: Row): TaskRecord {
  try {
    return decode(row);
  } catch (err) {
    throw new StoreUnavailableError('PostgreSQL returned a malformed task row', { cause: err });
  }
}

function decode(row: Row): TaskRecord {
  const status = row.status;
  if (typeof status !== 'string' || !isTaskStatus(status)) throw new TypeError(`not a task status: ${String(status)}`);
  const record: { -readonly [K in keyof TaskRecord]: TaskRecord[K] } = {
    taskId: fromDbText(text(row.task_id)),
    owner: fromDbText(text(row.owner)),
    status: status as TaskStatus,
    createdAt: int(row.created_at),
    lastUpdatedAt: int(row.last_updated_at),
    ttl: row.ttl === null ? null : int(row.ttl),
    expiresAt: row.expires_at === null ? null : int(row.expires_at),
    request: parseFrozen(text(row.request)) as { method: string; params: JsonObject },
    variables: parseFrozen(text(row.variables)) as JsonObject,
    version: int(row.version),
  };
  if (row.status_message !== null) record.statusMessage = fromDbText(text(row.status_message));
  if (row.poll_interval !== null) record.pollInterval = int(row.poll_interval);
  if (row.outcome !== null) record.outcome = parseFrozen(text(row.outcome)) as TaskOutcome;
  if (row.input !== null) record.input = parseFrozen(text(row.input)) as TaskInput;
  if (row.stored_bytes !== null) record.storedBytes = int(row.stored_bytes);
  if (row.resumable === true) record.resumable = true;
  if (row.lease_holder !== null && row.lease_expires_at !== null) {
    record.lease = Object.freeze({ holder: fromDbText(text(row.lease_holder)), expiresAt: int(row.lease_expires_at) });
  }
  return Object.freeze(record);
}

/** The list position (`seq`) of a row, as the cursor carries it. */
export function seqOf(row: Row): string {
  return String(int(row.seq));
}

function text(value: unknown): string {
  if (typeof value !== 'string') throw new TypeError(`expected text, got ${typeof value}`);
  return value;
}

/** bigint columns arrive as strings (node-postgres), numbers or bigints (PGlite); all are ours and safe integers. */
function int(value: unknown): number {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isSafeInteger(n)) throw new TypeError(`expected an integer, got ${String(value)}`);
  return n;
}

/** Parsed JSON texts of up to CACHED_TEXT_BYTES, at most CACHED_TEXTS, oldest dropped first. */
const parsed = new Map<string, unknown>();
const CACHED_TEXTS = 2_000;
const CACHED_TEXT_BYTES = 4_096;

/**
 * JSON.parse and deep-freeze (records handed out are immutable snapshots). Small texts read
 * again (a task's request on every get and list page, `{}` variables) share one frozen value:
 * parsing and freezing are most of a list page's cost, and frozen values are safe to share.
 */
function parseFrozen(json: string): unknown {
  const cacheable = json.length <= CACHED_TEXT_BYTES;
  if (cacheable) {
    const hit = parsed.get(json);
    if (hit !== undefined) return hit;
  }
  const value: unknown = JSON.parse(json);
  deepFreeze(value);
  if (cacheable) {
    parsed.set(json, value);
    if (parsed.size > CACHED_TEXTS) parsed.delete(parsed.keys().next().value!);
  }
  return value;
}

function deepFreeze(value: unknown): void {
  if (typeof value !== 'object' || value === null) return;
  Object.freeze(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) deepFreeze(value[i]);
  } else {
    for (const key in value) deepFreeze((value as Record<string, unknown>)[key]);
  }
}
