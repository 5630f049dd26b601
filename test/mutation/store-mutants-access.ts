/** Store defects in who sees what: owner isolation, list pages and cursors. */
import type { ListOptions, TaskPage } from '../../src/contract.js';
import { CursorCodec } from '../../src/cursor.js';
import { InvalidArgumentError, InvalidCursorError, TaskNotFoundError } from '../../src/errors/index.js';
import type { JsonValue } from '../../src/json.js';
import type { Owner } from '../../src/owner.js';
import type { RecordPatch, StoredPage, WriteCondition } from '../../src/stores/base.js';
import { checkOwner } from '../../src/stores/input-checks.js';
import { InMemoryTaskStore, type InMemoryTaskStoreOptions } from '../../src/stores/memory.js';
import { OwnerTrackingStore, type StoreMutant } from './store-seams.js';

interface ListFlaws {
  /** Cursors carry no owner binding. */
  unbound?: boolean;
  /** Cursors carry no MAC: any well-formed payload is accepted. */
  unsigned?: boolean;
  /** Cursors never expire. */
  timeless?: boolean;
  /** `limit` is not capped at maxPageSize. */
  uncapped?: boolean;
  /** A cursor that does not decode restarts the listing instead of failing. */
  lenient?: boolean;
}

/** `list` written again with one flaw in its cursors or page size (the rest as the base does it). */
class FlawedListStore extends InMemoryTaskStore {
  readonly #codec: CursorCodec;
  readonly #flaws: ListFlaws;
  constructor(options: InMemoryTaskStoreOptions, flaws: ListFlaws) {
    super(options);
    this.#flaws = flaws;
    this.#codec = new CursorCodec(undefined, this.clock, flaws.timeless ? Number.MAX_SAFE_INTEGER : this.security.cursorTtlMs);
  }
  override async list(owner: Owner, options: ListOptions = {}): Promise<TaskPage> {
    checkOwner(owner, this.security);
    const { cursor, limit = this.security.defaultPageSize } = options;
    if (!Number.isSafeInteger(limit) || limit < 1) throw new InvalidArgumentError('list: limit must be a positive integer');
    const after = cursor === undefined ? undefined : this.#decode(owner, cursor);
    const size = this.#flaws.uncapped ? limit : Math.min(limit, this.security.maxPageSize);
    const page = await this._list(owner, after, size, this.clock.now());
    return page.next === undefined ? { tasks: page.records } : { tasks: page.records, nextCursor: this.#encode(owner, page.next) };
  }
  #encode(owner: Owner, position: string): string {
    if (this.#flaws.unsigned) return Buffer.from(JSON.stringify([position])).toString('base64url');
    return this.#codec.encode(this.#flaws.unbound ? '*' : owner, position);
  }
  #decode(owner: Owner, cursor: unknown): string | undefined {
    if (this.#flaws.unsigned) {
      try {
        const [position] = JSON.parse(Buffer.from(String(cursor), 'base64url').toString('utf8')) as JsonValue[];
        if (typeof position === 'string') return position;
      } catch {
        // falls through to the refusal
      }
      throw new InvalidCursorError();
    }
    try {
      return this.#codec.decode(this.#flaws.unbound ? '*' : owner, cursor);
    } catch (err) {
      if (this.#flaws.lenient) return undefined;
      throw err;
    }
  }
}

/** `_list` hands back a changed page. */
class FlawedPageStore extends InMemoryTaskStore {
  constructor(
    options: InMemoryTaskStoreOptions,
    readonly change: (page: StoredPage) => StoredPage,
  ) {
    super(options);
  }
  protected override async _list(owner: Owner, after: string | undefined, limit: number, now: number): Promise<StoredPage> {
    return this.change(await super._list(owner, after, limit, now));
  }
}

const moveNext = (page: StoredPage, by: number): StoredPage =>
  page.next === undefined ? page : { ...page, next: String(Number(page.next) + by) };

class ForeignGetStore extends OwnerTrackingStore {
  override get(owner: Owner, taskId: string) {
    return this.orRealOwner(owner, taskId, (o) => super.get(o, taskId));
  }
}
class ForeignResultStore extends OwnerTrackingStore {
  override getResult(owner: Owner, taskId: string) {
    return this.orRealOwner(owner, taskId, (o) => super.getResult(o, taskId));
  }
}
class ForeignCancelStore extends OwnerTrackingStore {
  override cancel(owner: Owner, taskId: string, message?: string) {
    return this.orRealOwner(owner, taskId, (o) => super.cancel(o, taskId, message));
  }
}
class ForeignVariablesStore extends OwnerTrackingStore {
  override setVariables(owner: Owner, taskId: string, patch: { [key: string]: JsonValue | null }) {
    return this.orRealOwner(owner, taskId, (o) => super.setVariables(o, taskId, patch));
  }
}
class ForeignListStore extends OwnerTrackingStore {
  override async list(owner: Owner, options: ListOptions = {}): Promise<TaskPage> {
    const page = await super.list(owner, options);
    if (options.cursor !== undefined) return page;
    const foreign = [];
    for (const [taskId, real] of this.ownerOf) {
      if (real !== owner) foreign.push(await super.get(real, taskId).catch(() => undefined));
    }
    return { ...page, tasks: [...page.tasks, ...foreign.filter((t) => t !== undefined)] };
  }
}
/** Owners compared without case: 'auth:ALICE' reaches 'auth:alice's tasks. */
class CaseBlindOwnerStore extends InMemoryTaskStore {
  override async get(owner: Owner, taskId: string) {
    try {
      return await super.get(owner, taskId);
    } catch (err) {
      if (err instanceof TaskNotFoundError && owner.toLowerCase() !== owner) return super.get(owner.toLowerCase(), taskId);
      throw err;
    }
  }
}

/** Storage that ignores the owner: `_read` and `_update` find a task in any owner's tasks. */
class OwnerBlindStorage extends OwnerTrackingStore {
  protected override _read(owner: Owner, taskId: string) {
    return super._read(this.ownerOf.get(taskId) ?? owner, taskId);
  }
  protected override _update(owner: Owner, taskId: string, condition: WriteCondition, patch: RecordPatch) {
    return super._update(this.ownerOf.get(taskId) ?? owner, taskId, condition, patch);
  }
}

type Make = StoreMutant['make'];
const mutant = (id: string, area: string, description: string, expected: string[], make: Make): StoreMutant => ({
  id,
  area,
  description,
  expected,
  make,
});

export const ACCESS_MUTANTS: StoreMutant[] = [
  mutant(
    'iso-get-foreign',
    'owner isolation',
    "get finds another owner's task",
    ["R77 get of another owner's task"],
    (o) => new ForeignGetStore(o),
  ),
  mutant(
    'iso-result-foreign',
    'owner isolation',
    "getResult returns another owner's result",
    ["R77 getResult of another owner's task"],
    (o) => new ForeignResultStore(o),
  ),
  mutant(
    'iso-cancel-foreign',
    'owner isolation',
    "cancel cancels another owner's task",
    ["R77 cancel of another owner's task", 'R77 foreign writes to a finished task'],
    (o) => new ForeignCancelStore(o),
  ),
  mutant(
    'iso-variables-foreign',
    'owner isolation',
    "setVariables writes another owner's task",
    ["R77 setVariables of another owner's task"],
    (o) => new ForeignVariablesStore(o),
  ),
  mutant(
    'iso-list-foreign',
    'owner isolation',
    "the first list page also shows other owners' tasks",
    ["R65 list shows only the requestor's own tasks", 'R65 list pages of one owner'],
    (o) => new ForeignListStore(o),
  ),
  mutant(
    'iso-storage-owner-blind',
    'owner isolation',
    "the storage primitives ignore the owner (writes reach another owner's task)",
    ["R77 updateStatus of another owner's task", "R77 cancel of another owner's task"],
    (o) => new OwnerBlindStorage(o),
  ),
  mutant(
    'iso-owner-case',
    'owner isolation',
    'owners are compared without case',
    ['owners are compared exactly'],
    (o) => new CaseBlindOwnerStore(o),
  ),
  mutant(
    'cursor-unbound',
    'pagination',
    'cursors are not bound to their owner',
    ['R64 a cursor issued to one owner fails INVALID_CURSOR for another'],
    (o) => new FlawedListStore(o, { unbound: true }),
  ),
  mutant(
    'cursor-unsigned',
    'pagination',
    'cursors carry no MAC: a tampered cursor is accepted',
    ['R62 R64 a cursor with any single character changed', 'R64 garbage cursors'],
    (o) => new FlawedListStore(o, { unsigned: true }),
  ),
  mutant(
    'cursor-timeless',
    'pagination',
    'cursors never expire',
    ['R64 a cursor older than security.cursorTtlMs'],
    (o) => new FlawedListStore(o, { timeless: true }),
  ),
  mutant(
    'cursor-lenient',
    'pagination',
    'a cursor that does not decode restarts the listing',
    ['R64 garbage cursors', 'R62 R64 a cursor with any single character changed'],
    (o) => new FlawedListStore(o, { lenient: true }),
  ),
  mutant(
    'page-uncapped',
    'pagination',
    'limit is not capped at security.maxPageSize',
    ['R60 a larger limit is capped'],
    (o) => new FlawedListStore(o, { uncapped: true }),
  ),
  mutant(
    'page-repeats-last',
    'pagination',
    'each page starts with the last task of the page before',
    ['R61 R63 '],
    (o) => new FlawedPageStore(o, (p) => moveNext(p, -1)),
  ),
  mutant(
    'page-skips-one',
    'pagination',
    'the task after each page is skipped',
    ['R61 R63 '],
    (o) => new FlawedPageStore(o, (p) => moveNext(p, 1)),
  ),
  mutant(
    'page-no-next',
    'pagination',
    'no nextCursor although more tasks follow',
    ['R60 R61 without a limit', 'R61 R63 '],
    (o) => new FlawedPageStore(o, (p) => ({ records: p.records })),
  ),
  mutant(
    'page-newest-first',
    'pagination',
    'each page lists newest first',
    ['R61 R63 ', 'R60 R61 without a limit'],
    (o) => new FlawedPageStore(o, (p) => ({ ...p, records: [...p.records].reverse() })),
  ),
];
