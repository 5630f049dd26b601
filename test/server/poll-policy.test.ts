/**
 * The poll interval (issue 25): the pure policy (core/poll-policy.ts) as a function of its facts,
 * and the engine's advisor (core/poll-advisor.ts) gathering them on a ManualClock: the task's
 * age, the owner's recent durations of the same tool (never another owner's), and the owner's
 * share of its rate limit. No real waiting, no timing asserted.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { ManualClock } from '../../src/clock.js';
import { isTasksError } from '../../src/errors/index.js';
import type { Owner } from '../../src/owner.js';
import { PollAdvisor } from '../../src/server/core/poll-advisor.js';
import { DEFAULT_POLL_POLICY, firstIntervalAfter, pollIntervalMs, resolvePollPolicy } from '../../src/server/core/poll-policy.js';
import { TASK_STATUSES } from '../../src/status.js';
import { InMemoryTaskStore } from '../../src/stores/memory.js';

const P = DEFAULT_POLL_POLICY;
const ALICE = 'auth:alice' as Owner;
const BOB = 'auth:bob' as Owner;

describe('pollIntervalMs (the pure policy)', () => {
  it('is the floor while a task is young, then grows with its age up to the max', () => {
    assert.equal(pollIntervalMs({ ageMs: 0, status: 'working' }), P.floorMs);
    assert.equal(pollIntervalMs({ ageMs: 4_000, status: 'working' }), 4_000 * P.growth);
    assert.equal(pollIntervalMs({ ageMs: 3_600_000, status: 'working' }), P.maxMs);
  });

  it('waits for input no longer than inputMaxMs, and tells a terminal task the max', () => {
    assert.equal(pollIntervalMs({ ageMs: 3_600_000, status: 'input_required' }), P.inputMaxMs);
    for (const status of ['completed', 'failed', 'cancelled'] as const) assert.equal(pollIntervalMs({ ageMs: 0, status }), P.maxMs);
  });

  it('puts the next poll just after the expected end when that is sooner, never later', () => {
    // Age 1100 of an expected 1200: 100 ms left plus a twentieth (60) instead of 275.
    assert.equal(pollIntervalMs({ ageMs: 1_100, status: 'working', expectedMs: 1_200 }), 160);
    // Far from the expected end the age rule is sooner: it stays.
    assert.equal(pollIntervalMs({ ageMs: 400, status: 'working', expectedMs: 60_000 }), 100);
    // Past the expected end (a slower run than usual): the age rule alone.
    assert.equal(pollIntervalMs({ ageMs: 8_000, status: 'working', expectedMs: 1_000 }), 2_000);
    // Never below the floor.
    assert.equal(pollIntervalMs({ ageMs: 190, status: 'working', expectedMs: 200 }), P.floorMs);
  });

  it("never goes below the owner's rate share, above the max too", () => {
    assert.equal(pollIntervalMs({ ageMs: 0, status: 'working', shareMs: 400 }), 400);
    assert.equal(pollIntervalMs({ ageMs: 3_600_000, status: 'working', shareMs: 4_000.2 }), 4_001);
  });

  it('is always an integer within [floorMs, max(maxMs, shareMs)]', () => {
    fc.assert(
      fc.property(
        fc.record({
          ageMs: fc.double({ min: -1e3, max: 1e9, noNaN: true }),
          status: fc.constantFrom(...TASK_STATUSES),
          expectedMs: fc.option(fc.double({ min: 0, max: 1e8, noNaN: true }), { nil: undefined }),
          shareMs: fc.option(fc.double({ min: 0, max: 1e5, noNaN: true }), { nil: undefined }),
        }),
        (facts) => {
          const ms = pollIntervalMs(facts);
          assert.ok(Number.isSafeInteger(ms), String(ms));
          assert.ok(ms >= P.floorMs && ms <= Math.max(P.maxMs, Math.ceil(facts.shareMs ?? 0)), String(ms));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('after a sync window the first interval is what remains of it (at least 1 ms): the first poll comes as if the task began at the call', () => {
    assert.equal(firstIntervalAfter(50, 0), 50);
    assert.equal(firstIntervalAfter(50, 30), 20);
    assert.equal(firstIntervalAfter(50, 50), 1);
    assert.equal(firstIntervalAfter(50, 200), 1);
    assert.equal(firstIntervalAfter(237.2, 0), 238);
    assert.equal(firstIntervalAfter(50, -5), 50);
  });

  it('resolvePollPolicy fills defaults and refuses a bad setting with INVALID_OPTIONS', () => {
    assert.deepEqual(resolvePollPolicy({ floorMs: 100 }), { ...P, floorMs: 100 });
    for (const bad of [{ floorMs: 0 }, { floorMs: 1.5 }, { maxMs: 10 }, { inputMaxMs: 10 }, { growth: 0 }]) {
      assert.throws(
        () => resolvePollPolicy(bad),
        (e: unknown) => isTasksError(e, 'INVALID_OPTIONS'),
        JSON.stringify(bad),
      );
    }
  });
});

describe('PollAdvisor (what the engine tells a requestor)', () => {
  const setup = (perSecond?: number) => {
    const clock = new ManualClock();
    const store = new InMemoryTaskStore({ clock, security: { maxActiveTasksPerOwner: 1000 } });
    const advisor = new PollAdvisor(store, { perSecond });
    const create = (owner: Owner, tool = 'job') => store.create(owner, { request: { method: 'tools/call', params: { name: tool } } });
    const complete = (owner: Owner, taskId: string) =>
      store.complete(owner, taskId, { status: 'completed', outcome: { type: 'result', result: { content: [] } } });
    return { clock, store, advisor, create, complete };
  };

  it("follows the task's age on the store's clock", async () => {
    const { clock, advisor, create, store } = setup();
    const task = await create(ALICE);
    assert.equal(advisor.advise(ALICE, task), P.floorMs);
    clock.advance(4_000);
    assert.equal(advisor.advise(ALICE, await store.get(ALICE, task.taskId)), 1_000);
    advisor.close();
  });

  it("learns the owner's durations of a tool from completed runs, not from another owner's", async () => {
    const { clock, advisor, create, complete } = setup();
    for (let i = 0; i < 3; i++) {
      const run = await create(ALICE, 'render');
      clock.advance(1_200);
      await complete(ALICE, run.taskId);
    }
    assert.equal(advisor.expectedMs(ALICE, 'render'), 1_200);
    assert.equal(advisor.expectedMs(BOB, 'render'), undefined);
    const mine = await create(ALICE, 'render');
    const theirs = await create(BOB, 'render');
    clock.advance(1_100);
    assert.equal(advisor.peek(ALICE, mine), 160, 'just after the expected end');
    assert.equal(advisor.peek(BOB, theirs), 275, 'the age rule: nothing known of bob');
    advisor.close();
  });

  it("keeps an owner's polled tasks within half its rate limit, counting only tasks still polled", async () => {
    const { clock, advisor, create, complete } = setup(100);
    const tasks = [];
    for (let i = 0; i < 10; i++) tasks.push(await create(ALICE));
    let last = 0;
    for (const task of tasks) last = advisor.advise(ALICE, task);
    // 10 tasks share 50 requests/s: 200 ms each.
    assert.equal(last, 200);
    assert.equal(advisor.advise(BOB, await create(BOB)), P.floorMs, "another owner's share is its own");
    // A terminal task no longer counts.
    await complete(ALICE, tasks[0]!.taskId);
    assert.equal(advisor.peek(ALICE, tasks[1]!), 180);
    // Tasks not polled for twice their interval (plus a second) no longer count either.
    clock.advance(2 * 200 + 1_001);
    const fresh = await create(ALICE);
    assert.equal(advisor.advise(ALICE, fresh), P.floorMs);
    advisor.close();
  });
});
