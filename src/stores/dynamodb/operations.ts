/**
 * The DynamoDB requests of `DynamoDbTaskStore`, as plain inputs (no I/O here): one function per
 * request shape, so each can be read (and counted) on its own.
 */
import type {
  AttributeValue,
  BatchGetItemCommandInput,
  GetItemCommandInput,
  PutItemCommandInput,
  QueryCommandInput,
  ScanCommandInput,
  UpdateItemCommandInput,
} from '@aws-sdk/client-dynamodb';
import type { Owner } from '../../owner.js';
import { isExpired, type TaskRecord } from '../../record.js';
import type { RecordPatch, WriteCondition } from '../base.js';
import { HASHED_PREFIX, QUOTA_SORT_KEY } from './keys.js';
import { itemBytes, num, type Item } from './marshal.js';
import { ATTR, LIST_INDEX } from './table.js';

export type Key = { [ATTR.pk]: AttributeValue; [ATTR.sk]: AttributeValue };

/**
 * "No expiry, or one after `:now`". A DynamoDB comparison with an attribute the item lacks is
 * false, so its NOT is true: this is `attribute_not_exists(#x) OR #x > :now` without the
 * parentheses that condition needs beside an AND, which dynalite's expression parser takes about
 * ten times longer over (its parse was most of what a conditional write cost there). The same
 * form for every "absent, or below a bound" below.
 */
export const UNEXPIRED = 'NOT #x <= :now';

export function keyOf(pk: string, sk: string): Key {
  return { [ATTR.pk]: { S: pk }, [ATTR.sk]: { S: sk } };
}

/** A strongly consistent read of one item. */
export function getItemInput(tableName: string, pk: string, sk: string): GetItemCommandInput {
  return { TableName: tableName, Key: keyOf(pk, sk), ConsistentRead: true };
}

/** The task item of a new task, refused if the key exists (never overwrite a task). */
export function putTaskInput(tableName: string, item: Item): PutItemCommandInput {
  return {
    TableName: tableName,
    Item: item,
    ConditionExpression: 'attribute_not_exists(#pk)',
    ExpressionAttributeNames: { '#pk': ATTR.pk },
    ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
  };
}

export interface Transition {
  input: UpdateItemCommandInput;
  /** The attributes the write sets (to size the item when DynamoDB refuses it). */
  sets: Item;
  /** The attributes the write removes. */
  removes: string[];
  /** Upper bound of the size of what the write sets: the item is at least this large. */
  bytes: number;
}

/**
 * One conditional UpdateItem for a write of the base class: the patch, `version + 1` and a new
 * write ID, applied only if the item belongs to `owner`, has one of `statusIn`, is unexpired at
 * `now` (exact ms) and, when asked, has exactly `version`. Returns the new item (ALL_NEW) or, on
 * a failed condition, the current one (ALL_OLD, where the endpoint supports it).
 *
 * The expressions are as short as the rule allows (an emulator such as dynalite parses both at
 * every request, and that parse was most of what a write cost there): the owner is compared only
 * under a hashed partition key (`o#<owner>` names its owner exactly, `h#<hash>` does not),
 * counters are `ADD`ed, and "unexpired" is `NOT #x <= :now` (see UNEXPIRED).
 */
export function transitionInput(
  tableName: string,
  pk: string,
  sk: string,
  owner: Owner,
  condition: WriteCondition,
  patch: RecordPatch,
  writeId: string,
): Transition {
  const names: Record<string, string> = { '#st': ATTR.status, '#x': ATTR.expiresAt, '#v': ATTR.version, '#w': ATTR.writeId };
  const values: Record<string, AttributeValue> = { ':now': num(condition.now), ':one': num(1), ':w': { S: writeId } };
  const sets: Item = { [ATTR.writeId]: values[':w']!, [ATTR.version]: num(Number.MAX_SAFE_INTEGER) };
  const setClauses = ['#w = :w'];
  const addClauses = ['#v :one'];
  /** `SET #name = :value`, declaring both and recording the attribute for the size estimate. */
  const set = (name: string, attribute: string, value: string, attributeValue: AttributeValue) => {
    names[name] = attribute;
    values[value] = attributeValue;
    sets[attribute] = attributeValue;
    setClauses.push(`${name} = ${value}`);
  };
  if (patch.lastUpdatedAt !== undefined) {
    set('#lu', ATTR.lastUpdatedAt, ':lu', num(patch.lastUpdatedAt));
    setClauses.unshift(setClauses.pop()!); // first: the clause order is stable
  }
  // DynamoDB refuses unused attribute names: declare each lease name only where used.
  if (condition.leaseHolder !== undefined) names['#lh'] = ATTR.leaseHolder;
  if (condition.leaseExpiresAt !== undefined) names['#le'] = ATTR.leaseExpiresAt;
  if (patch.lease !== undefined) {
    set('#lh', ATTR.leaseHolder, ':lh', { S: patch.lease.holder });
    set('#le', ATTR.leaseExpiresAt, ':le', num(patch.lease.expiresAt));
  }
  if (patch.status !== undefined) set('#st', ATTR.status, ':st', { S: patch.status });
  const removes: string[] = [];
  if (patch.statusMessage === null) {
    names['#m'] = ATTR.statusMessage;
    removes.push(ATTR.statusMessage);
  } else if (patch.statusMessage !== undefined) {
    set('#m', ATTR.statusMessage, ':m', { S: patch.statusMessage });
  }
  if (patch.outcome !== undefined) set('#out', ATTR.outcome, ':out', { S: JSON.stringify(patch.outcome) });
  if (patch.variables !== undefined) set('#vars', ATTR.variables, ':vars', { S: JSON.stringify(patch.variables) });
  if (patch.input !== undefined) set('#inp', ATTR.input, ':inp', { S: JSON.stringify(patch.input) });
  storedBytesClauses(patch, names, values, sets, setClauses, addClauses);
  if (pk.startsWith(HASHED_PREFIX)) {
    names['#o'] = ATTR.owner;
    values[':o'] = { S: owner };
  }
  const input: UpdateItemCommandInput = {
    TableName: tableName,
    Key: keyOf(pk, sk),
    UpdateExpression: `SET ${setClauses.join(', ')} ADD ${addClauses.join(', ')}${removes.length > 0 ? ' REMOVE #m' : ''}`,
    // A stamp never moves back (R33): a write stamped before the stored one fails here, and the
    // store writes again with the stored stamp (store.ts, _update).
    ConditionExpression: `${writeCondition(condition, values, pk.startsWith(HASHED_PREFIX))}${patch.lastUpdatedAt !== undefined ? ' AND NOT #lu > :lu' : ''}`,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
    ReturnValues: 'ALL_NEW',
    ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
  };
  return { input, sets, removes, bytes: itemBytes(sets) };
}

/**
 * A write that changes the stored bytes (storage caps) keeps `storedBytes`. A variables write
 * replaces it and records the change in `bytesDelta`, computed by DynamoDB from the old value,
 * so the store can adjust the owner's usage without reading the task first; a completion adds
 * the outcome's bytes, which are the change itself (`ADD` counts a missing attribute as 0).
 */
function storedBytesClauses(
  patch: RecordPatch,
  names: Record<string, string>,
  values: Record<string, AttributeValue>,
  sets: Item,
  setClauses: string[],
  addClauses: string[],
): void {
  if (patch.storedBytes === undefined && patch.outcomeBytes === undefined) return;
  names['#sb'] = ATTR.storedBytes;
  if (patch.storedBytes !== undefined) {
    names['#bd'] = ATTR.bytesDelta;
    values[':zero'] = num(0);
    values[':sb'] = num(patch.storedBytes);
    setClauses.push('#sb = :sb', '#bd = :sb - if_not_exists(#sb, :zero)');
    sets[ATTR.bytesDelta] = num(-Number.MAX_SAFE_INTEGER);
  } else {
    values[':ob'] = num(patch.outcomeBytes!);
    addClauses.push('#sb :ob');
  }
  sets[ATTR.storedBytes] = num(Number.MAX_SAFE_INTEGER);
}

/** The ConditionExpression of a WriteCondition (its values added to `values`). */
function writeCondition(condition: WriteCondition, values: Record<string, AttributeValue>, checkOwner: boolean): string {
  const statuses = condition.statusIn.map((s, i) => {
    values[`:s${i}`] = { S: s };
    return `:s${i}`;
  });
  let expression = `${statuses.length === 1 ? `#st = ${statuses[0]}` : `#st IN (${statuses.join(', ')})`} AND ${UNEXPIRED}`;
  if (checkOwner) expression = `#o = :o AND ${expression}`;
  if (condition.version !== undefined) {
    values[':ver'] = num(condition.version);
    expression += ' AND #v = :ver';
  }
  if (condition.leaseHolder !== undefined) {
    values[':lhc'] = { S: condition.leaseHolder };
    expression += ' AND #lh = :lhc';
  }
  if (condition.leaseExpiresAt !== undefined) {
    values[':lec'] = num(condition.leaseExpiresAt);
    expression += ' AND #le = :lec';
  }
  return expression;
}

/**
 * Reserve a quota slot: add `entry` to the owner's set of active tasks if it holds fewer than
 * `max` entries. One item, so DynamoDB serializes concurrent reservations: the quota is exact.
 */
export function reserveInput(tableName: string, pk: string, entry: string, max: number, extra?: ExpressionParts): UpdateItemCommandInput {
  const quota = 'NOT size(#a) >= :max'; // no set yet, or fewer than max entries (UNEXPIRED's form)
  return {
    TableName: tableName,
    Key: keyOf(pk, QUOTA_SORT_KEY),
    UpdateExpression: extra === undefined ? 'ADD #a :e' : `ADD #a :e, ${extra.add.join(', ')}`,
    ConditionExpression: extra === undefined ? quota : `${quota} AND ${extra.condition}`,
    ExpressionAttributeNames: { '#a': ATTR.active, ...extra?.names },
    ExpressionAttributeValues: { ':e': { SS: [entry] }, ':max': num(max), ...extra?.values },
    ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
  };
}

/** Clauses another concern adds to the reservation (storage caps: ./storage-caps.ts). */
export interface ExpressionParts {
  /** `ADD` actions, e.g. `#n :v`. */
  add: string[];
  /** Clauses joined by AND only (no OR: see UNEXPIRED). */
  condition: string;
  names: Record<string, string>;
  values: Record<string, AttributeValue>;
}

/** Drop entries from the set (idempotent; an emptied set disappears). */
export function releaseInput(tableName: string, pk: string, entries: readonly string[]): UpdateItemCommandInput {
  return {
    TableName: tableName,
    Key: keyOf(pk, QUOTA_SORT_KEY),
    UpdateExpression: 'DELETE #a :e',
    ExpressionAttributeNames: { '#a': ATTR.active },
    ExpressionAttributeValues: { ':e': { SS: [...entries] } },
  };
}

/** Status of up to 100 tasks of one owner, strongly consistent (quota reconciliation). */
export function statusBatchInput(tableName: string, keys: Key[]): BatchGetItemCommandInput {
  return {
    RequestItems: {
      [tableName]: {
        Keys: keys,
        ConsistentRead: true,
        ProjectionExpression: '#sk, #st, #le',
        ExpressionAttributeNames: { '#sk': ATTR.sk, '#st': ATTR.status, '#le': ATTR.leaseExpiresAt },
      },
    },
  };
}

/**
 * One page of `list`: ONE strongly consistent Query on the creation-order LSI, oldest first,
 * expired items filtered out (native TTL deletes late). `Limit` is one more than the page, so a
 * page that ends exactly at the last task needs no empty follow-up page.
 */
export function listInput(tableName: string, pk: string, start: Item | undefined, limit: number, now: number): QueryCommandInput {
  return {
    TableName: tableName,
    IndexName: LIST_INDEX,
    KeyConditionExpression: '#pk = :pk',
    FilterExpression: UNEXPIRED,
    ExpressionAttributeNames: { '#pk': ATTR.pk, '#x': ATTR.expiresAt },
    ExpressionAttributeValues: { ':pk': { S: pk }, ':now': num(now) },
    Limit: limit + 1,
    ConsistentRead: true,
    Select: 'ALL_ATTRIBUTES',
    ScanIndexForward: true,
    ...(start !== undefined && { ExclusiveStartKey: start }),
  };
}

/** One page of the cleanup scan: keys of items expired at `now` (exact ms). */
export function expiredScanInput(tableName: string, now: number, start: Record<string, AttributeValue> | undefined): ScanCommandInput {
  return {
    TableName: tableName,
    FilterExpression: '#x <= :now',
    ProjectionExpression: '#pk, #sk',
    ExpressionAttributeNames: { '#x': ATTR.expiresAt, '#pk': ATTR.pk, '#sk': ATTR.sk },
    ExpressionAttributeValues: { ':now': num(now) },
    ConsistentRead: true,
    ...(start !== undefined && { ExclusiveStartKey: start }),
  };
}

/** Whether the write described by `condition` would apply to `current` (writeCondition in code). */
export function writable(current: TaskRecord, owner: Owner, condition: WriteCondition): boolean {
  return (
    current.owner === owner &&
    condition.statusIn.includes(current.status) &&
    !isExpired(current, condition.now) &&
    (condition.version === undefined || condition.version === current.version) &&
    (condition.leaseHolder === undefined || condition.leaseHolder === current.lease?.holder) &&
    (condition.leaseExpiresAt === undefined || condition.leaseExpiresAt === current.lease?.expiresAt)
  );
}
