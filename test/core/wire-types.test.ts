/**
 * The wire types of src/ are the schema's own (generated/types.ts): checked at compile time, so a
 * schema update that changes `Task`, `TaskStatus` or the JSON-RPC `Error` fails the build here.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Error as SchemaError, Task, TaskStatus as SchemaTaskStatus } from '../../generated/types.js';
import type { JsonRpcErrorObject } from '../../src/errors/index.js';
import type { JsonObject } from '../../src/json.js';
import { toWireTask, type TaskRecord, type WireTask } from '../../src/record.js';
import { TASK_STATUSES, type TaskStatus } from '../../src/status.js';
import { validate } from '../../src/validate/index.js';

/** True only when A and B are the same type (not merely assignable one way). */
type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
/** Compiles only for `true`: each call below is a compile-time assertion. */
const holds = <T extends true>(): T | undefined => undefined;

holds<Equals<WireTask, Task>>();
holds<Equals<TaskStatus, SchemaTaskStatus>>();
holds<Equals<(typeof TASK_STATUSES)[number], SchemaTaskStatus>>();
holds<Equals<Omit<JsonRpcErrorObject, 'data'>, Omit<SchemaError, 'data'>>>();
// Every schema error is one of ours; ours only widens `data` (any JSON-RPC value, R42).
holds<SchemaError extends JsonRpcErrorObject ? true : false>();
holds<Equals<JsonRpcErrorObject['data'], unknown>>();
// toWireTask's value is both a schema Task and a JSON object, with no cast.
holds<ReturnType<typeof toWireTask> extends Task & JsonObject ? true : false>();

const record = fc.record({
  taskId: fc.string({ minLength: 1, maxLength: 20 }),
  status: fc.constantFrom(...TASK_STATUSES),
  statusMessage: fc.option(fc.string(), { nil: undefined }),
  createdAt: fc.integer({ min: 0, max: 4e12 }),
  age: fc.integer({ min: 0, max: 1e9 }),
  ttl: fc.option(fc.integer({ min: 1, max: 1e9 }), { nil: null }),
  pollInterval: fc.option(fc.integer({ min: 1, max: 60_000 }), { nil: undefined }),
});

describe('wire types', () => {
  it('TASK_STATUSES lists each schema status once', () => {
    assert.equal(new Set(TASK_STATUSES).size, TASK_STATUSES.length);
    const all: Record<SchemaTaskStatus, true> = { working: true, input_required: true, completed: true, failed: true, cancelled: true };
    assert.deepEqual([...TASK_STATUSES].sort(), Object.keys(all).sort());
  });

  it('R32-R35 every toWireTask value is a valid schema Task and a JSON value', () => {
    fc.assert(
      fc.property(record, (r) => {
        const stored: TaskRecord = {
          taskId: r.taskId,
          owner: 'auth:alice',
          status: r.status,
          ...(r.statusMessage !== undefined && { statusMessage: r.statusMessage }),
          createdAt: r.createdAt,
          lastUpdatedAt: r.createdAt + r.age,
          ttl: r.ttl,
          expiresAt: r.ttl === null ? null : r.createdAt + r.ttl,
          ...(r.pollInterval !== undefined && { pollInterval: r.pollInterval }),
          request: { method: 'tools/call', params: { name: 'x' } },
          variables: {},
          version: 1,
        };
        const wire: JsonObject = toWireTask(stored);
        assert.deepEqual(validate('Task', wire).ok, true);
        assert.deepEqual(JSON.parse(JSON.stringify(wire)), wire);
      }),
    );
  });
});
