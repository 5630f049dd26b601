/** Store defects in what a task is: IDs, lifecycle, TTL and expiry, quota, variables, timestamps, sizes. */
import { randomBytes } from 'node:crypto';
import type { CompleteInput, StatusUpdate, TaskResult } from '../../src/contract.js';
import { PayloadTooLargeError, QuotaExceededError, TaskTerminalError } from '../../src/errors/index.js';
import type { JsonValue } from '../../src/json.js';
import type { Owner } from '../../src/owner.js';
import { isExpired, type TaskRecord } from '../../src/record.js';
import type { SecurityConfig } from '../../src/security.js';
import type { RecordPatch, WriteCondition, WriteResult } from '../../src/stores/base.js';
import { InMemoryTaskStore, type InMemoryTaskStoreOptions } from '../../src/stores/memory.js';
import type { StoreMutant } from './store-seams.js';

const TERMINAL = ['completed', 'failed', 'cancelled'] as const;
const ALL = ['working', 'input_required', ...TERMINAL] as const;

/** `_update` sees a changed condition or patch, or its result is changed. */
class FlawedWriteStore extends InMemoryTaskStore {
  constructor(
    options: InMemoryTaskStoreOptions,
    readonly flaw: (c: WriteCondition, p: RecordPatch) => [WriteCondition, RecordPatch],
    readonly after: (r: WriteResult) => WriteResult = (r) => r,
  ) {
    super(options);
  }
  protected override _update(owner: Owner, taskId: string, condition: WriteCondition, patch: RecordPatch): WriteResult {
    const [c, p] = this.flaw(condition, patch);
    return this.after(super._update(owner, taskId, c, p));
  }
}

/** `_read`/`_list` report a changed expiry (reads only; writes still see the stored one). */
class ShiftedExpiryStore extends InMemoryTaskStore {
  constructor(
    options: InMemoryTaskStoreOptions,
    readonly expiry: (r: TaskRecord) => number | null,
  ) {
    super(options);
  }
  #shift(r: TaskRecord | undefined): TaskRecord | undefined {
    return r && Object.freeze({ ...r, expiresAt: this.expiry(r) });
  }
  protected override _read(owner: Owner, taskId: string): TaskRecord | undefined {
    return this.#shift(super._read(owner, taskId));
  }
}

/** Each task's deletion scheduled with setTimeout(ttl) (the SDK's InMemoryTaskStore): past 2^31 - 1 ms it fires after 1 ms. */
class TimerExpiryStore extends InMemoryTaskStore {
  readonly #lost = new Set<string>();
  protected override _insert(record: TaskRecord, maxActive: number): void {
    super._insert(record, maxActive);
    if (record.ttl !== null) setTimeout(() => this.#lost.add(record.taskId), Math.min(record.ttl, 2 ** 32)).unref();
  }
  protected override _read(owner: Owner, taskId: string): TaskRecord | undefined {
    return this.#lost.has(taskId) ? undefined : super._read(owner, taskId);
  }
}

/** Quota counted by the mutant itself (`counts` says which known tasks hold a slot), check then insert. */
class OwnQuotaStore extends InMemoryTaskStore {
  readonly #tasks = new Map<Owner, Set<string>>();
  constructor(
    options: InMemoryTaskStoreOptions,
    readonly counts: (r: TaskRecord | undefined, now: number) => boolean,
    readonly racy = false,
  ) {
    super(options);
  }
  protected override async _insert(record: TaskRecord, maxActive: number): Promise<void> {
    const mine = this.#tasks.get(record.owner) ?? new Set<string>();
    this.#tasks.set(record.owner, mine);
    const now = this.clock.now();
    const used = [...mine].filter((id) => this.counts(super._read(record.owner, id), now)).length;
    if (this.racy) await new Promise((resolve) => setImmediate(resolve)); // the gap between the count and the insert
    if (used >= maxActive) throw new QuotaExceededError(maxActive);
    super._insert(record, Number.POSITIVE_INFINITY);
    mine.add(record.taskId);
  }
}
const active = (r: TaskRecord | undefined, now: number) =>
  r !== undefined && !isExpired(r, now) && (r.status === 'working' || r.status === 'input_required');

class TerminalVariablesStore extends InMemoryTaskStore {
  override async setVariables(owner: Owner, taskId: string, patch: { [key: string]: JsonValue | null }) {
    const current = await this.get(owner, taskId);
    if (!TERMINAL.includes(current.status as never)) return super.setVariables(owner, taskId, patch);
    const variables = { ...current.variables, ...patch } as TaskRecord['variables'];
    const result = this._update(owner, taskId, { statusIn: ALL, now: this.clock.now() }, { variables, lastUpdatedAt: this.clock.now() });
    return result.ok ? result.record : current;
  }
}
class FromIgnoredStore extends InMemoryTaskStore {
  override updateStatus(owner: Owner, taskId: string, update: StatusUpdate) {
    return super.updateStatus(owner, taskId, { ...update, from: ['working', 'input_required'] });
  }
}
class IdempotentCancelStore extends InMemoryTaskStore {
  override async cancel(owner: Owner, taskId: string, message?: string) {
    try {
      return await super.cancel(owner, taskId, message);
    } catch (err) {
      if (err instanceof TaskTerminalError) return this.get(owner, taskId);
      throw err;
    }
  }
}
class TwoWriteCompleteStore extends InMemoryTaskStore {
  override async complete(owner: Owner, taskId: string, input: CompleteInput) {
    const done = await super.complete(owner, taskId, input);
    const again = this._update(
      owner,
      taskId,
      { statusIn: [done.status], now: this.clock.now() },
      { statusMessage: done.statusMessage ?? null, lastUpdatedAt: this.clock.now() },
    );
    return again.ok ? again.record : done;
  }
}
class ErrorDataDroppedStore extends InMemoryTaskStore {
  override complete(owner: Owner, taskId: string, input: CompleteInput) {
    if (input.outcome.type !== 'error') return super.complete(owner, taskId, input);
    const { code, message } = input.outcome.error;
    return super.complete(owner, taskId, { ...input, status: 'failed', outcome: { type: 'error', error: { code, message } } });
  }
}
class CancelledOutcomeStore extends InMemoryTaskStore {
  override async getResult(owner: Owner, taskId: string): Promise<TaskResult> {
    const result = await super.getResult(owner, taskId);
    return result.task.status === 'cancelled'
      ? { ...result, outcome: { type: 'error', error: { code: -32800, message: 'cancelled' } } }
      : result;
  }
}
class ActiveResultStore extends InMemoryTaskStore {
  override async getResult(owner: Owner, taskId: string): Promise<TaskResult> {
    const task = await this.get(owner, taskId);
    return { task, outcome: task.outcome };
  }
}
class ReadsExpiredStore extends InMemoryTaskStore {
  override async get(owner: Owner, taskId: string) {
    const raw = this._read(owner, taskId);
    return raw !== undefined && isExpired(raw, this.clock.now()) ? raw : super.get(owner, taskId);
  }
}
class CharSizedStore extends InMemoryTaskStore {
  readonly #limit: number;
  constructor(options: InMemoryTaskStoreOptions) {
    super({ ...options, security: { ...options.security, maxRequestBytes: 1 << 30 } });
    this.#limit = options.security?.maxRequestBytes ?? 1 << 20;
  }
  override create(owner: Owner, input: Parameters<InMemoryTaskStore['create']>[1]) {
    const chars = JSON.stringify(input?.request?.params ?? {}).length;
    if (chars > this.#limit) throw new PayloadTooLargeError('Request params', chars, this.#limit);
    return super.create(owner, input);
  }
}
class PatchSizedStore extends InMemoryTaskStore {
  readonly #limit: number;
  constructor(options: InMemoryTaskStoreOptions) {
    super({ ...options, security: { ...options.security, maxVariablesBytes: 1 << 30 } });
    this.#limit = options.security?.maxVariablesBytes ?? 1 << 20;
  }
  override create(owner: Owner, input: Parameters<InMemoryTaskStore['create']>[1]) {
    const size = Buffer.byteLength(JSON.stringify(input?.variables ?? {}));
    if (size > this.#limit) throw new PayloadTooLargeError('Variables', size, this.#limit);
    return super.create(owner, input);
  }
  override setVariables(owner: Owner, taskId: string, patch: { [key: string]: JsonValue | null }) {
    const size = Buffer.byteLength(JSON.stringify(patch ?? {}));
    if (size > this.#limit) throw new PayloadTooLargeError('Variables', size, this.#limit);
    return super.setVariables(owner, taskId, patch);
  }
}

/** Task IDs from `weak` instead of the CSPRNG (the record is not frozen yet when it reaches `_insert`). */
class WeakIdStore extends InMemoryTaskStore {
  #n = 0;
  constructor(
    options: InMemoryTaskStoreOptions,
    readonly weak: (n: number) => string,
  ) {
    super(options);
  }
  protected override _insert(record: TaskRecord, maxActive: number): void {
    (record as { taskId: string }).taskId = this.weak(++this.#n);
    super._insert(record, maxActive);
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
const withSecurity = (o: InMemoryTaskStoreOptions, s: Partial<SecurityConfig>) =>
  new InMemoryTaskStore({ ...o, security: { ...o.security, ...s } });
const write = (o: InMemoryTaskStoreOptions, flaw: (c: WriteCondition, p: RecordPatch) => [WriteCondition, RecordPatch]) =>
  new FlawedWriteStore(o, flaw);

const ID = 'R18 R19 R79 create generates string IDs of at least 128 bits';

export const STATE_MUTANTS: StoreMutant[] = [
  mutant(
    'id-64-bits',
    'ids',
    'task IDs carry 64 random bits (22 characters, padded)',
    [ID],
    (o) => new WeakIdStore(o, () => randomBytes(8).toString('base64url').padEnd(22, 'A')),
  ),
  mutant(
    'id-counter',
    'ids',
    'task IDs are a padded counter',
    [ID],
    (o) => new WeakIdStore(o, (n) => `task-${String(n).padStart(17, '0')}`),
  ),
  mutant(
    'id-time-based',
    'ids',
    'task IDs are a timestamp plus 32 random bits',
    [ID],
    (o) => new WeakIdStore(o, () => `${Date.now().toString(36)}${randomBytes(4).toString('hex')}ZZZZ`),
  ),
  mutant(
    'life-terminal-variables',
    'lifecycle',
    'setVariables still writes a terminal task',
    ['R68 setVariables on a', 'R68 every write to a'],
    (o) => new TerminalVariablesStore(o),
  ),
  mutant(
    'life-complete-twice',
    'lifecycle',
    'complete also applies to a terminal task (a second outcome overwrites the first)',
    ['R68 a second complete', 'R68 a cancelled task stays cancelled'],
    (o) => write(o, (c, p) => [p.outcome ? { ...c, statusIn: ALL } : c, p]),
  ),
  mutant(
    'life-terminal-reopens',
    'lifecycle',
    'updateStatus moves a terminal task back to working',
    ['R22 R68 completed -> working', 'R68 every write to a'],
    (o) => write(o, (c, p) => [p.status === 'working' && !p.outcome ? { ...c, statusIn: [...c.statusIn, ...TERMINAL] } : c, p]),
  ),
  mutant(
    'life-no-status-condition',
    'lifecycle',
    'writes are not conditioned on the status at all',
    ['R22 R68 completed -> working', 'R66 cancel of a', 'R68 complete vs cancel races'],
    (o) => write(o, (c, p) => [{ ...c, statusIn: ALL }, p]),
  ),
  mutant(
    'life-from-ignored',
    'lifecycle',
    'updateStatus ignores `from` (no compare-and-set)',
    ['R22 updateStatus whose from does not match', 'R22 concurrent compare-and-set'],
    (o) => new FromIgnoredStore(o),
  ),
  mutant(
    'life-cancel-terminal',
    'lifecycle',
    'cancel of a terminal task succeeds quietly',
    ['R66 cancel of a', 'R22 R68 completed -> cancelled'],
    (o) => new IdempotentCancelStore(o),
  ),
  mutant(
    'life-complete-two-writes',
    'lifecycle',
    'complete is two writes (outcome, then the message)',
    ['R39 complete from working', 'R22 working -> completed'],
    (o) => new TwoWriteCompleteStore(o),
  ),
  mutant(
    'life-error-data-dropped',
    'lifecycle',
    'a failed outcome loses error.data',
    ['R42 failed with a JSON-RPC error keeps', 'R42 getResult of a task failed'],
    (o) => new ErrorDataDroppedStore(o),
  ),
  mutant(
    'life-cancelled-outcome',
    'lifecycle',
    'getResult of a cancelled task invents an error outcome',
    ['A9 getResult of a cancelled task', 'R67 cancel writes cancelled'],
    (o) => new CancelledOutcomeStore(o),
  ),
  mutant(
    'life-result-not-terminal',
    'lifecycle',
    'getResult of an active task answers instead of TASK_NOT_TERMINAL',
    ['R40 getResult of a'],
    (o) => new ActiveResultStore(o),
  ),
  mutant('ttl-not-clamped', 'ttl', 'a requested ttl above maxTtlMs is kept', ['R34 R35 R38 a requested ttl above'], (o) =>
    withSecurity(o, { maxTtlMs: null }),
  ),
  mutant(
    'ttl-no-default',
    'ttl',
    'a task without ttl never expires instead of getting defaultTtlMs',
    ['R35 a task created without ttl gets'],
    (o) => withSecurity(o, { defaultTtlMs: null, maxTtlMs: null }),
  ),
  mutant(
    'ttl-from-last-update',
    'ttl',
    'expiry counts from the last update, not from creation',
    ['R36 ttl counts from creation'],
    (o) => new ShiftedExpiryStore(o, (r) => (r.ttl === null ? null : r.lastUpdatedAt + r.ttl)),
  ),
  mutant(
    'exp-timer-overflow',
    'expiry',
    "each task's deletion is a setTimeout(ttl): a ttl past 2^31 ms is gone at once",
    ['R35 R36 a ttl past 2^31 ms'],
    (o) => new TimerExpiryStore(o),
  ),
  mutant(
    'exp-readable',
    'expiry',
    'get still returns an expired task',
    ['R36 R37 get at exactly expiresAt'],
    (o) => new ReadsExpiredStore(o),
  ),
  mutant(
    'exp-off-by-one',
    'expiry',
    'a task is still readable at exactly expiresAt',
    ['R36 R37 get at exactly expiresAt', 'R36 R37 getResult at exactly'],
    (o) => new ShiftedExpiryStore(o, (r) => (r.expiresAt === null ? null : r.expiresAt + 1)),
  ),
  mutant(
    'exp-writable',
    'expiry',
    'writes to an expired task are accepted',
    ['R36 R37 updateStatus at exactly', 'R36 R37 cancel at exactly'],
    (o) => write(o, (c, p) => [{ ...c, now: 0 }, p]),
  ),
  mutant(
    'exp-listed',
    'expiry',
    'list shows expired tasks',
    ['R36 R63 an expired task disappears from list'],
    (o) =>
      new (class extends InMemoryTaskStore {
        protected override _list(owner: Owner, after: string | undefined, limit: number) {
          return super._list(owner, after, limit, 0);
        }
      })(o),
  ),
  mutant(
    'exp-cleanup-early',
    'expiry',
    'cleanup removes tasks a second before they expire',
    ['cleanup keeps unexpired tasks intact'],
    (o) =>
      new (class extends InMemoryTaskStore {
        protected override _deleteExpired(now: number) {
          return super._deleteExpired(now + 1000);
        }
      })(o),
  ),
  mutant(
    'quota-none',
    'quota',
    'the quota is not enforced',
    ['R38 the 4th active task', 'R38 12 concurrent creates'],
    (o) =>
      new (class extends InMemoryTaskStore {
        protected override _insert(r: TaskRecord) {
          return super._insert(r, Number.POSITIVE_INFINITY);
        }
      })(o),
  ),
  mutant(
    'quota-off-by-one',
    'quota',
    'one task more than the quota is allowed',
    ['R38 the 4th active task'],
    (o) =>
      new (class extends InMemoryTaskStore {
        protected override _insert(r: TaskRecord, max: number) {
          return super._insert(r, max + 1);
        }
      })(o),
  ),
  mutant(
    'quota-counts-terminal',
    'quota',
    'finished tasks keep counting against the quota',
    ['R38 completing a task frees', 'R38 terminal tasks never count'],
    (o) => new OwnQuotaStore(o, (r, now) => r !== undefined && !isExpired(r, now)),
  ),
  mutant(
    'quota-counts-expired',
    'quota',
    'expired tasks count until cleanup',
    ['R36 R38 expired tasks free their slots'],
    (o) => new OwnQuotaStore(o, (r) => r !== undefined && (r.status === 'working' || r.status === 'input_required')),
  ),
  mutant(
    'quota-skips-input-required',
    'quota',
    'input_required tasks do not count',
    ['R38 input_required tasks count as active'],
    (o) => new OwnQuotaStore(o, (r, now) => active(r, now) && r!.status === 'working'),
  ),
  mutant(
    'quota-racy',
    'quota',
    'the quota check and the insert are not atomic',
    ['R38 4 concurrent creates', 'R38 12 concurrent creates'],
    (o) => new OwnQuotaStore(o, active, true),
  ),
  mutant(
    'vars-lost-write',
    'variables',
    'a variables write is not conditioned on the version read (lost update)',
    ['concurrent patches of different keys'],
    (o) => write(o, (c, p) => [p.variables ? { ...c, version: undefined } : c, p]),
  ),
  mutant(
    'vars-status-drops',
    'variables',
    'status writes reset the variables',
    ['status writes keep the variables', 'complete keeps variables'],
    (o) => write(o, (c, p) => [c, p.status && !p.variables ? { ...p, variables: {} } : p]),
  ),
  mutant(
    'time-created-moves',
    'timestamps',
    'a write reports createdAt as the write time',
    ['A7 every write bumps version'],
    (o) =>
      new FlawedWriteStore(
        o,
        (c, p) => [c, p],
        (r) => (r.ok ? { ok: true, record: Object.freeze({ ...r.record, createdAt: r.record.lastUpdatedAt }) } : r),
      ),
  ),
  mutant(
    'time-updated-stuck',
    'timestamps',
    'setVariables does not move lastUpdatedAt',
    ['A7 every write bumps version', 'A7 setVariables keeps'],
    (o) => write(o, (c, p) => [c, p.variables ? { ...p, lastUpdatedAt: undefined } : p]),
  ),
  mutant('size-result-unchecked', 'sizes', 'results are not size-checked', ['a result above security.maxResultBytes'], (o) =>
    withSecurity(o, { maxResultBytes: 1 << 30 }),
  ),
  mutant(
    'size-chars',
    'sizes',
    'request params are measured in characters, not UTF-8 bytes',
    ['sizes are UTF-8 bytes'],
    (o) => new CharSizedStore(o),
  ),
  mutant(
    'size-patch-only',
    'sizes',
    'setVariables measures the patch, not the merged variables',
    ['setVariables whose merged result exceeds'],
    (o) => new PatchSizedStore(o),
  ),
  mutant('anon-allowed', 'limits', 'the anonymous owner is always allowed', ['R79 R80 '], (o) => withSecurity(o, { allowAnonymous: true })),
];
