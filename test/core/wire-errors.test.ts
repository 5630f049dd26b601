/** src/server/v2025/wire-errors.ts: the wire form of our errors carries the string code in data.code (R71). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TaskNotFoundError, WorkflowStepError } from '../../src/errors/index.js';
import { invalidParams, toWireError, WireError } from '../../src/server/v2025/wire-errors.js';

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
