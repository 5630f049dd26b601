/**
 * Defects planted on the wire between the reference server and its clients (a transport
 * interceptor): capabilities, taskSupport, creation, tasks/result, errors, notifications,
 * progress, identity.
 */
import {
  onError,
  onNotification,
  onRequest,
  onResult,
  isObject,
  relatedTaskId,
  RELATED,
  TERMINAL,
  textResult,
  wire,
  type Json,
  type ProtocolDefect,
} from './protocol-wire.js';

const tools = (result: Json, edit: (tool: Json) => void) =>
  void (Array.isArray(result.tools) ? result.tools.filter(isObject).forEach(edit) : undefined);
const setSupport = (name: string, value: string) => (result: Json) =>
  tools(result, (t) => t.name === name && (t.execution = { taskSupport: value }));
const tasksCap = (result: Json): Json =>
  isObject(result.capabilities) && isObject(result.capabilities.tasks) ? result.capabilities.tasks : {};
const FORBIDDEN = new Set(['support_forbidden', 'echo']);

export const CAPABILITY_AND_SUPPORT_DEFECTS: ProtocolDefect[] = [
  {
    id: 'cap.no-tasks',
    area: 'capabilities',
    level: 'MUST',
    description: 'initialize declares no tasks capability',
    expected: ['cap.tasks-declared'],
    seam: () => onResult('initialize', (r) => void (isObject(r.capabilities) && delete r.capabilities.tasks)),
  },
  {
    id: 'cap.boolean-leaves',
    area: 'capabilities',
    level: 'MUST',
    description: 'tasks.list and tasks.cancel declared as true',
    expected: ['cap.tasks-declared'],
    seam: () => onResult('initialize', (r) => Object.assign(tasksCap(r), { list: true, cancel: true }) && undefined),
  },
  {
    id: 'cap.no-tools-call',
    area: 'capabilities',
    level: 'MUST',
    description: 'tasks.requests.tools.call missing although tools declare taskSupport',
    expected: ['cap.tools-call-declared'],
    seam: () => onResult('initialize', (r) => void delete tasksCap(r).requests),
  },
  {
    id: 'cap.list-not-served',
    area: 'capabilities',
    level: 'MUST',
    description: 'tasks/list declared but answered -32601',
    expected: ['cap.declared-methods-served'],
    seam: () => onRequest('tasks/list', () => ({ error: { code: -32601, message: 'Method not found' } })),
  },
  {
    id: 'support.bad-spelling',
    area: 'taskSupport',
    level: 'MUST',
    description: 'tools/list spells taskSupport "Optional"',
    expected: ['tool.task-support-values'],
    seam: () => onResult('tools/list', setSupport('support_optional', 'Optional')),
  },
  {
    id: 'support.forbidden-declared-optional',
    area: 'taskSupport',
    level: 'MUST',
    description: 'a tool listed as optional refuses task-augmented calls (R14 declared vs behaviour)',
    expected: ['tool.task-support-values'],
    seam: () => onResult('tools/list', setSupport('support_forbidden', 'optional')),
  },
  {
    id: 'support.required-declared-optional',
    area: 'taskSupport',
    level: 'MUST',
    description: 'a tool listed as optional refuses plain calls (R12/R14)',
    expected: ['tool.plain-call-behaviour'],
    seam: () => onResult('tools/list', setSupport('support_required', 'optional')),
  },
  {
    id: 'support.required-runs-plain',
    area: 'taskSupport',
    level: 'MUST',
    description: 'a required tool called without task runs (R13)',
    expected: ['tool.required-without-task', 'tool.plain-call-behaviour'],
    seam: () =>
      onRequest('tools/call', (p) =>
        p.name === 'support_required' && p.task === undefined ? { result: textResult('support_required: ok') } : undefined,
      ),
  },
  {
    id: 'support.forbidden-wrong-code',
    area: 'taskSupport',
    level: 'SHOULD',
    description: 'a forbidden tool called with task is refused with -32602, not -32601 (R11)',
    expected: ['tool.forbidden-with-task'],
    seam: () => onError('tools/call', (e, p) => void (p.task !== undefined && e.code === -32601 && (e.code = -32602))),
  },
  {
    id: 'support.forbidden-runs',
    area: 'taskSupport',
    level: 'SHOULD',
    description: 'a forbidden tool called with task runs normally (R11 SHOULD -32601)',
    expected: ['tool.forbidden-with-task'],
    seam: () =>
      onRequest(
        'tools/call',
        () => undefined,
        (p) => (FORBIDDEN.has(String(p.name)) ? (delete p.task, p) : p),
      ),
  },
];

export const CREATION_AND_RESULT_DEFECTS: ProtocolDefect[] = [
  {
    id: 'create.initial-completed',
    area: 'lifecycle',
    level: 'MUST',
    description: 'the CreateTaskResult says completed while the work runs',
    expected: ['create.initial-working'],
    seam: () => onResult('tools/call', (r) => void (isObject(r.task) && (r.task.status = 'completed'))),
  },
  {
    id: 'create.carries-result',
    area: 'tasks/result',
    level: 'MUST',
    description: 'the CreateTaskResult carries a result (R17)',
    expected: ['create.no-result'],
    seam: () => onResult('tools/call', (r) => void (isObject(r.task) && (r.content = [{ type: 'text', text: 'early' }]))),
  },
  {
    id: 'create.ttl-requested',
    area: 'ttl',
    level: 'MUST',
    description: "the CreateTaskResult's ttl is the requested one, not the actual (R35)",
    expected: ['create.ttl-matches-get'],
    seam: () =>
      onResult(
        'tools/call',
        (r, p) => void (isObject(r.task) && isObject(p.task) && typeof p.task.ttl === 'number' && (r.task.ttl = p.task.ttl)),
      ),
  },
  {
    id: 'ttl.missing-in-get',
    area: 'ttl',
    level: 'MUST',
    description: 'tasks/get leaves out ttl (R35)',
    expected: ['poll.get-flat-task'],
    seam: () => onResult('tasks/get', (r) => void delete r.ttl),
  },
  {
    id: 'poll.get-nested',
    area: 'lifecycle',
    level: 'MUST',
    description: 'tasks/get answers { task } instead of the flat Task',
    expected: ['poll.get-flat-task'],
    seam: () => onResult('tasks/get', (r) => ({ task: r })),
  },
  {
    id: 'result.no-related-meta',
    area: 'tasks/result',
    level: 'MUST',
    description: 'tasks/result omits the related-task _meta (R44)',
    expected: ['result.related-task-meta'],
    seam: () => onResult('tasks/result', (r) => void (isObject(r._meta) && delete r._meta[RELATED])),
  },
  {
    id: 'result.no-related-meta-on-error',
    area: 'tasks/result',
    level: 'MUST',
    description: 'tasks/result of an isError result omits the related-task _meta (R44)',
    expected: ['result.is-error-related-meta'],
    seam: () => onResult('tasks/result', (r) => void (r.isError === true && isObject(r._meta) && delete r._meta[RELATED])),
  },
  {
    id: 'result.content-changed',
    area: 'tasks/result',
    level: 'MUST',
    description: "tasks/result returns another content than the tool's",
    expected: ['result.exact-result'],
    seam: () =>
      onResult(
        'tasks/result',
        (r) => void (Array.isArray(r.content) && r.isError !== true && (r.content = [{ type: 'text', text: 'summary' }])),
      ),
  },
  {
    id: 'result.is-error-as-jsonrpc',
    area: 'tasks/result',
    level: 'MUST',
    description: 'an isError tool result comes back as a JSON-RPC error (R42)',
    expected: ['result.is-error-result'],
    seam: () =>
      wire(() => ({
        outgoing: (m, io) =>
          io.request(m.id)?.method === 'tasks/result' && isObject(m.result) && m.result.isError === true
            ? { jsonrpc: '2.0', id: m.id, error: { code: -32603, message: 'tool failed' } }
            : m,
      })),
  },
  {
    id: 'result.error-code-changed',
    area: 'tasks/result',
    level: 'MUST',
    description: "tasks/result turns the tool's JSON-RPC error into -32603 (R42)",
    expected: ['result.jsonrpc-error'],
    seam: () => onError('tasks/result', (e) => void (e.code === -32050 && (e.code = -32603))),
  },
  {
    id: 'result.returns-early',
    area: 'tasks/result',
    level: 'MUST',
    description: 'tasks/result of a working task answers at once (R40)',
    expected: ['result.blocks'],
    seam: () =>
      onRequest('tasks/result', (p, t) =>
        t.last.get(String(p.taskId)) === 'working' ? { result: { content: [], _meta: { [RELATED]: { taskId: p.taskId } } } } : undefined,
      ),
  },
  {
    id: 'result.cancelled-hangs',
    area: 'tasks/result',
    level: 'MUST',
    description: 'tasks/result of a cancelled task never answers (R39)',
    expected: ['result.terminal-no-block'],
    seam: () => onRequest('tasks/result', (p, t) => (t.last.get(String(p.taskId)) === 'cancelled' ? 'drop' : undefined)),
  },
  {
    id: 'result.cancelled-empty',
    area: 'tasks/result',
    level: 'MUST',
    description: 'tasks/result of a cancelled task answers an empty object, not a CallToolResult (R39, R43)',
    expected: ['result.terminal-no-block'],
    seam: () => onRequest('tasks/result', (p, t) => (t.last.get(String(p.taskId)) === 'cancelled' ? { result: {} } : undefined)),
  },
  {
    id: 'result.wait-cancel-cancels-task',
    area: 'tasks/result',
    level: 'MUST',
    description: 'cancelling a pending tasks/result cancels the task (R46)',
    expected: ['result.cancelled-wait'],
    seam: () =>
      wire(() => ({
        incoming: (m, io) => {
          const id = isObject(m.params) ? m.params.requestId : undefined;
          const request = m.method === 'notifications/cancelled' ? io.request(id) : undefined;
          if (request?.method === 'tasks/result')
            io.toServer({
              jsonrpc: '2.0',
              id: `defect-${String(id)}`,
              method: 'tasks/cancel',
              params: { taskId: request.params.taskId },
            } as never);
          return m;
        },
        outgoing: (m) => (typeof m.id === 'string' && m.id.startsWith('defect-') ? null : m),
      })),
  },
];

export const ERROR_AND_NOTIFICATION_DEFECTS: ProtocolDefect[] = [
  {
    id: 'err.not-found-internal',
    area: 'errors',
    level: 'MUST',
    description: 'tasks/get of an unknown task answers -32603',
    expected: ['err.not-found.get'],
    seam: () => onError('tasks/get', (e) => void (e.code === -32602 && (e.code = -32603))),
  },
  {
    id: 'err.invalid-id-request',
    area: 'errors',
    level: 'MUST',
    description: 'tasks/cancel with a non-string taskId answers -32600',
    expected: ['err.invalid-id.cancel'],
    seam: () =>
      onRequest('tasks/cancel', (p) =>
        typeof p.taskId !== 'string' ? { error: { code: -32600, message: 'Invalid Request' } } : undefined,
      ),
  },
  {
    id: 'err.cancel-codes',
    area: 'errors',
    level: 'MUST',
    description: 'tasks/cancel errors come out as -32603',
    expected: ['cancel.terminal-rejected', 'err.not-found.cancel'],
    seam: () => onError('tasks/cancel', (e) => void (e.code === -32602 && (e.code = -32603))),
  },
  {
    id: 'page.bad-cursor-code',
    area: 'pagination',
    level: 'MUST',
    description: 'an invalid cursor answers -32603',
    expected: ['list.invalid-cursor'],
    seam: () => onError('tasks/list', (e) => void (e.code === -32602 && (e.code = -32603))),
  },
  {
    id: 'meta.get-follows-meta',
    area: 'errors',
    level: 'MUST',
    description: 'tasks/get and tasks/result follow a related-task _meta over params.taskId (R54)',
    expected: ['poll.related-meta-ignored'],
    seam: () =>
      onRequest(
        'tasks/get',
        () => undefined,
        (p) => (typeof relatedTaskId(p) === 'string' ? { ...p, taskId: relatedTaskId(p) } : p),
      ),
  },
  {
    id: 'meta.cancel-follows-meta',
    area: 'cancellation',
    level: 'MUST',
    description: 'tasks/cancel follows a related-task _meta over params.taskId (R54)',
    expected: ['cancel.related-meta-ignored'],
    seam: () =>
      onRequest(
        'tasks/cancel',
        () => undefined,
        (p) => (typeof relatedTaskId(p) === 'string' ? { ...p, taskId: relatedTaskId(p) } : p),
      ),
  },
  {
    id: 'notify.previous-status',
    area: 'notifications',
    level: 'MUST',
    description: 'status notifications carry the status before the change (R57)',
    expected: ['notify.matches-get'],
    seam: () => onNotification('notifications/tasks/status', (p, _io, t) => void (p.status = t.last.get(String(p.taskId)) ?? p.status)),
  },
  {
    id: 'notify.ttl-null',
    area: 'notifications',
    level: 'MUST',
    description: 'status notifications say ttl null (unlimited) for a limited task (R57)',
    expected: ['notify.matches-get'],
    seam: () => onNotification('notifications/tasks/status', (p) => void (p.ttl = null)),
  },
  {
    id: 'notify.no-created-at',
    area: 'notifications',
    level: 'MUST',
    description: 'status notifications leave out createdAt (R57, R32)',
    expected: ['notify.full-task', 'notify.matches-get'],
    seam: () => onNotification('notifications/tasks/status', (p) => void delete p.createdAt),
  },
  {
    id: 'iso.notify-broadcast',
    area: 'isolation',
    level: 'MUST',
    description: 'status notifications go to every session (every owner)',
    expected: ['iso.status-notifications'],
    seam: () =>
      wire(() => ({
        outgoing: (m, io) => {
          if (m.method === 'notifications/tasks/status') for (const s of io.sessions) void s.sendRaw(m as never).catch(() => {});
          return m.method === 'notifications/tasks/status' ? null : m;
        },
      })),
  },
  {
    id: 'iso.owner-from-session',
    area: 'isolation',
    level: 'MUST',
    description: 'the owner is taken from the session although a bearer token is present (R76)',
    expected: ['iso.same-owner-sessions'],
    seam: () => wire(() => ({ incoming: (m, _io, extra) => (extra && delete (extra as { authInfo?: unknown }).authInfo, m) })),
  },
  {
    id: 'input.no-related-meta',
    area: 'input_required',
    level: 'MUST',
    description: 'the side-channel elicitation/create lacks the related-task _meta (R48)',
    expected: ['input.request-related-task'],
    seam: () =>
      wire(() => ({
        outgoing: (m) => {
          if (m.method === 'elicitation/create' && isObject(m.params) && isObject(m.params._meta)) delete m.params._meta[RELATED];
          return m;
        },
      })),
  },
];

export const PROGRESS_DEFECTS: ProtocolDefect[] = [
  {
    id: 'progress.delayed',
    area: 'progress',
    level: 'MUST',
    description: 'progress notifications are delivered 700 ms late, after the task ended (R24)',
    expected: ['create.progress-token'],
    seam: () =>
      wire(() => ({
        outgoing: async (m) => (m.method === 'notifications/progress' ? (await new Promise((r) => setTimeout(r, 700)), m) : m),
      })),
  },
  {
    id: 'progress.token-changed',
    area: 'progress',
    level: 'MUST',
    description: 'progress after the CreateTaskResult uses another token (R24)',
    expected: ['create.progress-token'],
    seam: () => onNotification('notifications/progress', (p) => void (p.progressToken = `${String(p.progressToken)}-task`)),
  },
  {
    id: 'progress.after-terminal',
    area: 'progress',
    level: 'MUST',
    description: "one more progress notification after the task's terminal status (R24)",
    expected: ['progress.none-after-terminal'],
    seam: () => {
      const tokens = new Map<string, unknown>();
      return wire(() => ({
        outgoing: (m, io) => {
          const request = io.request(m.id);
          const token = request?.method === 'tools/call' && isObject(request.params._meta) ? request.params._meta.progressToken : undefined;
          if (token !== undefined && isObject(m.result) && isObject(m.result.task)) tokens.set(String(m.result.task.taskId), token);
          const p = isObject(m.params) ? m.params : {};
          const late =
            m.method === 'notifications/tasks/status' && TERMINAL.has(String(p.status)) ? tokens.get(String(p.taskId)) : undefined;
          if (late !== undefined)
            setTimeout(
              () =>
                void io
                  .toClient({ jsonrpc: '2.0', method: 'notifications/progress', params: { progressToken: late, progress: 99 } } as never)
                  .catch(() => {}),
              500,
            );
          return m;
        },
      }));
    },
  },
];
