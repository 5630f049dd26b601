import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  assertValid,
  formatIssues,
  isValid,
  PayloadValidationError,
  validate,
  type PayloadName,
  type ValidationIssue,
} from '../../src/validate/index.js';
import { TASK_ID, createTaskResponse, tasksGetRequest, tasksResultResponse, toolsCallRequest } from './fixtures.js';
import { isTasksError } from '../../src/errors/index.js';

const task = () => ({
  taskId: TASK_ID,
  status: 'working',
  createdAt: '2025-11-25T10:30:00Z',
  lastUpdatedAt: '2025-11-25T10:30:00Z',
  ttl: 60000,
  pollInterval: 5000,
});

function issuesOf(name: PayloadName, value: unknown): ValidationIssue[] {
  const r = validate(name, value);
  assert.equal(r.ok, false, `expected "${name}" to reject ${JSON.stringify(value)}`);
  return r.ok ? [] : r.errors;
}

function assertAccepts(name: PayloadName, value: unknown): void {
  const r = validate(name, value);
  assert.ok(r.ok, r.ok ? '' : formatIssues(r.errors));
  assert.equal(isValid(name, value), true);
}

describe('validate: rejections with path and message', () => {
  it('R35/A6: a Task without ttl is rejected at /ttl', () => {
    const { ttl: _ttl, ...noTtl } = task();
    assert.deepEqual(issuesOf('Task', noTtl), [{ path: '/ttl', message: "must have required property 'ttl'" }]);
  });

  it('R35: a tasks/get result without ttl is rejected at /ttl', () => {
    const { ttl: _ttl, ...noTtl } = task();
    assert.deepEqual(issuesOf('tasks/get result', noTtl), [{ path: '/ttl', message: "must have required property 'ttl'" }]);
  });

  it('R35/A3: a CreateTaskResult whose task lacks ttl is rejected at /task/ttl (also as tools/call result)', () => {
    const { ttl: _ttl, ...noTtl } = task();
    const expected = [{ path: '/task/ttl', message: "must have required property 'ttl'" }];
    assert.deepEqual(issuesOf('CreateTaskResult', { task: noTtl }), expected);
    assert.deepEqual(issuesOf('tools/call result', { task: noTtl }), expected);
  });

  it('R32/R33: createdAt and lastUpdatedAt are required on a Task', () => {
    const { createdAt: _c, lastUpdatedAt: _l, ...rest } = task();
    assert.deepEqual(issuesOf('Task', rest), [
      { path: '/createdAt', message: "must have required property 'createdAt'" },
      { path: '/lastUpdatedAt', message: "must have required property 'lastUpdatedAt'" },
    ]);
  });

  it('R22: an unknown status ("paused") is rejected at /status with the allowed values', () => {
    const message = 'must be equal to one of the allowed values: "cancelled", "completed", "failed", "input_required", "working"';
    assert.deepEqual(issuesOf('Task', { ...task(), status: 'paused' }), [{ path: '/status', message }]);
    assert.deepEqual(
      issuesOf('notifications/tasks/status', {
        jsonrpc: '2.0',
        method: 'notifications/tasks/status',
        params: { ...task(), status: 'paused' },
      }),
      [{ path: '/params/status', message }],
    );
  });

  it('R18: a non-string taskId in tasks/get params is rejected at /params/taskId', () => {
    const bad = { ...tasksGetRequest, params: { taskId: 42 } };
    assert.deepEqual(issuesOf('tasks/get request', bad), [{ path: '/params/taskId', message: 'must be string' }]);
    assert.deepEqual(issuesOf('Task', { ...task(), taskId: 42 }), [{ path: '/taskId', message: 'must be string' }]);
  });

  it('A4: a null requested ttl in tools/call params.task.ttl is rejected at /params/task/ttl', () => {
    const bad = { ...toolsCallRequest, params: { ...toolsCallRequest.params, task: { ttl: null } } };
    assert.deepEqual(issuesOf('tools/call request', bad), [{ path: '/params/task/ttl', message: 'must be integer' }]);
    assert.deepEqual(issuesOf('TaskMetadata', { ttl: null }), [{ path: '/ttl', message: 'must be integer' }]);
  });

  it('A4: a non-integer ttl on a Task reports "must be integer or null"', () => {
    assert.deepEqual(issuesOf('Task', { ...task(), ttl: '60000' }), [{ path: '/ttl', message: 'must be integer or null' }]);
  });

  it('R13/A1: a tools/call request needs jsonrpc 2.0 and the right method', () => {
    const issues = issuesOf('tools/call request', { ...toolsCallRequest, jsonrpc: '1.0', method: 'tools/run' });
    assert.deepEqual(issues, [
      { path: '/jsonrpc', message: 'must be equal to constant "2.0"' },
      { path: '/method', message: 'must be equal to constant "tools/call"' },
    ]);
  });
});

describe('validate: acceptances', () => {
  it('A4: ttl null (unlimited) is accepted on a Task, a tasks/get result and a CreateTaskResult', () => {
    const t = { ...task(), ttl: null };
    assertAccepts('Task', t);
    assertAccepts('tasks/get result', t);
    assertAccepts('tasks/cancel result', { ...t, status: 'cancelled' });
    assertAccepts('CreateTaskResult', { task: t });
    assertAccepts('tools/call result', { task: t });
  });

  it('R15: params.task may omit ttl; TaskMetadata {} is valid', () => {
    assertAccepts('TaskMetadata', {});
    assertAccepts('tools/call request', { ...toolsCallRequest, params: { name: 'get_weather', task: {} } });
  });

  it('A3: tools/call result accepts a CreateTaskResult and a CallToolResult', () => {
    assertAccepts('tools/call result', createTaskResponse.result);
    assertAccepts('tools/call result', tasksResultResponse.result);
    assertAccepts('tools/call result', { content: [], isError: true });
  });

  it('A3: a top-level task key selects CreateTaskResult (no fallback to CallToolResult)', () => {
    const issues = issuesOf('tools/call result', { content: [], task: 'not-a-task' });
    assert.deepEqual(issues, [{ path: '/task', message: 'must be object' }]);
    assert.deepEqual(issuesOf('tools/call result', { isError: false }), [
      { path: '/content', message: "must have required property 'content'" },
    ]);
  });

  it('A3: sampling/createMessage and elicitation/create results accept CreateTaskResult or their plain result', () => {
    const created = createTaskResponse.result;
    assertAccepts('sampling/createMessage result', created);
    assertAccepts('sampling/createMessage result', { role: 'assistant', model: 'm', content: { type: 'text', text: 'hi' } });
    assertAccepts('elicitation/create result', created);
    assertAccepts('elicitation/create result', { action: 'accept', content: { city: 'Paris' } });
    assert.equal(isValid('elicitation/create result', { action: 'maybe' }), false);
  });

  it('R52: related-task _meta is accepted on task-augmented requests (schema does not enforce it, A19)', () => {
    const meta = { 'io.modelcontextprotocol/related-task': { taskId: TASK_ID } };
    assertAccepts('elicitation/create request', {
      jsonrpc: '2.0',
      id: 'srv-1',
      method: 'elicitation/create',
      params: {
        message: 'Which city?',
        requestedSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
        _meta: meta,
      },
    });
    assertAccepts('RelatedTaskMetadata', { taskId: TASK_ID });
    assert.equal(isValid('RelatedTaskMetadata', { taskId: 1 }), false);
  });

  it('R10/R14: tool execution.taskSupport and task capabilities validate', () => {
    assertAccepts('Tool', { name: 't', inputSchema: { type: 'object' }, execution: { taskSupport: 'optional' } });
    assert.equal(isValid('ToolExecution', { taskSupport: 'sometimes' }), false);
    assertAccepts('ServerCapabilities', { tasks: { list: {}, cancel: {}, requests: { tools: { call: {} } } } });
    assertAccepts('ClientCapabilities', {
      tasks: { requests: { sampling: { createMessage: {} }, elicitation: { create: {} } } },
    });
  });
});

describe('validate: API', () => {
  it('assertValid throws PayloadValidationError listing path and reason', () => {
    assert.throws(
      () => assertValid('tasks/get request', { ...tasksGetRequest, params: { taskId: 42 } }),
      (err: unknown) => {
        assert.ok(err instanceof PayloadValidationError);
        assert.ok(isTasksError(err, 'PAYLOAD_INVALID'));
        assert.equal(err.name, 'PayloadValidationError');
        assert.equal(err.payloadName, 'tasks/get request');
        assert.deepEqual(err.issues, [{ path: '/params/taskId', message: 'must be string' }]);
        assert.equal(err.message, 'Invalid "tasks/get request" payload (1 issue):\n  /params/taskId: must be string');
        return true;
      },
    );
    assert.doesNotThrow(() => assertValid('tasks/get request', tasksGetRequest));
  });

  it('formatIssues renders one line per issue, (root) for the empty pointer', () => {
    assert.equal(
      formatIssues([
        { path: '', message: 'must be object' },
        { path: '/task/ttl', message: "must have required property 'ttl'" },
      ]),
      "(root): must be object\n/task/ttl: must have required property 'ttl'",
    );
    assert.deepEqual(issuesOf('Task', 'nope'), [{ path: '', message: 'must be object' }]);
  });

  it('an unknown payload name throws INVALID_ARGUMENT', () => {
    assert.throws(() => validate('tasks/delete request' as PayloadName, {}), { code: 'INVALID_ARGUMENT' });
  });

  it('validators are reusable (compiled once per name)', () => {
    for (let i = 0; i < 3; i++) {
      assert.equal(isValid('Task', task()), true);
      assert.equal(isValid('Task', {}), false);
    }
  });
});
