/**
 * TaskRecord <-> DynamoDB item, by hand (the AWS SDK's util-dynamodb is not a dependency of
 * client-dynamodb, and our items are flat).
 *
 * JSON values (request, variables, outcome) are stored as JSON TEXT in string attributes, not as
 * DynamoDB maps: a map cannot hold every JSON number (DynamoDB numbers stop at 38 digits and
 * 1E+126, JSON allows any double) and would cost a conversion per value; the text round-trips
 * exactly and its size is simply its UTF-8 length. Numbers of the record are N attributes.
 *
 * Item sizes follow DynamoDB's rules (attribute name bytes + value bytes; a string is its UTF-8
 * length, a number about one byte per two digits plus one), rounded UP, so an item we accept is
 * never refused by DynamoDB for its size, and the estimate includes the LSI entry, which counts
 * against the same 400 KB (see ./table.ts).
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { StoreUnavailableError } from '../../errors/index.js';
import type { JsonObject } from '../../json.js';
import type { Owner } from '../../owner.js';
import type { TaskOutcome, TaskRecord } from '../../record.js';
import type { TaskStatus } from '../../status.js';
import { isTaskStatus } from '../../status.js';
import { taskIdOfSortKey } from './keys.js';
import { ATTR } from './table.js';
import type { TaskInput } from '../../contract.js';

export type Item = Record<string, AttributeValue>;

/** DynamoDB's maximum item size (400 KB), which for a table with an LSI covers item + index entry. */
export const MAX_ITEM_BYTES = 400 * 1024;

/** The stored item of a new task. */
export function recordToItem(record: TaskRecord, pk: string, sk: string, listKey: string, writeId: string): Item {
  const item: Item = {
    [ATTR.pk]: { S: pk },
    [ATTR.sk]: { S: sk },
    [ATTR.listKey]: { S: listKey },
    [ATTR.owner]: { S: record.owner },
    [ATTR.status]: { S: record.status },
    [ATTR.createdAt]: num(record.createdAt),
    [ATTR.lastUpdatedAt]: num(record.lastUpdatedAt),
    [ATTR.ttl]: record.ttl === null ? { NULL: true } : num(record.ttl),
    [ATTR.request]: { S: JSON.stringify(record.request) },
    [ATTR.variables]: { S: JSON.stringify(record.variables) },
    [ATTR.version]: num(record.version),
    [ATTR.writeId]: { S: writeId },
  };
  if (record.statusMessage !== undefined) item[ATTR.statusMessage] = { S: record.statusMessage };
  if (record.expiresAt !== null) {
    item[ATTR.expiresAt] = num(record.expiresAt);
    item[ATTR.expiresAtSec] = num(expirySeconds(record.expiresAt));
  }
  if (record.pollInterval !== undefined) item[ATTR.pollInterval] = num(record.pollInterval);
  if (record.outcome !== undefined) item[ATTR.outcome] = { S: JSON.stringify(record.outcome) };
  if (record.input !== undefined) item[ATTR.input] = { S: JSON.stringify(record.input) };
  if (record.resumable === true) item[ATTR.resumable] = { BOOL: true };
  if (record.storedBytes !== undefined) item[ATTR.storedBytes] = num(record.storedBytes);
  if (record.lease !== undefined) {
    item[ATTR.leaseHolder] = { S: record.lease.holder };
    item[ATTR.leaseExpiresAt] = num(record.lease.expiresAt);
  }
  return item;
}

/** The record of a task item. Throws on an item that is not one of ours (a corrupt table). */
export function itemToRecord(item: Item): TaskRecord {
  const taskId = taskIdOfSortKey(str(item, ATTR.sk));
  const status = str(item, ATTR.status);
  if (taskId === undefined || !isTaskStatus(status)) throw new StoreUnavailableError('the table holds an item that is not a task');
  const ttlAttr = item[ATTR.ttl];
  const ttl = ttlAttr?.N !== undefined ? Number(ttlAttr.N) : null;
  const expiresAt = item[ATTR.expiresAt]?.N;
  const request = parseFrozen(str(item, ATTR.request)) as { method: string; params: JsonObject };
  const record: { -readonly [K in keyof TaskRecord]: TaskRecord[K] } = {
    taskId,
    owner: str(item, ATTR.owner) as Owner,
    status: status as TaskStatus,
    createdAt: numberOf(item, ATTR.createdAt),
    lastUpdatedAt: numberOf(item, ATTR.lastUpdatedAt),
    ttl,
    expiresAt: expiresAt === undefined ? null : Number(expiresAt),
    request,
    variables: parseFrozen(str(item, ATTR.variables)) as JsonObject,
    version: numberOf(item, ATTR.version),
  };
  const message = item[ATTR.statusMessage]?.S;
  if (message !== undefined) record.statusMessage = message;
  const poll = item[ATTR.pollInterval]?.N;
  if (poll !== undefined) record.pollInterval = Number(poll);
  const outcome = item[ATTR.outcome]?.S;
  if (outcome !== undefined) record.outcome = parseFrozen(outcome) as TaskOutcome;
  if (item[ATTR.resumable]?.BOOL === true) record.resumable = true;
  const input = item[ATTR.input]?.S;
  if (input !== undefined) record.input = parseFrozen(input) as TaskInput;
  const storedBytes = item[ATTR.storedBytes]?.N;
  if (storedBytes !== undefined) record.storedBytes = Number(storedBytes);
  const leaseHolder = item[ATTR.leaseHolder]?.S;
  const leaseExpiresAt = item[ATTR.leaseExpiresAt]?.N;
  if (leaseHolder !== undefined && leaseExpiresAt !== undefined)
    record.lease = Object.freeze({ holder: leaseHolder, expiresAt: Number(leaseExpiresAt) });
  return Object.freeze(record);
}

/** `itemToRecord`, a malformed item reported as STORE_UNAVAILABLE. */
export function decode(item: Item): TaskRecord {
  try {
    return itemToRecord(item);
  } catch (err) {
    throw new StoreUnavailableError('DynamoDB returned a malformed task item', { cause: err });
  }
}

/** Native TTL value for an exact expiry: epoch seconds, rounded up so TTL never deletes early. */
export function expirySeconds(expiresAtMs: number): number {
  return Math.ceil(expiresAtMs / 1000);
}

export function num(n: number): AttributeValue {
  return { N: String(n) };
}

// ---- sizes ----------------------------------------------------------------------------------

/** Size of a string in DynamoDB: its UTF-8 length. */
export function stringBytes(s: string): number {
  // A string of n UTF-16 units has at most 3n UTF-8 bytes and at least n.
  return s.length < 64 && isAscii(s) ? s.length : Buffer.byteLength(s, 'utf8');
}

/** Upper bound of one attribute's size (name + value) by DynamoDB's rules. */
export function attributeBytes(name: string, value: AttributeValue): number {
  return stringBytes(name) + valueBytes(value);
}

export function valueBytes(value: AttributeValue): number {
  if (value.S !== undefined) return stringBytes(value.S);
  // Numbers: 1 byte per 2 significant digits + 1; the text length over-counts sign, dot, zeros.
  if (value.N !== undefined) return Math.ceil(value.N.length / 2) + 1;
  if (value.NULL !== undefined || value.BOOL !== undefined) return 1;
  if (value.SS !== undefined) return value.SS.reduce((n, s) => n + stringBytes(s), 0);
  throw new TypeError('unsupported attribute type');
}

/** Upper bound of an item's size, plus its entry in the KEYS_ONLY list index when it has one. */
export function itemBytes(item: Item): number {
  let n = 0;
  for (const name in item) n += attributeBytes(name, item[name]!);
  const listKey = item[ATTR.listKey];
  if (listKey !== undefined) {
    // The LSI entry: table keys + index key (the DynamoDB limit covers item + its LSI entries).
    n += attributeBytes(ATTR.pk, item[ATTR.pk]!) + attributeBytes(ATTR.sk, item[ATTR.sk]!) + attributeBytes(ATTR.listKey, listKey);
  }
  return n;
}

// ---- quota entries --------------------------------------------------------------------------

/**
 * One element of the quota item's string set: `<taskId>.<createdAt>.<expiresAt or "">`. The
 * times let reconciliation drop expired reservations without reading the task, and give missing
 * tasks (a create that died between its two writes) a grace period.
 */
export function quotaEntry(record: Pick<TaskRecord, 'taskId' | 'createdAt' | 'expiresAt'>): string {
  return `${record.taskId}.${record.createdAt}.${record.expiresAt ?? ''}`;
}

export interface QuotaEntry {
  entry: string;
  taskId: string;
  createdAt: number;
  expiresAt: number | null;
}

export function parseQuotaEntry(entry: string): QuotaEntry | undefined {
  const parts = entry.split('.');
  if (parts.length !== 3 || parts[0] === '') return undefined;
  const createdAt = Number(parts[1]);
  const expiresAt = parts[2] === '' ? null : Number(parts[2]);
  if (!Number.isFinite(createdAt) || (expiresAt !== null && !Number.isFinite(expiresAt))) return undefined;
  return { entry, taskId: parts[0]!, createdAt, expiresAt };
}

// ---- helpers --------------------------------------------------------------------------------

function str(item: Item, name: string): string {
  const v = item[name]?.S;
  if (v === undefined) throw new StoreUnavailableError(`a task item has no string attribute ${name}`);
  return v;
}

function numberOf(item: Item, name: string): number {
  const v = item[name]?.N;
  if (v === undefined) throw new StoreUnavailableError(`a task item has no number attribute ${name}`);
  return Number(v);
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** JSON.parse and deep-freeze (records handed out are immutable snapshots). */
function parseFrozen(text: string): unknown {
  const value: unknown = JSON.parse(text);
  deepFreeze(value);
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
