/**
 * `takeOverLease(..., from)`: the explicit resume's one write (contract, "Takeover"). The caller
 * declares the holder `from` stopped, so its lease is taken before it runs out; never another
 * holder's, never a terminal task's, and a renewal racing it wins (the write is conditioned on the
 * lease read). Implemented once in BaseTaskStore (lease-rules.ts), so the memory store shows it
 * for every backend; the store suite covers the takeover without `from`.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ManualClock } from '../../src/clock.js';
import type { Owner } from '../../src/owner.js';
import { InMemoryTaskStore } from '../../src/stores/memory.js';

const OWNER = 'auth:from' as Owner;
const LEASE_MS = 30_000;

async function leased(resumable: boolean) {
  const clock = new ManualClock();
  const store = new InMemoryTaskStore({ clock });
  const task = await store.create(OWNER, {
    request: { method: 'tools/call', params: { name: 't' } },
    lease: { holder: 'dead', ms: LEASE_MS },
    ...(resumable && { resumable: true }),
  });
  return { clock, store, task };
}

describe('takeOverLease with `from` (the holder declared stopped)', () => {
  it('takes the lease of `from` before it runs out, resumable or not; without `from` only once it ran out', async () => {
    for (const resumable of [true, false]) {
      const { clock, store, task } = await leased(resumable);
      clock.advance(1_000);
      assert.equal(await store.takeOverLease(OWNER, task.taskId, 'me', LEASE_MS), undefined, 'not run out, none declared stopped');
      const taken = await store.takeOverLease(OWNER, task.taskId, 'me', LEASE_MS, 'dead');
      assert.deepEqual(taken?.lease, { holder: 'me', expiresAt: clock.now() + LEASE_MS });
      assert.equal(taken?.status, 'working');
      const renewed = await store.renewLease(OWNER, task.taskId, 'dead', LEASE_MS);
      assert.equal(renewed.lease?.holder, 'me', "the stopped holder's renewal no longer applies");
    }
  });

  it("never takes another holder's lease, nor a terminal task's", async () => {
    const { store, task } = await leased(true);
    assert.equal(await store.takeOverLease(OWNER, task.taskId, 'me', LEASE_MS, 'someone-else'), undefined);
    assert.equal((await store.get(OWNER, task.taskId)).lease?.holder, 'dead');
    await store.cancel(OWNER, task.taskId);
    assert.equal(await store.takeOverLease(OWNER, task.taskId, 'me', LEASE_MS, 'dead'), undefined);
  });

  it('a renewal that lands between the read and the write wins (the write names the lease it read)', async () => {
    const { clock, store, task } = await leased(true);
    const read = store.get.bind(store);
    // The takeover's read sees the old lease; the holder renews before the takeover writes.
    store.get = async (owner, taskId) => {
      const record = await read(owner, taskId);
      clock.advance(10);
      await store.renewLease(OWNER, task.taskId, 'dead', LEASE_MS);
      return record;
    };
    assert.equal(await store.takeOverLease(OWNER, task.taskId, 'me', LEASE_MS, 'dead'), undefined);
    store.get = read;
    assert.equal((await store.get(OWNER, task.taskId)).lease?.holder, 'dead');
  });

  it('`from` must be a string (INVALID_ARGUMENT)', async () => {
    const { store, task } = await leased(true);
    await assert.rejects(store.takeOverLease(OWNER, task.taskId, 'me', LEASE_MS, 42 as never), { code: 'INVALID_ARGUMENT' });
  });
});
