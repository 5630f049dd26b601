/**
 * Owner isolation on the 2026 wire (T20), which the official kit cannot check (its requests are
 * all anonymous): identity B sees identity A's task as not found on tasks/get, tasks/update and
 * tasks/cancel, and B's update or cancel leaves A's task as it was. Needs --auth-a and --auth-b.
 */
import { fail, pass } from '../../core/check.js';
import { brief, type Json } from '../../core/json.js';
import { isTerminalStatus } from '../../core/wire.js';
import { check26 } from './check26.js';
import { ACCEPT, inputKeys, type Context2026 } from './context.js';
import type { Reply2026 } from './wire.js';

const EXPECTED = "an error (the task is another owner's: not found, as for an unknown taskId)";

/** Fail unless `reply` (B's request on A's task) is an error. */
function refused(reply: Reply2026, what: string): string | undefined {
  return reply.kind === 'error' ? undefined : `${what} by identity B answered ${brief(reply)}`;
}

async function tasksOfA(ctx: Context2026, tool: string, args: Json, why: string): Promise<string> {
  ctx.requireB();
  ctx.fixture(tool, why);
  return (await ctx.createTask(tool, args, 'a')).taskId as string;
}

export const isolationChecks = [
  check26({ id: 't26.foreign-get', rule: 'T20', level: 'MUST', title: "Another owner's task is not found on tasks/get" }, async (ctx) => {
    const taskId = await tasksOfA(ctx, 'slow_compute', { seconds: 60 }, 'that runs `seconds`');
    const problem = refused(await ctx.call('tasks/get', { taskId }, { who: 'b' }), 'tasks/get');
    return problem ? fail(problem, EXPECTED) : pass();
  }),
  check26(
    { id: 't26.foreign-cancel', rule: 'T20', level: 'MUST', title: "Another owner's task is not found on tasks/cancel, and keeps running" },
    async (ctx) => {
      const taskId = await tasksOfA(ctx, 'slow_compute', { seconds: 60 }, 'that runs `seconds`');
      const problem = refused(await ctx.call('tasks/cancel', { taskId }, { who: 'b' }), 'tasks/cancel');
      if (problem) return fail(problem, EXPECTED);
      const task = await ctx.get(taskId);
      return isTerminalStatus(task.status)
        ? fail(`A's task after B's cancel: ${brief(task)}`, 'still running (a 60 s task B could not cancel)')
        : pass();
    },
  ),
  check26(
    {
      id: 't26.foreign-update',
      rule: 'T20',
      level: 'MUST',
      title: "Another owner's task is not found on tasks/update, and its question stays open",
    },
    async (ctx) => {
      const taskId = await tasksOfA(ctx, 'confirm_delete', { filename: 'conformance.txt' }, 'that asks one question');
      const task = await ctx.pollUntil(taskId, (t) => inputKeys(t).length > 0 || t.status !== 'working', 'input_required');
      const keys = inputKeys(task);
      const problem = refused(
        await ctx.call('tasks/update', { taskId, inputResponses: Object.fromEntries(keys.map((k) => [k, ACCEPT])) }, { who: 'b' }),
        'tasks/update',
      );
      if (problem) return fail(problem, EXPECTED);
      const after = await ctx.get(taskId);
      return after.status === 'input_required'
        ? pass()
        : fail(`A's task after B's answer: ${brief(after)}`, "still input_required: B cannot answer A's question");
    },
  ),
];
