/**
 * The wire form of our errors carries the string code in data.code (R71); every error reaches
 * either wire through the one mapping (src/errors/json-rpc.ts `toJsonRpcError`) and its leg's
 * thin adapter (src/server/v2025/wire-errors.ts, src/server/v2026/protocol.ts).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ProtocolError } from '@modelcontextprotocol/server';
import { JsonRpcError, TaskNotFoundError, toJsonRpcError, WorkflowStepError } from '../../src/errors/index.js';
import { invalidParams, toWireError, WireError } from '../../src/server/v2025/wire-errors.js';
import { toProtocolError } from '../../src/server/v2026/protocol.js';

describe('wire errors', () => {
  it('R71 invalid params are -32602 with data.code INVALID_ARGUMENT', () => {
    const err = invalidParams('tasks/get: params.taskId is required');
    assert.equal(err.code, -32602);
    assert.deepEqual(err.data, { code: 'INVALID_ARGUMENT' });
  });

  it('toWireError maps a TasksError through the one mapping and passes a WireError through', () => {
    const notFound = toWireError(new TaskNotFoundError('t1'), 'Failed to retrieve task');
    assert.equal(notFound.code, -32602);
    assert.deepEqual(notFound.data, { code: 'TASK_NOT_FOUND' });
    const step = toWireError(new WorkflowStepError('s', 1, 1, new Error('x')));
    assert.equal(step.code, -32603);
    assert.deepEqual(step.data, { code: 'WORKFLOW_STEP_FAILED' });
    const wire = new WireError(-32602, 'as stored');
    assert.equal(toWireError(wire), wire);
  });

  it('R71 a foreign error is -32603 without data', () => {
    const err = toWireError(new Error('secret'));
    assert.equal(err.code, -32603);
    assert.equal(err.data, undefined);
  });
});

describe('one mapping, one thin adapter per SDK', () => {
  const samples: { name: string; error: unknown }[] = [
    { name: 'a TasksError', error: new TaskNotFoundError('t1') },
    { name: 'a JsonRpcError (a requestor answer, a stored failure)', error: new JsonRpcError(-32050, 'as it came', { why: 1 }) },
    { name: 'a foreign error', error: new Error('secret: SELECT * FROM tasks') },
    { name: 'an error with an integer code not ours', error: Object.assign(new Error('leaky'), { code: -32001 }) },
  ];

  it('toJsonRpcError: ours mapped, a JsonRpcError as it is, anything else generic (never leaked) from our code', () => {
    assert.deepEqual(toJsonRpcError(samples[0]!.error, 'Failed'), {
      code: -32602,
      message: 'Failed: Task not found: "t1"',
      data: { code: 'TASK_NOT_FOUND' },
    });
    assert.deepEqual(toJsonRpcError(samples[1]!.error), { code: -32050, message: 'as it came', data: { why: 1 } });
    assert.deepEqual(toJsonRpcError(samples[2]!.error), { code: -32603, message: 'Internal error' });
    assert.deepEqual(toJsonRpcError(samples[3]!.error), { code: -32603, message: 'Internal error' });
  });

  it("toJsonRpcError thrownBy 'work': a tool's own words are its answer (integer codes kept, others -32603 with the message)", () => {
    assert.deepEqual(toJsonRpcError(samples[2]!.error, { thrownBy: 'work' }), { code: -32603, message: 'secret: SELECT * FROM tasks' });
    assert.deepEqual(toJsonRpcError(samples[3]!.error, { thrownBy: 'work' }), { code: -32001, message: 'leaky' });
    assert.deepEqual(toJsonRpcError(new Error(''), { thrownBy: 'work' }), { code: -32603, message: 'Task failed' });
  });

  it('the 2025 adapter (WireError) and the 2026 adapter (ProtocolError) carry the same code, message and data for every value', () => {
    for (const { name, error } of samples) {
      for (const options of [undefined, { context: 'Ctx' }, { thrownBy: 'work' as const }]) {
        const rpc = toJsonRpcError(error, options);
        const wire = toWireError(error, options);
        const protocol = toProtocolError(error, options);
        assert.ok(wire instanceof WireError && protocol instanceof ProtocolError, name);
        assert.deepEqual([wire.code, wire.message, wire.data], [rpc.code, rpc.message, rpc.data], `${name}, WireError`);
        assert.deepEqual([protocol.code, protocol.message, protocol.data], [rpc.code, rpc.message, rpc.data], `${name}, ProtocolError`);
      }
    }
  });
});
