/**
 * The DynamoDB store's reads: one item (a strongly consistent GetItem, remembered in the known
 * items), the item a failed condition was checked against, and a page of an owner's tasks (one
 * Query on the creation-order LSI). The writes are in ./store.ts and ./create.ts.
 */
import { GetItemCommand, QueryCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { InvalidCursorError } from '../../errors/index.js';
import type { Owner } from '../../owner.js';
import { isExpired } from '../../record.js';
import type { StoredPage } from '../base.js';
import { storeError } from './errors.js';
import { partitionKey, QUOTA_SORT_KEY, taskIdOfListKey, taskSortKey } from './keys.js';
import type { KnownItems } from './known-items.js';
import { decode, type Item } from './marshal.js';
import { getItemInput, keyOf, listInput } from './operations.js';
import { ATTR } from './table.js';

/** Rethrow any failure as STORE_UNAVAILABLE (requests without a condition or a new item). */
const unavailable = (err: unknown): never => {
  throw storeError(err);
};

export class TaskReads {
  readonly #client: DynamoDBClient;
  readonly #tableName: string;
  readonly #known: KnownItems;
  /** Learned from answers: this endpoint returns the current item with a failed condition. */
  #returnsItemOnFailure = false;

  /** `known`: the store's known items, which every task item read here replaces. */
  constructor(client: DynamoDBClient, tableName: string, known: KnownItems) {
    this.#client = client;
    this.#tableName = tableName;
    this.#known = known;
  }

  async getItem(pk: string, sk: string): Promise<Item | undefined> {
    const out = await this.#client.send(new GetItemCommand(getItemInput(this.#tableName, pk, sk))).catch(unavailable);
    if (sk !== QUOTA_SORT_KEY) this.#known.set(pk, sk, out.Item);
    return out.Item;
  }

  /**
   * The item a conditional write failed against: the one DynamoDB returned with the failure
   * (ReturnValuesOnConditionCheckFailure: ALL_OLD), or, from endpoints that do not return it
   * (dynalite), ONE strongly consistent GetItem. Once the endpoint has returned an item, a
   * failure without one means the item does not exist, and no read is needed.
   */
  async currentItem(err: { Item?: Item }, pk: string, sk: string): Promise<Item | undefined> {
    if (err.Item !== undefined) {
      this.#returnsItemOnFailure = true;
      return err.Item;
    }
    return this.#returnsItemOnFailure ? undefined : this.getItem(pk, sk);
  }

  /** Up to `limit` unexpired tasks of `owner` after the list key `after`, in creation order (`_list`). */
  async page(owner: Owner, after: string | undefined, limit: number, now: number): Promise<StoredPage> {
    const pk = partitionKey(owner);
    let start: Item | undefined;
    if (after !== undefined) {
      const taskId = taskIdOfListKey(after);
      if (taskId === undefined) throw new InvalidCursorError();
      start = { ...keyOf(pk, taskSortKey(taskId)), [ATTR.listKey]: { S: after } };
    }
    const out = await this.#client.send(new QueryCommand(listInput(this.#tableName, pk, start, limit, now))).catch(unavailable);
    const items = out.Items ?? [];
    let next: string | undefined;
    if (items.length > limit) {
      // One item more than the page was found: more follow, and the page ends before it.
      items.length = limit;
      next = items[limit - 1]![ATTR.listKey]?.S;
    } else {
      next = out.LastEvaluatedKey?.[ATTR.listKey]?.S;
    }
    const records = items.map(decode).filter((r) => r.owner === owner && !isExpired(r, now));
    return next === undefined ? { records } : { records, next };
  }
}
