/**
 * Takeover follows the store's clock (issue 19, part 5): a resumable task whose worker stopped is
 * taken over by the first read after its lease ran out BY THE STORE'S CLOCK, here a ManualClock
 * moved past the lease, with no real waiting. Two starts of the clock: behind the wall clock
 * (ManualClock's default, 2025) and ahead of it, so a decision made on the wall clock instead
 * fails one of them (takes over too early, or never; or gives the taken-over run a wrong time
 * left to expiry, which aborts it at once).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ManualClock } from '../../src/clock.js';
import type { StoreCapabilities } from '../../src/contract.js';
import type { Owner } from '../../src/owner.js';
import type { TaskRecord } from '../../src/record.js';
import type { ServerTaskContext } from '../../src/server/core/context.js';
import { TaskEngine, type TaskWork } from '../../src/server/core/engine.js';
import { InMemoryTaskStore } from '../../src/stores/memory.js';

/** An in-memory store that declares itself shared: the engine gives its tasks leases. */
class SharedMemoryStore extends InMemoryTaskStore {
  override readonly capabilities: StoreCapabilities = { sharedAcrossProcesses: true };
}

const OWNER = 'auth:takeover' as Owner;
const LEASE_MS = 30_000;
const peer = { notify: () => undefined, clientCapabilities: () => undefined };
const request = { method: 'tools/call', params: { name: 'resumable_job' } };
const untilAborted = (context: ServerTaskContext) =>
  new Promise<never>((_, reject) => context.signal.addEventListener('abort', () => reject(context.signal.reason), { once: true }));
/** Turns of the event loop, no timer: what a read started in the background has done by then. */
const turns = async (n = 5) => {
  for (let i = 0; i < n; i++) await new Promise<void>((resolve) => setImmediate(resolve));
};

/** The task's terminal record, through the core's `changes` (bounded, so a missed takeover fails instead of hanging). */
async function terminal(engine: TaskEngine, taskId: string): Promise<TaskRecord> {
  const changes = engine.changes(OWNER, taskId, AbortSignal.timeout(5_000));
  let next = await changes.next();
  while (next.done !== true) next = await changes.next();
  return next.value;
}

const STARTS = [
  { name: 'a clock behind the wall clock', clock: () => new ManualClock() },
  { name: 'a clock ahead of the wall clock', clock: () => new ManualClock(Date.now() + 365 * 24 * 3_600_000) },
];

describe("takeover on the store's clock (ManualClock, no real waiting)", () => {
  for (const start of STARTS) {
    it(`${start.name}: a read before the lease ran out leaves the task; once the clock passes it, a read takes it over and the work completes here`, async () => {
      const clock = start.clock();
      const store = new SharedMemoryStore({ clock, security: { allowAnonymous: false } });
      const first = new TaskEngine({ store, leaseMs: LEASE_MS });
      const second = new TaskEngine({ store, leaseMs: LEASE_MS });
      const resumed: string[] = [];
      second.addResumer((_owner, task) => {
        resumed.push(task.taskId);
        const work: TaskWork = async (context) => {
          // One timers phase passes while the work runs (a 0 ms timer: no waiting), so an expiry
          // timer set from the wall clock (time left below zero) would abort the run first.
          await new Promise((resolve) => setTimeout(resolve, 0));
          context.signal.throwIfAborted();
          return { content: [{ type: 'text', text: 'resumed' }] };
        };
        return { work };
      });
      try {
        const task = await first.start(OWNER, { request, resumable: true, peer }, untilAborted);
        assert.equal(task.lease?.holder, first.instanceId);
        assert.equal(task.resumable, true);
        first.close(); // its worker stops: no renewal, nothing written, the task stays working

        clock.advance(LEASE_MS - 1);
        assert.equal((await second.read(OWNER, task.taskId)).status, 'working');
        await turns();
        assert.deepEqual(resumed, [], "not taken over before the lease ran out by the store's clock");
        assert.equal((await store.get(OWNER, task.taskId)).lease?.holder, first.instanceId);

        clock.advance(1);
        await second.read(OWNER, task.taskId);
        const final = await terminal(second, task.taskId);
        assert.deepEqual(resumed, [task.taskId]);
        assert.equal(final.status, 'completed', final.statusMessage);
        assert.deepEqual(final.outcome, { type: 'result', result: { content: [{ type: 'text', text: 'resumed' }] } });
        assert.equal(final.lease?.holder, second.instanceId, "the new lease is this engine's");
        assert.equal(second.running, 0);
      } finally {
        first.close();
        second.close();
        await store.close();
      }
    });
  }
});
