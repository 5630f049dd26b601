/**
 * Creation and polling on the 2026 wire: the flat CreateTaskResult (T2, T6), durable creation
 * (T7), inlined result / error per status (T8, T10, T12), a tool error as `completed` with
 * `isError` (T11). Tools: the official fixtures `slow_compute`, `failing_job`, `protocol_error_job`.
 */
import { fail, pass } from '../../core/check.js';
import { brief, isObject, type Json } from '../../core/json.js';
import { check26 } from './check26.js';
import type { Context2026 } from './context.js';

const isPositiveInt = (v: unknown): boolean => Number.isInteger(v) && (v as number) > 0;

/** What is wrong with a CreateTaskResult's shape (empty: nothing). */
function createProblems(r: Json): string[] {
  const out: string[] = [];
  if (r.resultType !== 'task') out.push('resultType is not "task"');
  for (const k of ['taskId', 'status', 'createdAt', 'lastUpdatedAt']) if (typeof r[k] !== 'string') out.push(`no top-level ${k}`);
  if ('task' in r) out.push('a `task` wrapper (2025-11-25 shape)');
  if (!(r.ttlMs === null || isPositiveInt(r.ttlMs))) out.push('ttlMs is neither null nor a positive integer');
  if ('pollIntervalMs' in r && !isPositiveInt(r.pollIntervalMs)) out.push('pollIntervalMs is not a positive integer');
  for (const k of ['ttl', 'pollInterval']) if (k in r) out.push(`2025 field ${k}`);
  return out;
}

async function createSlow(ctx: Context2026, seconds: number): Promise<Json> {
  ctx.fixture('slow_compute', 'that runs `seconds` then completes');
  return ctx.createTask('slow_compute', { seconds });
}

export const lifecycleChecks = [
  check26(
    {
      id: 't26.create-flat',
      rule: 'T2',
      level: 'MUST',
      title: 'A CreateTaskResult is flat, resultType "task", with ttlMs/pollIntervalMs (also T6)',
    },
    async (ctx) => {
      const created = await createSlow(ctx, 1);
      const problems = createProblems(created);
      return problems.length
        ? fail(
            `${problems.join('; ')}: ${brief(created)}`,
            'resultType "task", top-level taskId/status/createdAt/lastUpdatedAt, ttlMs null or a positive integer, pollIntervalMs absent or a positive integer, no task/ttl/pollInterval',
          )
        : pass();
    },
  ),
  check26(
    { id: 't26.durable-create', rule: 'T7', level: 'MUST', title: 'tasks/get resolves right after the CreateTaskResult' },
    async (ctx) => {
      const created = await createSlow(ctx, 1);
      const reply = await ctx.call('tasks/get', { taskId: created.taskId });
      if (reply.kind === 'result' && reply.result.taskId === created.taskId) return pass();
      return fail(
        `tasks/get right after creation: ${brief(reply)}`,
        'the task, because a CreateTaskResult is sent only once the task is durably created',
      );
    },
  ),
  check26(
    {
      id: 't26.completed-inlines-result',
      rule: 'T8',
      level: 'MUST',
      title: 'A completed task inlines its result in tasks/get, resultType "complete" (also T12)',
    },
    async (ctx) => {
      const created = await createSlow(ctx, 1);
      const task = await ctx.settled(created.taskId as string);
      if (task.status !== 'completed') return fail(`the task ended ${String(task.status)}: ${brief(task)}`, 'slow_compute completes');
      if (!isObject(task.result) || !Array.isArray(task.result.content))
        return fail(`completed without a result: ${brief(task)}`, 'status completed with a `result` field holding the CallToolResult');
      if (task.resultType !== 'complete')
        return fail(`tasks/get resultType ${brief(task.resultType)}`, 'resultType "complete" on a tasks/get result');
      return pass();
    },
  ),
  check26(
    { id: 't26.tool-error-completed', rule: 'T11', level: 'MUST', title: 'A tool error ends completed with result.isError, not failed' },
    async (ctx) => {
      ctx.fixture('failing_job', 'whose tool result has isError');
      const created = await ctx.createTask('failing_job', {});
      const task = await ctx.settled(created.taskId as string);
      if (task.status === 'completed' && isObject(task.result) && task.result.isError === true) return pass();
      return fail(brief(task), 'status completed with result.isError true (failed is only for JSON-RPC errors)');
    },
  ),
  check26(
    { id: 't26.failed-inlines-error', rule: 'T10', level: 'MUST', title: 'A protocol error ends failed with the JSON-RPC error inlined' },
    async (ctx) => {
      ctx.fixture('protocol_error_job', 'that fails with a JSON-RPC error');
      const created = await ctx.createTask('protocol_error_job', {});
      const task = await ctx.settled(created.taskId as string);
      const e = task.error;
      if (task.status === 'failed' && isObject(e) && typeof e.code === 'number' && typeof e.message === 'string' && !('result' in task))
        return pass();
      return fail(brief(task), 'status failed with error {code, message} and no result');
    },
  ),
];
