/**
 * The state machine (digest section 2): all 25 from/to pairs through the API the contract names
 * for each target, compare-and-set on `from`, and terminal statuses that never change.
 */
import assert from 'node:assert/strict';
import {
  ALICE,
  attempt,
  COMPLETED,
  expectCode,
  isTerminalStatus,
  observe,
  SPEC_TRANSITIONS,
  STATUSES,
  taskIn,
  type Harness,
  illTyped,
} from './common.js';

const API = {
  working: 'updateStatus',
  input_required: 'updateStatus',
  completed: 'complete',
  failed: 'complete',
  cancelled: 'cancel',
} as const;

export function transitionTests({ describe, it }: Harness): void {
  describe('transitions: all 25 status pairs', () => {
    for (const from of STATUSES) {
      for (const to of STATUSES) {
        const allowed = SPEC_TRANSITIONS[from].includes(to);
        const via = API[to];
        if (allowed) {
          it(`R22 ${from} -> ${to} (${via}) is allowed and writes the new status`, async ({ open, clock }) => {
            const store = await open();
            const task = await taskIn(store, ALICE, from);
            clock.advance(5);
            const next = await attempt(store, ALICE, task.taskId, from, to);
            assert.equal(next.status, to);
            assert.equal(next.statusMessage, `now ${to}`);
            assert.equal(next.version, task.version + 1);
            assert.equal(next.lastUpdatedAt, clock.now());
            assert.deepEqual(await store.get(ALICE, task.taskId), next);
          });
        } else if (from === to && !isTerminalStatus(from)) {
          // Not a transition (R22); the contract lets updateStatus to the same status update the message only.
          it(`R22 ${from} -> ${from} (updateStatus) is not a transition: only the message changes`, async ({ open }) => {
            const store = await open();
            const task = await taskIn(store, ALICE, from);
            const next = await attempt(store, ALICE, task.taskId, from, to);
            assert.equal(next.status, from);
            assert.equal(next.statusMessage, `now ${to}`);
            assert.equal(next.version, task.version + 1);
          });
        } else {
          it(`R22 R68 ${from} -> ${to} (${via}) fails TASK_TERMINAL and changes nothing`, async ({ open, clock }) => {
            const store = await open();
            const task = await taskIn(store, ALICE, from);
            const before = await observe(store, ALICE, task.taskId);
            clock.advance(5);
            await expectCode(attempt(store, ALICE, task.taskId, from, to), 'TASK_TERMINAL');
            assert.deepEqual(await observe(store, ALICE, task.taskId), before);
          });
        }
      }
    }
  });

  describe('transitions: compare-and-set and argument rules', () => {
    it('R22 updateStatus whose from does not match the current status fails INVALID_TRANSITION and changes nothing', async ({ open }) => {
      const store = await open();
      const task = await taskIn(store, ALICE, 'working');
      const before = await observe(store, ALICE, task.taskId);
      await expectCode(store.updateStatus(ALICE, task.taskId, { from: 'input_required', to: 'working' }), 'INVALID_TRANSITION');
      await expectCode(store.updateStatus(ALICE, task.taskId, { from: 'input_required', to: 'input_required' }), 'INVALID_TRANSITION');
      assert.deepEqual(await observe(store, ALICE, task.taskId), before);
    });

    it('R22 updateStatus accepts a list of from statuses', async ({ open }) => {
      const store = await open();
      const task = await taskIn(store, ALICE, 'input_required');
      const next = await store.updateStatus(ALICE, task.taskId, { from: ['working', 'input_required'], to: 'working' });
      assert.equal(next.status, 'working');
    });

    for (const to of ['completed', 'failed', 'cancelled'] as const) {
      it(`R22 updateStatus to ${to} fails INVALID_ARGUMENT: terminal statuses come only from complete/cancel`, async ({ open }) => {
        const store = await open();
        const task = await taskIn(store, ALICE, 'working');
        await expectCode(store.updateStatus(ALICE, task.taskId, { from: 'working', to: illTyped(to) }), 'INVALID_ARGUMENT');
        assert.equal((await store.get(ALICE, task.taskId)).status, 'working');
      });
    }

    it('updateStatus with an unknown from status fails INVALID_ARGUMENT', async ({ open }) => {
      const store = await open();
      const task = await taskIn(store, ALICE, 'working');
      await expectCode(store.updateStatus(ALICE, task.taskId, { from: illTyped('running'), to: 'input_required' }), 'INVALID_ARGUMENT');
      await expectCode(store.updateStatus(ALICE, task.taskId, { from: [], to: 'input_required' }), 'INVALID_ARGUMENT');
    });

    it('updateStatus statusMessage: a string sets it, null clears it, undefined keeps it', async ({ open }) => {
      const store = await open();
      const task = await store.create(ALICE, { request: { method: 'tools/call' }, statusMessage: 'start' });
      const kept = await store.updateStatus(ALICE, task.taskId, { from: 'working', to: 'input_required' });
      assert.equal(kept.statusMessage, 'start');
      const set = await store.updateStatus(ALICE, task.taskId, { from: 'input_required', to: 'working', statusMessage: 'go' });
      assert.equal(set.statusMessage, 'go');
      const cleared = await store.updateStatus(ALICE, task.taskId, { from: 'working', to: 'working', statusMessage: null });
      assert.equal(cleared.statusMessage, undefined);
      assert.equal((await store.get(ALICE, task.taskId)).statusMessage, undefined);
    });

    it('R67 cancel moves a working task to cancelled with the given message', async ({ open }) => {
      const store = await open();
      const task = await taskIn(store, ALICE, 'working');
      const cancelled = await store.cancel(ALICE, task.taskId, 'user pressed stop');
      assert.equal(cancelled.status, 'cancelled');
      assert.equal(cancelled.statusMessage, 'user pressed stop');
      assert.equal(cancelled.outcome, undefined);
    });

    for (const from of ['completed', 'failed', 'cancelled'] as const) {
      it(`R66 cancel of a ${from} task fails TASK_TERMINAL`, async ({ open }) => {
        const store = await open();
        const task = await taskIn(store, ALICE, from);
        await expectCode(store.cancel(ALICE, task.taskId), 'TASK_TERMINAL');
        await expectCode(store.cancel(ALICE, task.taskId, 'again'), 'TASK_TERMINAL');
        assert.equal((await store.get(ALICE, task.taskId)).status, from);
      });
    }

    it('R68 a cancelled task stays cancelled when its execution later completes or fails', async ({ open }) => {
      const store = await open();
      const task = await taskIn(store, ALICE, 'cancelled');
      const before = await observe(store, ALICE, task.taskId);
      await expectCode(store.complete(ALICE, task.taskId, COMPLETED), 'TASK_TERMINAL');
      await expectCode(
        store.complete(ALICE, task.taskId, { status: 'failed', outcome: { type: 'error', error: { code: -32603, message: 'x' } } }),
        'TASK_TERMINAL',
      );
      assert.deepEqual(await observe(store, ALICE, task.taskId), before);
    });

    for (const from of ['completed', 'failed', 'cancelled'] as const) {
      it(`R68 every write to a ${from} task fails TASK_TERMINAL (variables and same-status updates too)`, async ({ open }) => {
        const store = await open();
        const task = await taskIn(store, ALICE, from);
        const before = await observe(store, ALICE, task.taskId);
        await expectCode(store.setVariables(ALICE, task.taskId, { a: 1 }), 'TASK_TERMINAL');
        await expectCode(store.updateStatus(ALICE, task.taskId, { from, to: 'working', statusMessage: 'x' }), 'TASK_TERMINAL');
        await expectCode(store.updateStatus(ALICE, task.taskId, { from: 'working', to: 'working' }), 'TASK_TERMINAL');
        assert.deepEqual(await observe(store, ALICE, task.taskId), before);
      });
    }
  });
}
