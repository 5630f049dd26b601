/**
 * `validate2026`: the 2026-07-28 Tasks extension's examples (tasks.md) validate, broken variants
 * of them do not, and the issues point at what is wrong.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  PAYLOAD_NAMES_2026,
  PayloadValidationError,
  assertValid2026,
  formatIssues,
  isPayloadName2026,
  isValid2026,
  validate,
  validate2026,
  type PayloadName2026,
} from '../../src/validate/index.js';
import { isTasksError } from '../../src/errors/index.js';
import * as F from './fixtures-2026.js';

function assertOk(name: PayloadName2026, value: unknown): void {
  const r = validate2026(name, value);
  assert.ok(r.ok, r.ok ? '' : `expected valid "${name}":\n${formatIssues(r.errors)}`);
  assert.equal(r.value, value, 'validate2026 returns the same value, unmodified');
}

function assertRejected(name: PayloadName2026, value: unknown, path: string): void {
  const r = validate2026(name, value);
  assert.equal(r.ok, false, `expected "${name}" to be rejected`);
  if (!r.ok)
    assert.ok(
      r.errors.some((e) => e.path === path),
      `an issue at ${path}:\n${formatIssues(r.errors)}`,
    );
}

const without = (value: object, key: string): object => {
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  delete copy[key];
  return copy;
};

describe('validate2026: the examples of tasks.md', () => {
  const cases: [string, PayloadName2026, unknown][] = [
    ['tools/call declaring the extension', 'tools/call request', F.toolsCallRequest],
    ['CreateTaskResult', 'tools/call result', F.createTaskResult],
    ['CreateTaskResult', 'CreateTaskResult', F.createTaskResult],
    ['failed seed (Task Execution Errors)', 'tools/call result', F.failedSeed],
    ['tool error seed (Task Execution Errors)', 'tools/call result', F.toolErrorSeed],
    ['tasks/get', 'tasks/get request', F.getTaskRequest],
    ['tasks/get working', 'tasks/get result', F.getWorking],
    ['tasks/get input_required', 'tasks/get result', F.getInputRequired],
    ['tasks/get completed', 'tasks/get result', F.getCompleted],
    ['tasks/update', 'tasks/update request', F.updateTaskRequest],
    ['tasks/update ack', 'tasks/update result', F.ackResult],
    ['tasks/cancel', 'tasks/cancel request', F.cancelTaskRequest],
    ['tasks/cancel ack', 'tasks/cancel result', F.ackResult],
    ['notifications/tasks', 'notifications/tasks', F.statusNotification],
    ['-32021 Missing required client capability', 'MissingRequiredClientCapabilityError', F.missingCapability],
    ['-32021 as a JSON-RPC error response', 'JSONRPCErrorResponse', F.missingCapability],
    ['task not found', 'JSONRPCErrorResponse', F.taskNotFound],
  ];
  for (const [title, name, value] of cases) {
    it(`${title} validates as "${name}"`, () => {
      const before = JSON.stringify(value);
      assertOk(name, value);
      assert.equal(JSON.stringify(value), before, 'validation does not mutate the payload');
    });
  }

  it('a plain CallToolResult and an MRTR InputRequiredResult are tools/call results too', () => {
    assertOk('tools/call result', { resultType: 'complete', content: [{ type: 'text', text: 'hi' }] });
    assertOk('tools/call result', { resultType: 'input_required', inputRequests: { a: F.nameElicitation } });
  });

  it('the SDK adds content: [] to a CreateTaskResult; that still validates (open Result)', () => {
    assertOk('tools/call result', { ...F.createTaskResult, content: [] });
  });
});

describe('validate2026: broken payloads are rejected where they are broken', () => {
  it('CreateTaskResult without resultType "task" is not a task (and not a valid CallToolResult either)', () => {
    assertRejected('CreateTaskResult', without(F.createTaskResult, 'resultType'), '/resultType');
    assertRejected('CreateTaskResult', { ...F.createTaskResult, resultType: 'complete' }, '/resultType');
  });

  it('2025-11-25 field names (ttl, pollInterval, nested task) are not the 2026 wire', () => {
    const { ttlMs: _ttl, ...rest } = F.createTaskResult;
    assertRejected('tools/call result', { ...rest, ttl: 60000 }, '/ttlMs');
    assertRejected('tools/call result', { resultType: 'task', task: { ...rest, ttl: 60000 } }, '/taskId');
  });

  it('ttlMs is an integer or null; pollIntervalMs an integer', () => {
    assertOk('tasks/get result', { ...F.getWorking, ttlMs: null });
    assertRejected('tasks/get result', { ...F.getWorking, ttlMs: 1.5 }, '/ttlMs');
    assertRejected('tasks/get result', { ...F.getWorking, pollIntervalMs: '5000' }, '/pollIntervalMs');
  });

  it('tasks/get result says resultType "complete" and carries the field its status needs', () => {
    assertRejected('tasks/get result', { ...F.getWorking, resultType: 'task' }, '/resultType');
    assertRejected('tasks/get result', without(F.getCompleted, 'result'), '/result');
    assertRejected('tasks/get result', without(F.getInputRequired, 'inputRequests'), '/inputRequests');
    assertRejected('tasks/get result', { ...F.getWorking, status: 'failed' }, '/error');
    assertRejected('tasks/get result', { ...F.getWorking, status: 'submitted' }, '/status');
  });

  it('a failed task carries a JSON-RPC error (code and message)', () => {
    assertOk('tasks/get result', { ...F.getWorking, status: 'failed', error: { code: -32603, message: 'boom' } });
    assertRejected('tasks/get result', { ...F.getWorking, status: 'failed', error: { message: 'boom' } }, '/error/code');
  });

  it('tasks/update needs taskId and inputResponses; tasks/get and tasks/cancel need taskId', () => {
    assertRejected('tasks/update request', { ...F.updateTaskRequest, params: { taskId: F.TASK_ID } }, '/params/inputResponses');
    assertRejected('tasks/get request', { ...F.getTaskRequest, params: {} }, '/params/taskId');
    assertRejected('tasks/cancel request', { ...F.cancelTaskRequest, params: {} }, '/params/taskId');
    assertRejected('tasks/cancel request', { ...F.cancelTaskRequest, method: 'tasks/get' }, '/method');
  });

  it('acks say resultType "complete"', () => {
    assertRejected('tasks/cancel result', {}, '/resultType');
    assertRejected('tasks/update result', { resultType: 'task' }, '/resultType');
  });

  it('-32021 needs data.requiredCapabilities', () => {
    const broken = { ...F.missingCapability, error: { code: -32021, message: 'Missing required client capability' } };
    assertRejected('MissingRequiredClientCapabilityError', broken, '/error/data');
  });

  it('a notification carries a whole DetailedTask', () => {
    assertRejected(
      'notifications/tasks',
      { ...F.statusNotification, params: without(F.statusNotification.params, 'result') },
      '/params/result',
    );
  });

  it('a 2025-11-25 tasks/get result is not a 2026 one, and the reverse', () => {
    const v2025 = {
      taskId: F.TASK_ID,
      status: 'working',
      createdAt: F.getWorking.createdAt,
      lastUpdatedAt: F.getWorking.lastUpdatedAt,
      ttl: 60000,
    };
    assert.equal(validate('tasks/get result', v2025).ok, true);
    assert.equal(validate2026('tasks/get result', v2025).ok, false);
    assert.equal(validate('tasks/get result', F.getWorking).ok, false);
  });
});

describe('validate2026: API', () => {
  it('every name resolves to a compiled schema', () => {
    for (const name of PAYLOAD_NAMES_2026) assert.equal(typeof isValid2026(name, {}), 'boolean', name);
  });

  it('names are guarded; an unknown name throws INVALID_ARGUMENT', () => {
    assert.equal(isPayloadName2026('tasks/update request'), true);
    assert.equal(isPayloadName2026('tasks/list request'), false);
    assert.throws(
      () => validate2026('tasks/list request' as PayloadName2026, {}),
      (e) => isTasksError(e, 'INVALID_ARGUMENT'),
    );
  });

  it('assertValid2026 throws PAYLOAD_INVALID with the issues', () => {
    assert.doesNotThrow(() => assertValid2026('tasks/get result', F.getCompleted));
    assert.throws(
      () => assertValid2026('tasks/get result', without(F.getCompleted, 'result')),
      (e) => isTasksError(e, 'PAYLOAD_INVALID') && e instanceof PayloadValidationError && e.issues.length > 0,
    );
  });
});
