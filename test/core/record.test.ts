/** src/record.ts: toWireTask (R32-R35, A6, A7) and isExpired (R36). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isExpired, toWireTask, VARIABLES_META_KEY, type TaskRecord } from '../../src/record.js';

const CREATED = Date.UTC(2025, 10, 25, 10, 30, 0, 123);

function record(extra: Partial<TaskRecord> = {}): TaskRecord {
  return {
    taskId: 'abc123',
    owner: 'auth:alice',
    status: 'working',
    createdAt: CREATED,
    lastUpdatedAt: CREATED + 1500,
    ttl: 60_000,
    expiresAt: CREATED + 60_000,
    pollInterval: 1000,
    request: { method: 'tools/call', params: { name: 'secret-tool', arguments: { password: 'hunter2' } } },
    variables: { step: 2 },
    version: 3,
    ...extra,
  };
}

const WIRE_KEYS = ['taskId', 'status', 'statusMessage', 'createdAt', 'lastUpdatedAt', 'ttl', 'pollInterval', '_meta'];

describe('toWireTask', () => {
  it('R32 R33 timestamps are ISO 8601 / RFC 3339 UTC strings of the stored instants', () => {
    const wire = toWireTask(record());
    assert.equal(wire.createdAt, '2025-11-25T10:30:00.123Z');
    assert.equal(wire.lastUpdatedAt, '2025-11-25T10:30:01.623Z');
    assert.match(wire.createdAt, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
    assert.equal(Date.parse(wire.lastUpdatedAt), CREATED + 1500);
  });

  it('R35 A6 ttl is always present; null (unlimited) is kept as null', () => {
    assert.equal(toWireTask(record()).ttl, 60_000);
    const wire = toWireTask(record({ ttl: null, expiresAt: null }));
    assert.ok(Object.prototype.hasOwnProperty.call(wire, 'ttl'));
    assert.equal(wire.ttl, null);
  });

  it('R31 pollInterval and statusMessage appear only when set', () => {
    const bare = toWireTask(record({ pollInterval: undefined }));
    assert.ok(!('pollInterval' in bare) && !('statusMessage' in bare));
    const full = toWireTask(record({ statusMessage: 'thinking' }));
    assert.equal(full.statusMessage, 'thinking');
    assert.equal(full.pollInterval, 1000);
  });

  it('the wire task has only schema fields: no owner, request, outcome, variables, version or expiresAt', () => {
    const rec = record({ status: 'completed', outcome: { type: 'result', result: { content: [] } }, statusMessage: 'done' });
    for (const includeVariables of [false, true]) {
      const wire = toWireTask(rec, { includeVariables }) as unknown as Record<string, unknown>;
      for (const key of Object.keys(wire)) assert.ok(WIRE_KEYS.includes(key), `unexpected wire field ${key}`);
      const text = JSON.stringify(wire);
      for (const leak of ['auth:alice', 'hunter2', 'secret-tool', 'outcome']) assert.ok(!text.includes(leak), `wire task leaks ${leak}`);
    }
  });

  it('variables appear only under _meta["io.github.mcp-tasks/variables"], and only when asked', () => {
    assert.equal(VARIABLES_META_KEY, 'io.github.mcp-tasks/variables');
    assert.ok(!('_meta' in toWireTask(record())));
    const wire = toWireTask(record({ variables: { step: 2, status: 'x', taskId: 'y' } }), { includeVariables: true });
    assert.deepEqual(wire._meta, { [VARIABLES_META_KEY]: { step: 2, status: 'x', taskId: 'y' } });
    assert.equal(wire.status, 'working', 'a variable named like a field must not override it');
    assert.equal(wire.taskId, 'abc123');
    assert.ok(!('step' in wire));
  });

  it('no _meta at all for empty variables', () => {
    assert.ok(!('_meta' in toWireTask(record({ variables: {} }), { includeVariables: true })));
  });

  it('the wire task of a stored (frozen) record is computed once, frozen and shared', () => {
    const rec = Object.freeze(record());
    const wire = toWireTask(rec);
    assert.equal(toWireTask(rec), wire);
    assert.ok(Object.isFrozen(wire));
    assert.throws(() => {
      (wire as { status: string }).status = 'failed';
    }, TypeError);
    assert.equal(rec.status, 'working');
  });

  it('an unfrozen record gets a fresh wire object each time (no stale cache)', () => {
    const rec = record();
    assert.notEqual(toWireTask(rec), toWireTask(rec));
    assert.deepEqual(toWireTask(rec), toWireTask(rec));
  });
});

describe('isExpired', () => {
  it('R36 expired from expiresAt on (inclusive), never with expiresAt null', () => {
    assert.ok(!isExpired({ expiresAt: 1000 }, 999));
    assert.ok(isExpired({ expiresAt: 1000 }, 1000));
    assert.ok(isExpired({ expiresAt: 1000 }, 10_000));
    assert.ok(!isExpired({ expiresAt: null }, Number.MAX_SAFE_INTEGER));
  });
});
