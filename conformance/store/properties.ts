/**
 * Model-based property tests (fast-check): random operation sequences by three owners against
 * the reference model (./model.ts), comparing every outcome (success or error code) and the
 * visible state; and random races on one task. A failure prints fast-check's seed and the
 * shrunk sequence. fast-check is loaded lazily; without it these tests are skipped, saying why.
 */
import assert from 'node:assert/strict';
import type * as FC from 'fast-check';
import { ManualClock } from '../../src/clock.js';
import type { TaskStore } from '../../src/contract.js';
import type { TaskRecord } from '../../src/record.js';
import { ALICE, BOB, CAROL, createInput, STATUSES, type Env, type Harness, illTyped } from './common.js';
import { ContractModel, outcomeFor, project, type Expected, type Op } from './model.js';

const OWNERS = [ALICE, BOB, CAROL] as const;
const SECURITY = { maxActiveTasksPerOwner: 3, defaultTtlMs: 5000, maxTtlMs: 8000, defaultPageSize: 2, maxPageSize: 3 };
const MISSING_ID = 'zzzzzzzzzzzzzzzzzzzzzz';

async function loadFastCheck(env: Env): Promise<typeof FC | undefined> {
  try {
    return await import('fast-check');
  } catch {
    env.t.skip('fast-check is not installed (npm i -D fast-check): model-based properties not run');
    return undefined;
  }
}

function opArbitrary(fc: typeof FC): FC.Arbitrary<Op> {
  const owner = fc.nat({ max: OWNERS.length - 1 });
  const ref = fc.nat({ max: 10 });
  const status = fc.constantFrom(...STATUSES);
  return fc.oneof(
    {
      weight: 4,
      arbitrary: fc.record({
        op: fc.constant('create' as const),
        owner,
        ttl: fc.option(fc.oneof(fc.integer({ min: 1, max: 12_000 }), fc.constantFrom(0, -5, 1.5)), { nil: undefined }),
      }),
    },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('get' as const), owner, ref }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('getResult' as const), owner, ref }) },
    {
      weight: 3,
      arbitrary: fc.record({
        op: fc.constant('updateStatus' as const),
        owner,
        ref,
        from: fc.uniqueArray(status, { minLength: 1, maxLength: 3 }),
        to: fc.constantFrom('working' as const, 'input_required' as const),
        message: fc.constantFrom(undefined, null, 'm1', 'm2'),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        op: fc.constant('complete' as const),
        owner,
        ref,
        kind: fc.constantFrom('completed' as const, 'failedResult' as const, 'failedError' as const),
        message: fc.constantFrom(undefined, 'done'),
      }),
    },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('cancel' as const), owner, ref, message: fc.constantFrom('stop', 'halt') }) },
    {
      weight: 2,
      arbitrary: fc.record({
        op: fc.constant('setVariables' as const),
        owner,
        ref,
        patch: fc.dictionary(fc.constantFrom('a', 'b', 'c'), fc.option(fc.integer({ min: -3, max: 3 }), { nil: null })),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        op: fc.constant('list' as const),
        owner,
        limit: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
      }),
    },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 3000 }) }) },
    { weight: 1, arbitrary: fc.constant({ op: 'cleanup' as const }) },
  );
}

async function settle(action: () => Promise<unknown>): Promise<{ ok: true; value: unknown } | { ok: false; code: string }> {
  try {
    return { ok: true, value: await action() };
  } catch (err) {
    return { ok: false, code: String((err as { code?: unknown })?.code ?? err) };
  }
}

async function listAllViews(store: TaskStore, owner: string, limit: number | undefined) {
  const views = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 200; pages++) {
    const page = await store.list(owner, { ...(limit !== undefined && { limit }), ...(cursor !== undefined && { cursor }) });
    assert.ok(
      page.tasks.length <= (limit === undefined ? SECURITY.defaultPageSize : Math.min(limit, SECURITY.maxPageSize)),
      'page too large',
    );
    views.push(...page.tasks.map(project));
    if (!page.nextCursor) return views;
    cursor = page.nextCursor;
  }
  assert.fail('list never ends');
}

/** Run one operation on store and model and compare. */
async function step(store: TaskStore, model: ContractModel, clock: ManualClock, issued: string[], op: Op, n: number): Promise<void> {
  const now = clock.now();
  const idOf = (ref: number) => issued[ref] ?? MISSING_ID;
  let expected: Expected;
  let actual: Awaited<ReturnType<typeof settle>>;
  switch (op.op) {
    case 'advance':
      clock.advance(op.ms);
      return;
    case 'cleanup':
      assert.equal(await store.cleanup(), model.cleanup(now), 'cleanup count');
      return;
    case 'list': {
      const owner = OWNERS[op.owner]!;
      assert.deepEqual(await listAllViews(store, owner, op.limit), model.list(owner, now), `list of ${owner}`);
      return;
    }
    case 'create': {
      const owner = OWNERS[op.owner]!;
      const exp = model.create(owner, op.ttl, now);
      actual = await settle(() => store.create(owner, { ...createInput(), ...(op.ttl !== undefined && { ttl: op.ttl }) }));
      if (exp.ok && actual.ok) {
        const record = actual.value as TaskRecord;
        issued.push(record.taskId);
        const view = model.created(record.taskId, owner, exp.ttl ?? null, now);
        assert.deepEqual(project(record), view, 'created record');
        return;
      }
      expected = exp;
      break;
    }
    case 'get':
      expected = model.get(OWNERS[op.owner]!, idOf(op.ref), now);
      actual = await settle(() => store.get(OWNERS[op.owner]!, idOf(op.ref)));
      break;
    case 'getResult':
      expected = model.getResult(OWNERS[op.owner]!, idOf(op.ref), now);
      actual = await settle(async () => {
        const r = await store.getResult(OWNERS[op.owner]!, idOf(op.ref));
        return { task: project(r.task), outcome: r.outcome };
      });
      break;
    case 'updateStatus':
      expected = model.updateStatus(OWNERS[op.owner]!, idOf(op.ref), op, now);
      actual = await settle(() =>
        store.updateStatus(OWNERS[op.owner]!, idOf(op.ref), { from: op.from, to: op.to, statusMessage: op.message }),
      );
      break;
    case 'complete': {
      const input = { ...outcomeFor(op.kind, n), ...(op.message !== undefined && { statusMessage: op.message }) };
      expected = model.complete(OWNERS[op.owner]!, idOf(op.ref), input, now);
      actual = await settle(() => store.complete(OWNERS[op.owner]!, idOf(op.ref), illTyped(input)));
      break;
    }
    case 'cancel':
      expected = model.cancel(OWNERS[op.owner]!, idOf(op.ref), op.message, now);
      actual = await settle(() => store.cancel(OWNERS[op.owner]!, idOf(op.ref), op.message));
      break;
    case 'setVariables':
      expected = model.setVariables(OWNERS[op.owner]!, idOf(op.ref), op.patch, now);
      actual = await settle(() => store.setVariables(OWNERS[op.owner]!, idOf(op.ref), op.patch));
      break;
  }
  compare(op, expected, actual);
}

/** The store's outcome of `op` against the model's: the same error code, or the same value. */
function compare(op: Op, expected: Expected, actual: Awaited<ReturnType<typeof settle>>): void {
  if (!expected.ok) {
    assert.ok(
      !actual.ok && (expected.codes as string[]).includes(actual.code),
      `expected ${expected.codes.join('|')}, got ${actual.ok ? 'success' : actual.code}`,
    );
  } else {
    assert.ok(actual.ok, `expected success, got ${actual.ok ? '' : actual.code}`);
    const value = actual.value as TaskRecord;
    const norm = (v: unknown): unknown => JSON.parse(JSON.stringify(v ?? null));
    assert.deepEqual(norm(op.op === 'getResult' ? value : project(value)), norm(expected.value));
  }
}

export function propertyTests({ describe, it, factory, propertyRuns }: Harness): void {
  describe('model-based properties', () => {
    it('R20 R22 R36 R38 R63 R66 R68 R77 random operations by three owners match the reference model', async (env) => {
      const fc = await loadFastCheck(env);
      if (!fc) return;
      await fc.assert(
        fc.asyncProperty(fc.array(opArbitrary(fc), { minLength: 1, maxLength: 40 }), async (ops) => {
          const clock = new ManualClock();
          const store = await factory({ clock, security: SECURITY });
          try {
            const model = new ContractModel({
              maxActive: SECURITY.maxActiveTasksPerOwner,
              defaultTtlMs: SECURITY.defaultTtlMs,
              maxTtlMs: SECURITY.maxTtlMs,
            });
            const issued: string[] = [];
            for (let i = 0; i < ops.length; i++) await step(store, model, clock, issued, ops[i]!, i);
            for (const owner of OWNERS)
              assert.deepEqual(await listAllViews(store, owner, undefined), model.list(owner, clock.now()), `final list of ${owner}`);
          } finally {
            await store.close();
          }
        }),
        { numRuns: propertyRuns },
      );
    });

    it("R68 random races on one task: at most one terminal write wins and the final record is the winner's", async (env) => {
      const fc = await loadFastCheck(env);
      if (!fc) return;
      const writer = fc.constantFrom('complete', 'fail', 'cancel', 'input', 'resume', 'vars');
      await fc.assert(
        fc.asyncProperty(fc.array(writer, { minLength: 2, maxLength: 6 }), fc.boolean(), async (writers, startInput) => {
          const store = await factory({ clock: new ManualClock(), security: SECURITY });
          try {
            const task = await store.create(ALICE, createInput());
            if (startInput) await store.updateStatus(ALICE, task.taskId, { from: 'working', to: 'input_required' });
            const calls = writers.map((w, i) => {
              switch (w) {
                case 'complete':
                  return store.complete(ALICE, task.taskId, illTyped({ ...outcomeFor('completed', i) }));
                case 'fail':
                  return store.complete(ALICE, task.taskId, illTyped({ ...outcomeFor('failedError', i) }));
                case 'cancel':
                  return store.cancel(ALICE, task.taskId, `c${i}`);
                case 'input':
                  return store.updateStatus(ALICE, task.taskId, { from: 'working', to: 'input_required' });
                case 'resume':
                  return store.updateStatus(ALICE, task.taskId, { from: 'input_required', to: 'working' });
                case 'vars':
                  return store.setVariables(ALICE, task.taskId, { [`v${i}`]: i });
              }
            });
            const settled = await Promise.allSettled(calls);
            const terminalWins = settled.filter((s, i) => s.status === 'fulfilled' && ['complete', 'fail', 'cancel'].includes(writers[i]!));
            const terminalTries = writers.filter((w) => ['complete', 'fail', 'cancel'].includes(w)).length;
            assert.equal(terminalWins.length, terminalTries > 0 ? 1 : 0, 'terminal winners');
            const final = await store.get(ALICE, task.taskId);
            if (terminalWins.length === 1) {
              const won = (terminalWins[0] as PromiseFulfilledResult<TaskRecord>).value;
              // The terminal write is the last write: the stored record is exactly what it returned.
              assert.deepEqual(final, won);
            }
            settled.forEach((s, i) => {
              if (s.status === 'rejected') {
                const code = (s.reason as { code?: string }).code;
                const allowed =
                  writers[i] === 'input' || writers[i] === 'resume'
                    ? ['TASK_TERMINAL', 'INVALID_TRANSITION']
                    : ['TASK_TERMINAL', 'CONCURRENT_MODIFICATION'];
                assert.ok(allowed.includes(code ?? ''), `${writers[i]} failed with ${code}`);
              }
            });
          } finally {
            await store.close();
          }
        }),
        { numRuns: propertyRuns },
      );
    });
  });
}
