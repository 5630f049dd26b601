/** src/errors: codes, the one JSON-RPC mapping (R71-R74), guards that work across copies. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as errors from '../../src/errors/index.js';
import {
  isTasksError,
  jsonRpcCodeOf,
  JSON_RPC,
  TASKS_ERROR_CODES,
  TasksError,
  toJsonRpcError,
  type TasksErrorCode,
} from '../../src/errors/index.js';
import { toFailureError } from '../../src/task-context.js';
import { PayloadValidationError } from '../../src/validate/errors.js';

/** The table documented at the top of src/errors/json-rpc.ts (and the README). */
const DOCUMENTED: Record<string, number> = {
  TASK_NOT_FOUND: -32602,
  TASK_TERMINAL: -32602,
  INVALID_TRANSITION: -32602,
  TASK_NOT_TERMINAL: -32602,
  TASK_CANCELLED: -32602,
  INVALID_CURSOR: -32602,
  INVALID_ARGUMENT: -32602,
  PAYLOAD_TOO_LARGE: -32602,
  TASK_SUPPORT_MISMATCH: -32601,
  SDK_UNSUPPORTED: -32603,
  ANONYMOUS_NOT_ALLOWED: -32600,
  QUOTA_EXCEEDED: -32000,
  STORAGE_EXHAUSTED: -32000,
  RATE_LIMITED: -32000,
  CONCURRENT_MODIFICATION: -32603,
  STORE_UNAVAILABLE: -32603,
  PAYLOAD_INVALID: -32602,
  INVALID_OPTIONS: -32603,
  WORKFLOW_INVALID: -32603,
  BINDING_FAILED: -32603,
  WORKFLOW_STEP_FAILED: -32603,
  STEP_INPUT_UNAVAILABLE: -32603,
  STEP_OUTPUT_INVALID: -32603,
  CAPABILITY_MISSING: -32603,
  TASK_NO_LONGER_RUNNING: -32603,
  RESUME_REFUSED: -32603,
  TOOL_UNAVAILABLE: -32603,
};

/** One instance of every error class (the module's, and mcp-tasks/validate's), built with plausible arguments. */
function instances(): TasksError[] {
  const out: TasksError[] = [new PayloadValidationError('Task', [{ path: '', message: 'must be object' }])];
  for (const [name, value] of Object.entries(errors)) {
    if (typeof value !== 'function' || !(value.prototype instanceof TasksError)) continue;
    const Ctor = value as unknown as new (...args: unknown[]) => TasksError;
    const args: Record<string, unknown[]> = {
      TaskTerminalError: ['t1', 'completed'],
      InvalidTransitionError: ['t1', 'working', 'working'],
      TaskNotTerminalError: ['t1', 'working'],
      QuotaExceededError: [3],
      StorageExhaustedError: ['3 stored tasks per requestor'],
      RateLimitedError: [250],
      PayloadTooLargeError: ['Task result', 200, 100],
      StoreUnavailableError: ['down'],
      InvalidArgumentError: ['bad'],
      InvalidOptionsError: ['bad'],
      WorkflowDefinitionError: ['wf', ['it has no steps']],
      BindingError: ['bad path'],
      StepInputError: ['declined'],
      StepOutputError: ['not an object'],
      WorkflowStepError: ['fetch', 1, 2, new Error('disk full')],
      CapabilityMissingError: ['sampling'],
      TaskNoLongerRunningError: [],
      ResumeRefusedError: ['t1', 'it is already completed'],
      ToolUnavailableError: ['fetch', 'is disabled'],
    };
    out.push(new Ctor(...(args[name] ?? ['t1'])));
  }
  return out;
}

describe('errors', () => {
  it('R71 R74 every code maps to its documented JSON-RPC code', () => {
    for (const code of TASKS_ERROR_CODES) {
      assert.ok(code in DOCUMENTED, `${code} is not documented in the table`);
      assert.equal(jsonRpcCodeOf(code), DOCUMENTED[code], code);
    }
  });

  it('every error class has a distinct code from the list, a matching name, and is a TasksError', () => {
    const all = instances();
    assert.equal(all.length, TASKS_ERROR_CODES.length);
    const codes = new Set<string>();
    for (const err of all) {
      assert.ok(err instanceof Error && err instanceof TasksError);
      assert.ok((TASKS_ERROR_CODES as readonly string[]).includes(err.code), err.code);
      assert.equal(err.name, err.constructor.name);
      assert.ok(isTasksError(err, err.code));
      codes.add(err.code);
    }
    assert.equal(codes.size, all.length);
  });

  it('R71 toJsonRpcError keeps our message and puts the string code in data.code', () => {
    for (const err of instances()) {
      assert.deepEqual(toJsonRpcError(err), { code: DOCUMENTED[err.code], message: err.message, data: { code: err.code } });
      assert.equal(toJsonRpcError(err, 'Failed to retrieve task').message, `Failed to retrieve task: ${err.message}`);
    }
  });

  it('R66 the terminal message reads like the spec example', () => {
    const err = new errors.TaskTerminalError('t1', 'completed', 'cancel task');
    assert.equal(err.message, "Cannot cancel task: already in terminal status 'completed'");
  });

  it('R37 R77 TaskNotFoundError says nothing about why the task is missing', () => {
    const err = new errors.TaskNotFoundError('abc');
    assert.ok(!/expired|owner|another|forbidden|denied/i.test(err.message));
  });

  it('R71 a foreign error becomes -32603 "Internal error" without leaking its message', () => {
    const secret = new Error('SELECT * FROM tasks WHERE secret = 42');
    assert.deepEqual(toJsonRpcError(secret), { code: JSON_RPC.INTERNAL_ERROR, message: 'Internal error' });
    assert.deepEqual(toJsonRpcError(secret, 'Failed'), { code: -32603, message: 'Failed: Internal error' });
    for (const value of ['boom', null, undefined, 42, { code: -32602, message: 'looks like ours' }, { code: 'NOT_OURS', message: 'x' }]) {
      const mapped = toJsonRpcError(value);
      assert.deepEqual(mapped, { code: -32603, message: 'Internal error' });
    }
  });

  it('isTasksError works on a plain-object copy (another realm or package copy)', () => {
    const err = new errors.QuotaExceededError(3);
    const copy = { code: err.code, message: err.message, name: err.name };
    const cloned: unknown = structuredClone(copy);
    assert.equal(toJsonRpcError(cloned).code, -32000);
    assert.ok(isTasksError(copy));
    assert.ok(isTasksError(copy, 'QUOTA_EXCEEDED'));
    assert.ok(!isTasksError(copy, 'TASK_NOT_FOUND'));
    assert.ok(isTasksError(cloned));
  });

  it('isTasksError refuses look-alikes', () => {
    for (const value of [
      null,
      undefined,
      'TASK_NOT_FOUND',
      { code: 'TASK_NOT_FOUND' },
      { code: 'NOPE', message: 'x' },
      { code: 404, message: 'x' },
      new Error('x'),
    ]) {
      assert.ok(!isTasksError(value), JSON.stringify(value));
    }
  });

  it('errors carry a cause when given one', () => {
    const cause = new Error('socket hang up');
    const err = new errors.StoreUnavailableError('DynamoDB did not answer', { cause });
    assert.equal(err.cause, cause);
    assert.ok(!toJsonRpcError(err).message.includes('socket hang up'));
  });

  it('a failed workflow step keeps its cause and fails the task with -32603 and data.code', () => {
    const cause = new errors.BindingError("argument 'v': no field 'x'");
    const err = new errors.WorkflowStepError('use', 2, 2, cause);
    assert.equal(err.cause, cause);
    assert.equal(err.code, 'WORKFLOW_STEP_FAILED');
    assert.deepEqual(toFailureError(err), { code: -32603, message: err.message, data: { code: 'WORKFLOW_STEP_FAILED' } });
  });

  it('codes are the documented, stable strings', () => {
    const expected: TasksErrorCode[] = Object.keys(DOCUMENTED) as TasksErrorCode[];
    assert.deepEqual([...TASKS_ERROR_CODES].sort(), [...expected].sort());
  });
});
