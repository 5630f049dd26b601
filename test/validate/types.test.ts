/**
 * Compile-time checks of generated/types.ts and the mcp-tasks/validate typings.
 * This file "passes" by compiling under the strict tsconfig; the runtime test only
 * confirms it was built and that every payload name has a compilable schema.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type {
  CallToolRequestParams,
  CallToolResult,
  CancelTaskResult,
  CreateTaskResult,
  ElicitationCreateResult,
  GetTaskResult,
  ListTasksResult,
  SamplingCreateMessageResult,
  Task,
  TaskMetadata,
  TaskStatus,
  TaskStatusNotificationParams,
  ToolExecution,
  ToolsCallResult,
} from '../../generated/types.js';
import { ADDED_DEF_NAMES, SCHEMA_ORIGIN, tasksSchema } from '../../generated/schemas.js';
import { PAYLOAD_NAMES, validate, type PayloadName, type PayloadType } from '../../src/validate/index.js';

type Equals<A, B> = (<X>() => X extends A ? 1 : 2) extends <X>() => X extends B ? 1 : 2 ? true : false;
const expectTrue = <T extends true>(): T => true as T;
const assignable = <T>(_value: T): void => {};

// A4: Task.ttl is number | null and required; the requested TaskMetadata.ttl is number only.
const unlimited: Task = {
  taskId: 't-1',
  status: 'working',
  createdAt: '2025-11-25T10:30:00Z',
  lastUpdatedAt: '2025-11-25T10:30:00Z',
  ttl: null,
};
expectTrue<Equals<Task['ttl'], number | null>>();
expectTrue<Equals<TaskMetadata['ttl'], number | undefined>>();
// @ts-expect-error A4: the requested ttl is not nullable
assignable<TaskMetadata>({ ttl: null });
// @ts-expect-error R35: ttl is required on a Task
assignable<Task>({ taskId: 't', status: 'working', createdAt: 'a', lastUpdatedAt: 'b' });
// @ts-expect-error R18: taskId is a string
assignable<Task>({ ...unlimited, taskId: 1 });

// TaskStatus is exactly the five statuses (state machine, section 2).
expectTrue<Equals<TaskStatus, 'working' | 'input_required' | 'completed' | 'failed' | 'cancelled'>>();
expectTrue<Equals<Task['status'], TaskStatus>>();
// @ts-expect-error unknown status
assignable<TaskStatus>('paused');

// Nested vs flat wire shapes (section 1.1).
expectTrue<Equals<CreateTaskResult['task'], Task>>();
expectTrue<Equals<ListTasksResult['tasks'], Task[]>>();
// Result has an index signature and Task is a closed interface (as in upstream schema.ts),
// so a Task value becomes a GetTaskResult by spreading it.
assignable<GetTaskResult>({ ...unlimited });
assignable<CancelTaskResult>({ ...unlimited, status: 'cancelled' });
assignable<TaskStatusNotificationParams>({ ...unlimited });
assignable<Task>({} as GetTaskResult);
assignable<Task>({} as TaskStatusNotificationParams);
expectTrue<Equals<CallToolRequestParams['task'], TaskMetadata | undefined>>();
expectTrue<Equals<ToolExecution['taskSupport'], 'forbidden' | 'optional' | 'required' | undefined>>();

// A3 additions: plain result | CreateTaskResult.
expectTrue<Equals<ToolsCallResult, CallToolResult | CreateTaskResult>>();
assignable<ToolsCallResult>({ task: unlimited });
assignable<ToolsCallResult>({ content: [{ type: 'text', text: 'done' }] });
assignable<SamplingCreateMessageResult>({ task: unlimited });
assignable<ElicitationCreateResult>({ action: 'cancel' });

// validate() narrows to the generated type.
expectTrue<Equals<PayloadType<'Task'>, Task>>();
expectTrue<Equals<PayloadType<'tools/call result'>, ToolsCallResult>>();
expectTrue<Equals<PayloadType<'tasks/get result'>, GetTaskResult>>();
function narrowing(x: unknown): Task['ttl'] | undefined {
  const r = validate('tasks/get result', x);
  return r.ok ? r.value.ttl : undefined;
}
function typoInName(): void {
  // @ts-expect-error not a payload name (there are no numbered duplicates like Task1)
  validate('Task1', {});
}
void typoInName;

describe('types (compile-time checks, A3, A4, R18, R35)', () => {
  it('compiled; generated schema origin is the pinned commit', () => {
    assert.equal(narrowing({ ...unlimited }), null);
    assert.equal(SCHEMA_ORIGIN.commit, 'b0f60ba5409db7a6582440a7b473cc0398890f15');
    assert.deepEqual([...ADDED_DEF_NAMES].sort(), ['ElicitationCreateResult', 'SamplingCreateMessageResult', 'ToolsCallResult']);
    assert.deepEqual(tasksSchema.$defs.Task.properties.ttl.type, ['integer', 'null']);
    assert.equal(tasksSchema.$defs.TaskMetadata.properties.ttl.type, 'integer');
  });

  it('every payload name compiles to a validator', () => {
    const names: readonly PayloadName[] = PAYLOAD_NAMES;
    assert.ok(names.length >= 50);
    for (const name of names) assert.equal(typeof validate(name, {}).ok, 'boolean', name);
  });
});
