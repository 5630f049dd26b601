/**
 * `measureStore` over a store shared across processes (PostgresTaskStore on PGlite): the whole
 * store conformance suite holds through the wrapper (leases, takeovers, the change feed), and
 * the optional members the store has are the wrapper's too, `interestIn` included: an engine on
 * the measured store still tells the change feed which other instances' writes it wants.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { runStoreConformance } from '../../conformance/index.js';
import { measureStore, TextMetrics } from '../../src/index.js';
import { startPglite } from '../postgres/pglite-harness.js';

const pglite = await startPglite();
after(() => pglite.stop());

runStoreConformance({
  name: 'measureStore(PostgresTaskStore on PGlite)',
  factory: async ({ clock, security }) => measureStore(await pglite.openStore({ clock, ...(security && { security }) }), new TextMetrics()),
});

describe('measureStore keeps the optional members of a shared store', () => {
  it('renewLease, takeOverLease, changeFeedEpoch and interestIn are there and reach the store', async () => {
    const schema = await pglite.freshSchema();
    const inner = await pglite.openStore({ schema });
    const other = await pglite.openStore({ schema });
    const metrics = new TextMetrics();
    const store = measureStore(inner, metrics);
    try {
      for (const member of ['renewLease', 'takeOverLease', 'changeFeedEpoch', 'interestIn'] as const)
        assert.equal(typeof store[member], 'function', member);
      // The change feed starts with the first subscriber; another instance's writes then arrive as remote changes.
      const remote: string[] = [];
      const offChanges = store.onChange((change) => void (change.remote && remote.push(change.task.taskId)));
      for (let i = 0; i < 200 && store.changeFeedEpoch!() === undefined; i++) await new Promise((resolve) => setTimeout(resolve, 10));
      assert.notEqual(store.changeFeedEpoch!(), undefined, 'the change feed is live');
      const wanted = new Set<string>();
      const asked: string[] = [];
      const off = store.interestIn!((taskId) => (asked.push(taskId), wanted.has(taskId)));
      const unwanted = await other.create('auth:a', { request: { method: 'tools/call', params: { name: 'x' } } });
      const task = await other.create('auth:a', { request: { method: 'tools/call', params: { name: 'y' } } });
      wanted.add(task.taskId);
      await other.updateStatus('auth:a', task.taskId, { from: 'working', to: 'working', statusMessage: 'announced to this instance' });
      for (let i = 0; i < 300 && !remote.includes(task.taskId); i++) await new Promise((resolve) => setTimeout(resolve, 10));
      // The filter given through the wrapper decided: asked about both, only the wanted one read and announced.
      assert.ok(remote.includes(task.taskId), 'the wanted task was announced');
      assert.ok(asked.includes(unwanted.taskId), 'the filter was asked about the other task too');
      assert.ok(!remote.includes(unwanted.taskId), 'the unwanted task was not announced');
      off();
      offChanges();
    } finally {
      await store.close();
      await other.close();
    }
  });
});
