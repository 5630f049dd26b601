/**
 * Defects of the 2026-07-28 leg (`rewriteModern` in test/mutation/seams.ts rewrites its
 * requests or responses), each naming the `t26.*` check that must catch it: an ack that answers
 * the task, a result not inlined, a tool error as `failed`, another owner's task reachable,
 * positional input keys (reused after an answer), an unknown answer key rejected, -32021 without
 * what is required, a wrong code for an unknown task; a client polling at the interval refused,
 * a fractional interval; a task listen served without the extension, agreed to another owner's
 * task, or going on after a terminal status.
 */
import { rewriteModern, type ModernEdit } from './seams.js';
import { isObject, type Json, type ProtocolDefect } from './protocol-wire.js';

const AREA = 'tasks-2026';

/** Rewrite the successful result of every 2026 response to `method`. */
function onResult26(method: string, edit: (result: Json, params: Json) => void): ModernEdit {
  return {
    response: (message, request) => {
      if (request.method === method && isObject(message.result)) edit(message.result, isObject(request.params) ? request.params : {});
      return message;
    },
  };
}

/** Requests of `methods` on a task run as the task's creator: owner taken from the task ID, not the caller. */
function creatorsAuth(methods: readonly string[]): ModernEdit {
  const creator = new Map<string, unknown>();
  return {
    request: (body, options) => {
      const taskId = isObject(body.params) ? body.params.taskId : undefined;
      if (!methods.includes(String(body.method)) || typeof taskId !== 'string' || !creator.has(taskId)) return { body, options };
      return { body, options: { ...options, authInfo: creator.get(taskId) as typeof options.authInfo } };
    },
    response: (message, request, options) => {
      if (request.method === 'tools/call' && isObject(message.result) && typeof message.result.taskId === 'string')
        creator.set(message.result.taskId, options.authInfo);
      return message;
    },
  };
}

/** inputRequests keyed by position (`q0`, `q1`, …) instead of the server's stable keys. */
function positionalKeys(): ModernEdit {
  const realKeys = new Map<string, string[]>();
  return {
    request: (body, options) => {
      const params = isObject(body.params) ? body.params : {};
      const real = realKeys.get(String(params.taskId));
      if (body.method !== 'tasks/update' || !real || !isObject(params.inputResponses)) return { body, options };
      const answers = Object.fromEntries(Object.entries(params.inputResponses).map(([k, v]) => [real[Number(k.slice(1))] ?? k, v]));
      return { body: { ...body, params: { ...params, inputResponses: answers } }, options };
    },
    ...onResult26('tasks/get', (task) => {
      if (!isObject(task.inputRequests)) return;
      const keys = Object.keys(task.inputRequests).sort();
      realKeys.set(String(task.taskId), keys);
      const requests = task.inputRequests;
      task.inputRequests = Object.fromEntries(keys.map((k, i) => [`q${i}`, requests[k]]));
    }),
  };
}

/** Every third successful tasks/get answered RATE_LIMITED, however long the client waited. */
function refusePacedPolls(): ModernEdit {
  let gets = 0;
  return {
    response: (message, request) => {
      if (request.method !== 'tasks/get' || !isObject(message.result) || ++gets % 3 !== 0) return message;
      return { jsonrpc: '2.0', id: message.id, error: { code: -32000, message: 'Rate limit exceeded', data: { code: 'RATE_LIMITED' } } };
    },
  };
}

/** A listen runs as the creator of the last task it names whose creator is known: it is agreed to that owner's task. */
function listenAsCreator(): ModernEdit {
  const creator = new Map<string, unknown>();
  return {
    request: (body, options) => {
      const filter = isObject(body.params) && isObject(body.params.notifications) ? body.params.notifications : {};
      const ids = Array.isArray(filter.taskIds) ? filter.taskIds.filter((id) => creator.has(String(id))) : [];
      if (body.method !== 'subscriptions/listen' || ids.length === 0) return { body, options };
      return { body, options: { ...options, authInfo: creator.get(String(ids.at(-1))) as typeof options.authInfo } };
    },
    response: (message, request, options) => {
      if (request.method === 'tools/call' && isObject(message.result) && typeof message.result.taskId === 'string')
        creator.set(message.result.taskId, options.authInfo);
      return message;
    },
  };
}

/** After a task's terminal notification, its first (working) notification again. */
function notifyAfterTerminal(): ModernEdit {
  const first = new Map<unknown, Json>();
  return {
    notification: (message) => {
      const task = isObject(message.params) ? message.params : undefined;
      if (message.method !== 'notifications/tasks' || !task) return undefined;
      if (!first.has(task.taskId)) first.set(task.taskId, message);
      const again = first.get(task.taskId)!;
      return ['completed', 'failed', 'cancelled'].includes(String(task.status)) && again !== message ? [message, again] : undefined;
    },
  };
}

/** A listen request declares the extension whatever the client sent. */
function listenDeclared(): ModernEdit {
  return {
    request: (body, options) => {
      const params = isObject(body.params) ? body.params : {};
      if (body.method !== 'subscriptions/listen') return { body, options };
      const meta = isObject(params._meta) ? params._meta : {};
      const capabilities = {
        ...(isObject(meta['io.modelcontextprotocol/clientCapabilities']) ? meta['io.modelcontextprotocol/clientCapabilities'] : {}),
        extensions: { 'io.modelcontextprotocol/tasks': {} },
      };
      return {
        body: { ...body, params: { ...params, _meta: { ...meta, 'io.modelcontextprotocol/clientCapabilities': capabilities } } },
        options,
      };
    },
  };
}

const defect = (id: string, level: 'MUST' | 'SHOULD', expected: string, description: string, edit: () => ModernEdit): ProtocolDefect => ({
  id,
  area: AREA,
  description,
  level,
  expected: [expected],
  seam: () => rewriteModern(edit()),
});

export const TASKS_2026_DEFECTS: readonly ProtocolDefect[] = [
  defect(
    'ext.cancel-answers-task',
    'MUST',
    't26.cancel-ack',
    'tasks/cancel answers the task (taskId, status) instead of the empty ack (T17)',
    () => onResult26('tasks/cancel', (r, params) => Object.assign(r, { taskId: params.taskId, status: 'cancelled' })),
  ),
  defect('ext.result-not-inlined', 'MUST', 't26.completed-inlines-result', 'tasks/get of a completed task leaves out its result (T8)', () =>
    onResult26('tasks/get', (task) => {
      if (task.status === 'completed') delete task.result;
    }),
  ),
  defect(
    'ext.tool-error-failed',
    'MUST',
    't26.tool-error-completed',
    'a tool result with isError is reported as failed with an error (T11)',
    () =>
      onResult26('tasks/get', (task) => {
        if (task.status !== 'completed' || !isObject(task.result) || task.result.isError !== true) return;
        Object.assign(task, { status: 'failed', error: { code: -32603, message: 'tool error' } });
        delete task.result;
      }),
  ),
  defect('ext.foreign-get', 'MUST', 't26.foreign-get', "tasks/get runs as the task's creator: anyone holding the ID reads it (T20)", () =>
    creatorsAuth(['tasks/get']),
  ),
  defect(
    'ext.foreign-cancel',
    'MUST',
    't26.foreign-cancel',
    "tasks/cancel runs as the task's creator: anyone holding the ID cancels it (T20)",
    () => creatorsAuth(['tasks/cancel']),
  ),
  defect(
    'ext.foreign-update',
    'MUST',
    't26.foreign-update',
    "tasks/update runs as the task's creator: anyone holding the ID answers its questions (T20)",
    () => creatorsAuth(['tasks/update']),
  ),
  defect(
    'ext.positional-keys',
    'MUST',
    't26.keys-not-reused',
    'inputRequests keyed by position: after an answer the next request takes the answered key (T13)',
    positionalKeys,
  ),
  defect(
    'ext.unknown-key-rejected',
    'SHOULD',
    't26.update-unknown-key',
    'tasks/update validates every answer before ignoring unknown keys: -32602 for a non-ElicitResult value (T15)',
    () => ({
      response: (message, request) => {
        const params = isObject(request.params) ? request.params : {};
        const answers = isObject(params.inputResponses) ? Object.values(params.inputResponses) : [];
        if (request.method !== 'tasks/update' || answers.every((a) => isObject(a) && typeof a.action === 'string')) return message;
        return { jsonrpc: '2.0', id: message.id, error: { code: -32602, message: 'invalid input response' } };
      },
    }),
  ),
  defect('ext.required-without-data', 'MUST', 't26.required-tool-gated', '-32021 without data.requiredCapabilities (T4)', () => ({
    response: (message) => {
      if (isObject(message.error) && message.error.code === -32021) delete message.error.data;
      return message;
    },
  })),
  defect(
    'ext.paced-poll-refused',
    'SHOULD',
    't26.poll-interval-honoured',
    'every third tasks/get is refused RATE_LIMITED, also for a client waiting the pollIntervalMs it was given (T21)',
    refusePacedPolls,
  ),
  defect(
    'ext.poll-interval-fraction',
    'MUST',
    't26.poll-interval-honoured',
    'tasks/get says pollIntervalMs with a fraction of a millisecond, not an integer (T6)',
    () =>
      onResult26('tasks/get', (task) => {
        if (typeof task.pollIntervalMs === 'number') task.pollIntervalMs += 0.5;
      }),
  ),
  defect(
    'ext.listen-ungated',
    'MUST',
    't26.listen-gated',
    'subscriptions/listen for task IDs is served to a client that did not declare the extension (T23)',
    listenDeclared,
  ),
  defect(
    'ext.listen-foreign-task',
    'MUST',
    't26.listen-own-tasks',
    "subscriptions/listen runs as the creator of a listed task: it is agreed to another owner's task (T22, T20)",
    listenAsCreator,
  ),
  defect(
    'ext.listen-after-terminal',
    'MUST',
    't26.listen-own-tasks',
    "notifications/tasks go on after a task's terminal status: its working state again (T22)",
    notifyAfterTerminal,
  ),
  defect(
    'ext.unknown-task-internal',
    'MUST',
    't26.unknown-task-get',
    'tasks/get of an unknown task answers -32603 instead of -32602 (T18)',
    () => ({
      response: (message, request) => {
        if (request.method === 'tasks/get' && isObject(message.error) && message.error.code === -32602) message.error.code = -32603;
        return message;
      },
    }),
  ),
];
