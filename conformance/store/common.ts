/**
 * Shared pieces of the store conformance suite: the options, the per-test harness (each test
 * gets a fresh ManualClock and closes every store it opened), owners, fixtures and assertions.
 *
 * The suite deliberately does NOT import the state machine or the limits from `src/`: it states
 * the spec's table (digest section 2) itself, so a broken `src/status.ts` cannot pass its own test.
 */
import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import { ManualClock } from '../../src/clock.js';
import type { CompleteInput, CreateTaskInput, TaskPage, TaskStore } from '../../src/contract.js';
import type { TasksErrorCode } from '../../src/errors/index.js';
import type { JsonObject } from '../../src/json.js';
import type { Owner } from '../../src/owner.js';
import type { TaskRecord } from '../../src/record.js';
import type { SecurityConfig } from '../../src/security.js';
import type { TaskStatus } from '../../src/status.js';

/** The parts of `node:test` the suite registers with (the default export or the namespace both fit). */
export type NodeTestModule = Pick<typeof import('node:test'), 'describe' | 'it'>;

/** What the factory receives: the clock and security overrides the new store MUST use. */
export interface StoreFactoryContext {
  clock: ManualClock;
  security?: Partial<SecurityConfig>;
}

export interface StoreConformanceOptions {
  /** Shown in the top-level suite name. */
  name: string;
  /** A fresh, isolated store (no tasks shared with any other store it returned) using `clock` and `security`. */
  factory: (ctx: StoreFactoryContext) => TaskStore | Promise<TaskStore>;
  /** The `node:test` module to register with (default: `node:test`). */
  test?: NodeTestModule;
  /** Runs of each model-based property (default 50). */
  propertyRuns?: number;
  /** Time limit of each test in ms (default 60 000), so a store that hangs fails a test instead of the run. */
  testTimeoutMs?: number;
}

/** What each test body receives. */
export interface Env {
  clock: ManualClock;
  /** Open a fresh store on this test's clock; it is closed when the test ends. */
  open(security?: Partial<SecurityConfig>): Promise<TaskStore>;
  t: TestContext;
}

export interface Harness {
  describe: NodeTestModule['describe'];
  /** Register a test whose stores are closed afterwards, pass or fail. */
  it(name: string, body: (env: Env) => Promise<void>): void;
  propertyRuns: number;
  /** Open a store outside `it` (model runs); the caller closes it. */
  factory: StoreConformanceOptions['factory'];
}

export function createHarness(options: StoreConformanceOptions, nodeTest: NodeTestModule): Harness {
  const { factory } = options;
  return {
    describe: nodeTest.describe,
    propertyRuns: options.propertyRuns ?? 50,
    factory,
    it(name, body) {
      nodeTest.it(name, { timeout: options.testTimeoutMs ?? 60_000 }, async (t: TestContext) => {
        const clock = new ManualClock();
        const opened: TaskStore[] = [];
        const env: Env = {
          clock,
          t,
          async open(security) {
            const store = await factory(security === undefined ? { clock } : { clock, security });
            opened.push(store);
            return store;
          },
        };
        try {
          await body(env);
        } finally {
          await Promise.all(opened.map((s) => s.close()));
        }
      });
    },
  };
}

// ---- owners and fixtures ------------------------------------------------------------------------

export const ALICE: Owner = 'auth:alice';
export const BOB: Owner = 'auth:bob';
export const CAROL: Owner = 'session:carol';

/** The allowed transitions of the spec (digest section 2, R22); terminal statuses have none. */
export const SPEC_TRANSITIONS: Readonly<Record<TaskStatus, readonly TaskStatus[]>> = {
  working: ['input_required', 'completed', 'failed', 'cancelled'],
  input_required: ['working', 'completed', 'failed', 'cancelled'],
  completed: [],
  failed: [],
  cancelled: [],
};
export const STATUSES: readonly TaskStatus[] = ['working', 'input_required', 'completed', 'failed', 'cancelled'];
export const TERMINAL: readonly TaskStatus[] = ['completed', 'failed', 'cancelled'];
export const isTerminalStatus = (s: TaskStatus): boolean => TERMINAL.includes(s);

export const REQUEST = { method: 'tools/call', params: { name: 'echo', arguments: { text: 'hi' } } } as const;

export function createInput(extra: Partial<CreateTaskInput> = {}): CreateTaskInput {
  return { request: { method: REQUEST.method, params: { name: 'echo', arguments: { text: 'hi' } } }, ...extra };
}

export const RESULT: JsonObject = { content: [{ type: 'text', text: 'done' }] };
export const COMPLETED: CompleteInput = { status: 'completed', outcome: { type: 'result', result: RESULT } };
export const FAILED_ERROR: CompleteInput = {
  status: 'failed',
  outcome: { type: 'error', error: { code: -32000, message: 'tool crashed', data: { retry: false } } },
};

/** A task of `owner` that is now in `status`, reached through the store's own API. */
export async function taskIn(
  store: TaskStore,
  owner: Owner,
  status: TaskStatus,
  extra: Partial<CreateTaskInput> = {},
): Promise<TaskRecord> {
  const task = await store.create(owner, createInput(extra));
  switch (status) {
    case 'working':
      return task;
    case 'input_required':
      return store.updateStatus(owner, task.taskId, { from: 'working', to: 'input_required', statusMessage: 'need input' });
    case 'completed':
      return store.complete(owner, task.taskId, COMPLETED);
    case 'failed':
      return store.complete(owner, task.taskId, FAILED_ERROR);
    case 'cancelled':
      return store.cancel(owner, task.taskId, 'cancelled by test');
  }
}

/** Move `taskId` (currently in `from`) to `to` through the API that the contract names for `to`. */
export function attempt(store: TaskStore, owner: Owner, taskId: string, from: TaskStatus, to: TaskStatus): Promise<TaskRecord> {
  switch (to) {
    case 'working':
    case 'input_required':
      return store.updateStatus(owner, taskId, { from, to, statusMessage: `now ${to}` });
    case 'completed':
      return store.complete(owner, taskId, { ...COMPLETED, statusMessage: 'now completed' });
    case 'failed':
      return store.complete(owner, taskId, { ...FAILED_ERROR, statusMessage: 'now failed' });
    case 'cancelled':
      return store.cancel(owner, taskId, 'now cancelled');
  }
}

// ---- assertions -------------------------------------------------------------------------------

/**
 * `value` as whatever type a store method expects: the suite's deliberately ill-typed inputs (a
 * store must refuse them at run time, whatever TypeScript lets a JavaScript caller pass).
 */
export function illTyped(value: unknown): never {
  return value as never;
}

/** Await `action`, require a TasksError with one of `codes`, and return it (for message checks). */
export async function expectCode(
  action: Promise<unknown> | (() => unknown),
  ...codes: TasksErrorCode[]
): Promise<Error & { code: string }> {
  let value: unknown;
  try {
    value = await (typeof action === 'function' ? action() : action);
  } catch (err) {
    const code = (err as { code?: unknown } | null)?.code;
    if (typeof code === 'string' && (codes as string[]).includes(code)) return err as Error & { code: string };
    assert.fail(
      `expected error code ${codes.join(' or ')}, got ${code === undefined ? String(err) : `code ${String(code)}: ${String(err)}`}`,
    );
  }
  assert.fail(`expected error code ${codes.join(' or ')}, but the call succeeded with ${JSON.stringify(value)}`);
}

/** The not-found message with the ID taken out, so messages about different IDs can be compared. */
export function notFoundText(err: Error, taskId: string): string {
  return err.message.split(taskId).join('<id>');
}

/** A task ID of the store's shape that the store never issued. */
export function missingIdLike(taskId: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let out = '';
  for (const ch of taskId) out += alphabet[(alphabet.indexOf(ch) + 7 + alphabet.length) % alphabet.length] ?? 'x';
  return out === taskId ? `${taskId}x` : out;
}

/** Everything a reader can observe about a task, to prove a refused write changed nothing. */
export async function observe(store: TaskStore, owner: Owner, taskId: string): Promise<unknown> {
  const task = await store.get(owner, taskId);
  const result = isTerminalStatus(task.status) ? await store.getResult(owner, taskId) : undefined;
  return JSON.parse(JSON.stringify({ task, outcome: result?.outcome ?? null }));
}

/** Pages of `owner`'s list from `first` on (or from the start), following cursors. */
export async function* pagesOf(
  store: TaskStore,
  owner: Owner,
  options: { limit?: number; first?: TaskPage } = {},
): AsyncGenerator<TaskPage> {
  const { limit } = options;
  const seenIds = new Set<string>();
  const seenCursors = new Set<string>();
  let page = options.first ?? (await store.list(owner, limit === undefined ? {} : { limit }));
  // Bounded: a page that repeats a task, a cursor that comes back, or pages without end FAIL the
  // test with a clear message instead of hanging the suite.
  for (let pages = 1; ; pages++) {
    for (const task of page.tasks) {
      assert.ok(!seenIds.has(task.taskId), `list: task ${task.taskId} appeared again on page ${pages} (R63: each task exactly once)`);
      seenIds.add(task.taskId);
    }
    yield page;
    const cursor = page.nextCursor;
    if (cursor === undefined) return;
    assert.ok(!seenCursors.has(cursor), `list: page ${pages} returned a nextCursor already returned before: the cursors loop`);
    assert.ok(pages < MAX_PAGES, `list: more than ${MAX_PAGES} pages; nextCursor never ends`);
    seenCursors.add(cursor);
    page = await store.list(owner, { cursor, ...(limit !== undefined && { limit }) });
  }
}

const MAX_PAGES = 1000;

/** Every task of `owner` by following cursors (bounded, see `pagesOf`). */
export async function listAll(store: TaskStore, owner: Owner, limit?: number, first?: TaskPage): Promise<TaskRecord[]> {
  const all: TaskRecord[] = [];
  for await (const page of pagesOf(store, owner, { ...(limit !== undefined && { limit }), ...(first && { first }) }))
    all.push(...page.tasks);
  return all;
}

/** Try to mutate a value; a TypeError (frozen value) is an accepted outcome, anything else is rethrown. */
export function attemptMutation(mutate: () => unknown): void {
  try {
    mutate();
  } catch (err) {
    if (!(err instanceof TypeError)) throw err;
  }
}

export const ids = (tasks: readonly TaskRecord[]): string[] => tasks.map((t) => t.taskId);
