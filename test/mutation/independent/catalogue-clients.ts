/**
 * Independent defects of requestors (clients), judged by the requestor kit
 * (`mcp-tasks-conformance client --command ...`): slips planted in a copy of the client libraries
 * the repository runs that kit against (test/interop/clients/: the SDK 1.32 client's experimental
 * tasks, @modelcontextprotocol/ext-tasks 0.2.2; test/conformance/client/sdk-receiver-client.ts: the
 * SDK Client as receiver of task-augmented elicitation). Written from the spec and the client
 * code, not from the kit. `file` is a file of the installed package; run.ts copies the package
 * next to a copy of the client program, so only that program loads the patched copy.
 */
import type { Defect } from './catalogue.js';

const SDK_PROTOCOL = 'node_modules/@modelcontextprotocol/sdk/dist/esm/shared/protocol.js';
const EXT_CLIENT = 'node_modules/@modelcontextprotocol/ext-tasks/dist/client';

export const CLIENT_DEFECTS: readonly Defect[] = [
  {
    id: 'cl-sdk-poll-fixed',
    level: 'SHOULD',
    area: 'clients',
    client: 'sdk',
    file: SDK_PROTOCOL,
    find: 'const pollInterval = task.pollInterval ?? this._options?.defaultTaskPollInterval ?? 1000;',
    replace: 'const pollInterval = 50; // task.pollInterval ?? this._options?.defaultTaskPollInterval ?? 1000;',
    what: 'a fixed 50 ms poll left from a test replaces the pollInterval the server gave.',
    observable: 'the client polls tasks/get every 50 ms while the server said 250 ms.',
    rules: ['R26'],
  },
  {
    id: 'cl-sdk-result-from-get',
    level: 'SHOULD',
    area: 'clients',
    client: 'sdk',
    file: SDK_PROTOCOL,
    find: "                    if (task.status === 'completed') {\n                        // Get the final result\n                        const result = await this.getTaskResult({ taskId }, resultSchema, options);",
    replace:
      "                    if (task.status === 'completed') {\n                        // Get the final result\n                        const result = task.result;",
    what: 'the final result is read from the tasks/get answer (as the 2026 draft inlines it) instead of fetched with tasks/result.',
    observable: 'after a task completes the client sends no tasks/result; the application gets no result.',
    rules: ['R17'],
  },
  {
    id: 'cl-sdk-input-required-typo',
    level: 'SHOULD',
    area: 'clients',
    client: 'sdk',
    file: SDK_PROTOCOL,
    find: "                if (task.status === 'input_required') {",
    replace: "                if (task.status === 'input-required') {",
    what: "input_required is compared with 'input-required' (a hyphen), so it is never honoured.",
    observable: 'on input_required the client keeps polling tasks/get and never calls tasks/result to receive the question.',
    rules: ['R49'],
  },
  {
    id: 'cl-sdk-cancel-id-as-params',
    area: 'clients',
    client: 'sdk',
    file: 'node_modules/@modelcontextprotocol/sdk/dist/esm/experimental/tasks/client.js',
    find: 'return this._client.cancelTask({ taskId }, options);',
    replace: 'return this._client.cancelTask(taskId, options);',
    what: 'the task id string is passed where the params object is expected.',
    observable: 'tasks/cancel goes out with params "<id>" (no taskId): the server refuses it and the task is not cancelled.',
    rules: ['R54'],
  },
  {
    id: 'cl-sdk-related-meta-on-get',
    level: 'SHOULD',
    area: 'clients',
    client: 'sdk',
    file: SDK_PROTOCOL,
    find: "return this.request({ method: 'tasks/get', params }, GetTaskResultSchema, options);",
    replace:
      "return this.request({ method: 'tasks/get', params: { ...params, _meta: { ...params._meta, [RELATED_TASK_META_KEY]: { taskId: params.taskId } } } }, GetTaskResultSchema, options);",
    what: 'tasks/get is tagged with related-task metadata like every other task message.',
    observable: 'every tasks/get carries _meta["io.modelcontextprotocol/related-task"].',
    rules: ['R54', 'R56'],
  },
  {
    id: 'cl-sdk-forbidden-as-task',
    area: 'clients',
    client: 'sdk',
    file: 'node_modules/@modelcontextprotocol/sdk/dist/esm/client/index.js',
    find: "if (taskSupport === 'required' || taskSupport === 'optional') {",
    replace: 'if (taskSupport !== undefined) {',
    what: 'any declared execution.taskSupport marks a tool as task-capable, "forbidden" included.',
    observable: 'a tool with taskSupport "forbidden" is called with params.task.',
    rules: ['R11'],
  },
  {
    id: 'cl-ext-poll-min',
    level: 'SHOULD',
    area: 'clients',
    client: 'ext-tasks',
    file: `${EXT_CLIENT}/execution.js`,
    find: 'return Math.max(MIN_TASK_POLL_INTERVAL_MS, ...hints);',
    replace: 'return Math.min(MIN_TASK_POLL_INTERVAL_MS, ...hints);',
    what: "the server's poll interval is clamped with min instead of max, so the 10 ms floor becomes the interval.",
    observable: 'the client polls tasks/get every 10 ms while the server said 250 ms.',
    rules: ['R26'],
  },
  {
    id: 'cl-ext-cancel-field',
    area: 'clients',
    client: 'ext-tasks',
    file: `${EXT_CLIENT}/port.js`,
    find: '{ method: "tasks/cancel", params: { taskId: options.taskId } }',
    replace: '{ method: "tasks/cancel", params: { id: options.taskId } }',
    what: 'tasks/cancel names the task `id` instead of `taskId`.',
    observable: 'tasks/cancel carries no taskId: the server refuses it and the task runs on.',
    rules: ['R54'],
  },
  {
    id: 'cl-recv-cancel-terminal',
    area: 'clients',
    client: 'sdk-receiver',
    file: SDK_PROTOCOL,
    find: '                    // Reject cancellation of terminal tasks\n                    if (isTerminal(task.status)) {\n                        throw new McpError(ErrorCode.InvalidParams, `Cannot cancel task in terminal status: ${task.status}`);\n                    }\n',
    replace: '',
    what: "the receiver's tasks/cancel no longer refuses a terminal task itself and leaves it to the store, whose plain Error becomes -32600.",
    observable: 'tasks/cancel of a completed task the client received answers -32600 instead of -32602.',
    rules: ['R66'],
  },
  {
    id: 'cl-recv-result-no-meta',
    area: 'clients',
    client: 'sdk-receiver',
    file: SDK_PROTOCOL,
    find: '                        return {\n                            ...result,\n                            _meta: {\n                                ...result._meta,\n                                [RELATED_TASK_META_KEY]: {\n                                    taskId: taskId\n                                }\n                            }\n                        };',
    replace: '                        return result;',
    what: "the receiver's tasks/result returns the stored result as it is.",
    observable: 'tasks/result answered by the client lacks _meta["io.modelcontextprotocol/related-task"].',
    rules: ['R44'],
  },
];
