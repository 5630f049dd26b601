/**
 * pollGate (src/server/core/poll-gate.ts): when an engine waiter on a shared store reads again. The
 * store here is a plain object with the two members the gate looks at (capabilities and the
 * change feed's epoch); the feed itself is tested on PostgreSQL in test/postgres/instances.test.ts.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ManualClock } from '../../src/clock.js';
import type { TaskStore } from '../../src/contract.js';
import type { TaskRecord } from '../../src/record.js';
import { nextDeadline, pollGate } from '../../src/server/core/poll-gate.js';

function storeWithFeed(pushes: boolean, epoch: () => number | undefined): TaskStore {
  return { capabilities: { sharedAcrossProcesses: true, pushesRemoteChanges: pushes }, changeFeedEpoch: epoch } as TaskStore;
}

describe('pollGate', () => {
  it('a store that pushes nothing: every tick reads', () => {
    const gate = pollGate({ capabilities: { sharedAcrossProcesses: true } } as TaskStore);
    assert.deepEqual([gate(), gate(), gate()], [true, true, true]);
  });

  it('a live feed: no tick reads; a feed that is down: every tick reads; back up: one read, then none', () => {
    let epoch: number | undefined = 1;
    const gate = pollGate(storeWithFeed(true, () => epoch));
    assert.deepEqual([gate(), gate()], [false, false]);
    epoch = undefined;
    assert.deepEqual([gate(), gate()], [true, true]);
    epoch = 2;
    assert.deepEqual([gate(), gate(), gate()], [true, false, false]);
  });

  it('a reconnection between two ticks (the feed was down unseen) still costs one read', () => {
    let epoch: number | undefined = 1;
    const gate = pollGate(storeWithFeed(true, () => epoch));
    epoch = 2;
    assert.deepEqual([gate(), gate()], [true, false]);
  });

  it('a waiter that started while the feed was down reads until it is back', () => {
    let epoch: number | undefined;
    const gate = pollGate(storeWithFeed(true, () => epoch));
    assert.equal(gate(), true);
    epoch = 1;
    assert.deepEqual([gate(), gate()], [true, false]);
  });

  it("with the feed live, a waiter reads once the deadline of the task it saw has passed (a dead worker's lease)", () => {
    const gate = pollGate(storeWithFeed(true, () => 1));
    assert.equal(gate(), false);
    gate.watch(task({ lease: { holder: 'a', expiresAt: Date.now() - 1 } }));
    assert.equal(gate(), true);
    gate.watch(task({ lease: { holder: 'a', expiresAt: Date.now() + 3_600_000 } }));
    assert.equal(gate(), false);
  });

  it("the deadline is compared on the store's clock (a ManualClock moved past it), not the wall clock", () => {
    const clock = new ManualClock(Date.now() + 3_600_000);
    const gate = pollGate({ ...storeWithFeed(true, () => 1), clock });
    gate.watch(task({ lease: { holder: 'a', expiresAt: clock.now() + 1_000 } }));
    assert.equal(gate(), false, 'the lease runs for another second by the store');
    clock.advance(1_000);
    assert.equal(gate(), true);
  });

  it('nextDeadline: the earliest of lease, question claims and expiry; a terminal task only expires', () => {
    assert.equal(nextDeadline(task({})), Infinity);
    assert.equal(nextDeadline(task({ expiresAt: 900, lease: { holder: 'a', expiresAt: 500 } })), 500);
    const input = {
      issued: 2,
      requests: {
        '1': { method: 'elicitation/create' as const, params: {}, claim: { holder: 'c', until: 300 } },
        '2': { method: 'elicitation/create' as const, params: {} },
      },
      responses: {},
    };
    assert.equal(nextDeadline(task({ expiresAt: 900, lease: { holder: 'a', expiresAt: 500 }, input })), 300);
    assert.equal(nextDeadline(task({ status: 'completed', expiresAt: 900, lease: { holder: 'a', expiresAt: 500 }, input })), 900);
  });
});

function task(fields: Partial<TaskRecord>): TaskRecord {
  return {
    taskId: 't',
    owner: 'o',
    status: 'working',
    createdAt: 0,
    lastUpdatedAt: 0,
    ttl: null,
    expiresAt: null,
    request: { method: 'tools/call', params: {} },
    variables: {},
    version: 1,
    ...fields,
  };
}
