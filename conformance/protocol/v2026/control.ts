/**
 * Cancellation, negotiation and protocol errors on the 2026 wire: the empty cancel ack (T17),
 * idempotent cancel of a settled task, no task for a non-declaring client (T3), -32021 for a
 * required tool (T4) and for the task methods (T5) without the extension, -32602 for an unknown
 * task (T18), and the removed tasks/result and tasks/list (T19).
 */
import { fail, pass, warn } from '../../core/check.js';
import { brief, isObject, type Json } from '../../core/json.js';
import { TASKS_EXTENSION } from '../../core/wire.js';
import { check26, TASK_FIELDS } from './check26.js';
import type { Context2026 } from './context.js';
import type { Reply2026 } from './wire.js';

/** Why `reply` is not the empty ack (undefined: it is). */
function notAnAck(reply: Reply2026): string | undefined {
  if (reply.kind !== 'result') return brief(reply);
  const extra = TASK_FIELDS.filter((k) => k in reply.result);
  if (reply.result.resultType !== 'complete') return `resultType ${brief(reply.result.resultType)}: ${brief(reply.result)}`;
  return extra.length ? `task fields ${extra.join(', ')} in the ack: ${brief(reply.result)}` : undefined;
}
const ACK = 'exactly {resultType: "complete"} (no taskId, status, result, error, inputRequests)';

const code = (reply: Reply2026): number | undefined => (reply.kind === 'error' ? reply.error.code : undefined);

async function runningTask(ctx: Context2026): Promise<string> {
  ctx.fixture('slow_compute', 'that runs `seconds` then completes');
  return (await ctx.createTask('slow_compute', { seconds: 60 })).taskId as string;
}

const cancelChecks = [
  check26(
    { id: 't26.cancel-ack', rule: 'T17', level: 'MUST', title: 'tasks/cancel of a running task acks with an empty result' },
    async (ctx) => {
      const taskId = await runningTask(ctx);
      const problem = notAnAck(await ctx.call('tasks/cancel', { taskId }));
      return problem ? fail(problem, ACK) : pass();
    },
  ),
  check26(
    {
      id: 't26.cancel-settled-ack',
      rule: 'T17',
      level: 'SHOULD',
      title: 'tasks/cancel of a settled task acks again (idempotent; the official kit requires it)',
    },
    async (ctx) => {
      const taskId = await runningTask(ctx);
      await ctx.call('tasks/cancel', { taskId });
      await ctx.settled(taskId);
      const problem = notAnAck(await ctx.call('tasks/cancel', { taskId }));
      return problem ? warn(problem, ACK) : pass();
    },
  ),
];

function is32021(reply: Reply2026): boolean {
  if (reply.kind !== 'error' || reply.error.code !== -32021) return false;
  const data = reply.error.data;
  return (
    isObject(data) &&
    isObject(data.requiredCapabilities) &&
    isObject(data.requiredCapabilities.extensions) &&
    isObject(data.requiredCapabilities.extensions[TASKS_EXTENSION])
  );
}
const REQUIRED = `error -32021 with data.requiredCapabilities.extensions["${TASKS_EXTENSION}"]`;

const gateChecks = [
  check26(
    {
      id: 't26.undeclared-no-task',
      rule: 'T3',
      level: 'MUST',
      title: 'No CreateTaskResult for a request that does not declare the extension',
    },
    async (ctx) => {
      ctx.fixture('slow_compute', 'with optional task support');
      const reply = await ctx.call('tools/call', { name: 'slow_compute', arguments: { seconds: 0 } }, { declare: false });
      if (reply.kind === 'result' && (reply.result.resultType === 'task' || 'taskId' in reply.result))
        return fail(brief(reply.result), 'a plain CallToolResult (or an error), never a CreateTaskResult');
      return pass();
    },
  ),
  check26(
    {
      id: 't26.required-tool-gated',
      rule: 'T4',
      level: 'MUST',
      title: 'A tool that needs a task, called without the extension, answers -32021 with requiredCapabilities',
    },
    async (ctx) => {
      ctx.fixture('failing_job', 'that only runs as a task');
      const reply = await ctx.call('tools/call', { name: 'failing_job', arguments: {} }, { declare: false });
      // Serving it without a task is allowed; an error for the missing extension must say what is required.
      if (reply.kind === 'result' && reply.result.resultType !== 'task') return pass('served without a task: nothing to gate');
      return is32021(reply) ? pass() : fail(brief(reply), REQUIRED);
    },
  ),
  check26(
    {
      id: 't26.task-methods-gated',
      rule: 'T5',
      level: 'MUST',
      title: 'tasks/get, tasks/update and tasks/cancel without the extension answer -32021',
    },
    async (ctx) => {
      const wrong: string[] = [];
      for (const [method, params] of [
        ['tasks/get', {}],
        ['tasks/update', { inputResponses: {} }],
        ['tasks/cancel', {}],
      ] as const) {
        const reply = await ctx.call(method, { taskId: 'gate-test', ...params }, { declare: false });
        if (code(reply) !== -32021) wrong.push(`${method}: ${brief(reply)}`);
      }
      return wrong.length ? fail(wrong.join('; '), 'error -32021 for each (before any lookup of the task)') : pass();
    },
  ),
];

const UNKNOWN = 'conformance-no-such-task';
const errorChecks = [
  check26(
    { id: 't26.unknown-task-get', rule: 'T18', level: 'MUST', title: 'tasks/get of an unknown taskId answers -32602' },
    async (ctx) => {
      const reply = await ctx.call('tasks/get', { taskId: UNKNOWN });
      return code(reply) === -32602 ? pass() : fail(brief(reply), 'error -32602');
    },
  ),
  check26(
    {
      id: 't26.unknown-task-update-cancel',
      rule: 'T18',
      level: 'SHOULD',
      title: 'tasks/update and tasks/cancel of an unknown taskId answer -32602',
    },
    async (ctx) => {
      const wrong: string[] = [];
      for (const [method, params] of [
        ['tasks/update', { inputResponses: {} }],
        ['tasks/cancel', {}],
      ] as const) {
        const reply = await ctx.call(method, { taskId: UNKNOWN, ...params });
        if (code(reply) !== -32602) wrong.push(`${method}: ${brief(reply)}`);
      }
      return wrong.length ? warn(wrong.join('; '), 'error -32602 for each') : pass();
    },
  ),
  check26(
    { id: 't26.removed-methods', rule: 'T19', level: 'MUST', title: 'tasks/result and tasks/list answer -32601 on the 2026 wire' },
    async (ctx) => {
      const wrong: string[] = [];
      for (const [method, params] of [
        ['tasks/result', { taskId: UNKNOWN }],
        ['tasks/list', {}],
      ] as const) {
        const reply = await ctx.call(method, params as Json);
        if (code(reply) !== -32601) wrong.push(`${method}: ${brief(reply)}`);
      }
      return wrong.length ? fail(wrong.join('; '), 'error -32601 (method not found) for each') : pass();
    },
  ),
];

export const controlChecks = [...cancelChecks, ...gateChecks, ...errorChecks];
