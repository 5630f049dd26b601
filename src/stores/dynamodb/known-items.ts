/**
 * The task items this store instance last wrote or read, so that a write needs back only the
 * attributes it changed (`ReturnValues: UPDATED_NEW`) instead of the whole item (ALL_NEW): the
 * new item is the known one with those attributes. That saves returning (and parsing) the
 * request, variables and result at every write, lease renewals included: a 300 KB task answered
 * 300 KB to each renewal before.
 *
 * Exact by the version: every write of any instance adds 1 to it, so when the write's new version
 * is the known item's plus one, nobody wrote in between and the merge IS the new item. Otherwise
 * (another instance wrote since) the caller reads the item once (`merge` answers undefined).
 * Bounded in bytes (large items are not kept); the oldest entries go first.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { itemBytes, type Item } from './marshal.js';
import { ATTR } from './table.js';

/** Bytes of items kept at most, and the largest item kept. */
const BUDGET_BYTES = 8 * 1024 * 1024;
const MAX_KEPT_ITEM_BYTES = 64 * 1024;

export class KnownItems {
  readonly #items = new Map<string, { item: Item; bytes: number }>();
  #bytes = 0;

  get(pk: string, sk: string): Item | undefined {
    return this.#items.get(key(pk, sk))?.item;
  }

  /** Remember `item` as the current one (or forget the task when undefined). */
  set(pk: string, sk: string, item: Item | undefined): void {
    const k = key(pk, sk);
    const old = this.#items.get(k);
    if (old !== undefined) {
      this.#items.delete(k);
      this.#bytes -= old.bytes;
    }
    if (item === undefined) return;
    const bytes = itemBytes(item);
    if (bytes > MAX_KEPT_ITEM_BYTES) return;
    this.#items.set(k, { item, bytes });
    this.#bytes += bytes;
    for (const [oldest, entry] of this.#items) {
      if (this.#bytes <= BUDGET_BYTES) break;
      this.#items.delete(oldest);
      this.#bytes -= entry.bytes;
    }
  }

  /** The item after a write over `known` answered `updated` (UPDATED_NEW) and removed `removes`; undefined when another write came between. */
  static merge(known: Item, updated: Record<string, AttributeValue>, removes: readonly string[]): Item | undefined {
    const version = updated[ATTR.version]?.N;
    if (version === undefined || Number(version) !== Number(known[ATTR.version]?.N) + 1) return undefined;
    const item: Item = { ...known, ...updated };
    for (const name of removes) delete item[name];
    return item;
  }
}

function key(pk: string, sk: string): string {
  return `${pk}\u0000${sk}`;
}
