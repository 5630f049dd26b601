/**
 * Concurrency (R22, R38, R68): of racing terminal writes exactly one wins and is never
 * overwritten; compare-and-set status updates; the quota holds under concurrent creates.
 * Stores shared across processes do each write over the network, so they get fewer rounds.
 */
import assert from 'node:assert/strict';
import type { TaskStore } from '../../src/contract.js';
import type { TaskRecord } from '../../src/record.js';
import { ALICE, BOB, COMPLETED, createInput, expectCode, FAILED_ERROR, listAll, observe, type Harness } from './common.js';

type Racer = { name: string; run: (s: TaskStore, id: string) => Promise<TaskRecord> };

const RACERS: Racer[] = [
  { name: 'complete(completed)', run: (s, id) => s.complete(ALICE, id, COMPLETED) },
  { name: 'cancel', run: (s, id) => s.cancel(ALICE, id, 'raced') },
  { name: 'complete(failed)', run: (s, id) => s.complete(ALICE, id, FAILED_ERROR) },
];

function rounds(store: TaskStore): number {
  return store.capabilities.sharedAcrossProcesses ? 10 : 60;
}

export function concurrencyTests({ describe, it }: Harness): void {
  describe('concurrency', () => {
    it("R68 complete vs cancel races: exactly one fulfils, the loser gets TASK_TERMINAL, the winner's record stays", async ({ open }) => {
      const store = await open({ maxActiveTasksPerOwner: 1000 });
      const n = rounds(store);
      const wins = new Map<string, number>();
      for (let round = 0; round < n; round++) {
        const task = await store.create(ALICE, createInput());
        // Vary who goes first and how many race, so either side can win.
        const racers = round % 3 === 2 ? RACERS : round % 2 ? [RACERS[1]!, RACERS[0]!] : [RACERS[0]!, RACERS[1]!];
        const settled = await Promise.allSettled(racers.map((r) => r.run(store, task.taskId)));
        const winners = settled.flatMap((s, i) => (s.status === 'fulfilled' ? [{ racer: racers[i]!, record: s.value }] : []));
        assert.equal(winners.length, 1, `round ${round}: ${winners.length} racers fulfilled`);
        for (const s of settled) {
          if (s.status === 'rejected')
            assert.equal((s.reason as { code?: string }).code, 'TASK_TERMINAL', `round ${round}: ${String(s.reason)}`);
        }
        const { racer, record } = winners[0]!;
        wins.set(racer.name, (wins.get(racer.name) ?? 0) + 1);
        const stored = await store.get(ALICE, task.taskId);
        assert.deepEqual(stored, record, `round ${round}: stored record is not the winner's (${racer.name})`);
        const after = await observe(store, ALICE, task.taskId);
        for (const r of RACERS) await expectCode(r.run(store, task.taskId), 'TASK_TERMINAL');
        assert.deepEqual(await observe(store, ALICE, task.taskId), after, `round ${round}: a later write changed the terminal task`);
      }
    });

    it('R68 racing terminal writes against status updates and variable writes: the terminal state is final', async ({ open }) => {
      const store = await open({ maxActiveTasksPerOwner: 1000 });
      const n = rounds(store);
      for (let round = 0; round < n; round++) {
        const task = await store.create(ALICE, createInput());
        const settled = await Promise.allSettled([
          store.updateStatus(ALICE, task.taskId, { from: ['working', 'input_required'], to: 'input_required' }),
          store.setVariables(ALICE, task.taskId, { x: round }),
          round % 2 ? store.cancel(ALICE, task.taskId) : store.complete(ALICE, task.taskId, COMPLETED),
          store.updateStatus(ALICE, task.taskId, { from: ['working', 'input_required'], to: 'working' }),
        ]);
        const terminal = settled[2]!;
        assert.equal(terminal.status, 'fulfilled', `round ${round}: the terminal write lost against non-terminal writes`);
        const final = await store.get(ALICE, task.taskId);
        assert.equal(final.status, round % 2 ? 'cancelled' : 'completed');
        for (const s of settled) {
          if (s.status === 'rejected') assert.equal((s.reason as { code?: string }).code, 'TASK_TERMINAL');
        }
      }
    });

    it('R22 concurrent compare-and-set updates from the same status: exactly one wins', async ({ open }) => {
      const store = await open();
      const task = await store.create(ALICE, createInput());
      const settled = await Promise.allSettled(
        Array.from({ length: 10 }, (_, i) =>
          store.updateStatus(ALICE, task.taskId, { from: 'working', to: 'input_required', statusMessage: `w${i}` }),
        ),
      );
      const fulfilled = settled.filter((s) => s.status === 'fulfilled');
      assert.equal(fulfilled.length, 1);
      for (const s of settled) if (s.status === 'rejected') assert.equal((s.reason as { code?: string }).code, 'INVALID_TRANSITION');
      const final = await store.get(ALICE, task.taskId);
      assert.deepEqual(final, (fulfilled[0] as PromiseFulfilledResult<TaskRecord>).value);
      assert.equal(final.version, 2);
    });

    for (const max of [1, 3]) {
      it(`R38 ${max * 4} concurrent creates by one owner with a quota of ${max}: exactly ${max} succeed`, async ({ open }) => {
        const store = await open({ maxActiveTasksPerOwner: max });
        const settled = await Promise.allSettled(Array.from({ length: max * 4 }, () => store.create(ALICE, createInput())));
        const ok = settled.filter((s): s is PromiseFulfilledResult<TaskRecord> => s.status === 'fulfilled');
        assert.equal(ok.length, max);
        for (const s of settled) if (s.status === 'rejected') assert.equal((s.reason as { code?: string }).code, 'QUOTA_EXCEEDED');
        assert.deepEqual((await listAll(store, ALICE)).map((t) => t.taskId).sort(), ok.map((s) => s.value.taskId).sort());
      });
    }

    it('R38 concurrent creates by several owners: each owner gets exactly its quota', async ({ open }) => {
      const store = await open({ maxActiveTasksPerOwner: 2 });
      const owners = [ALICE, BOB, 'auth:dave'];
      const settled = await Promise.allSettled(owners.flatMap((o) => Array.from({ length: 5 }, () => store.create(o, createInput()))));
      const ok = settled.filter((s): s is PromiseFulfilledResult<TaskRecord> => s.status === 'fulfilled');
      assert.equal(ok.length, owners.length * 2);
      for (const owner of owners) assert.equal((await listAll(store, owner)).length, 2);
    });

    it('R20 concurrent creates get distinct IDs', async ({ open }) => {
      const store = await open({ maxActiveTasksPerOwner: 200 });
      const tasks = await Promise.all(Array.from({ length: 100 }, (_, i) => store.create(i % 2 ? ALICE : BOB, createInput())));
      assert.equal(new Set(tasks.map((t) => t.taskId)).size, 100);
    });
  });
}
