/**
 * What a CreateTaskResult must not carry and must agree with: R17 (no operation result in it; the
 * result comes only from tasks/result) and R35 (its ttl is the actual ttl, as tasks/get says).
 */
import { fail, pass, skip } from '../../../core/check.js';
import { brief, isObject } from '../../../core/json.js';
import { check, type Check } from '../../check.js';
import { describe } from '../../context.js';

/** Result fields of a CallToolResult that must not ride on a CreateTaskResult. */
const RESULT_FIELDS = ['content', 'structuredContent', 'isError', 'result', 'toolResult'];

export const contentChecks: Check[] = [
  check(
    {
      id: 'create.no-result',
      rule: 'R17',
      level: 'MUST',
      area: 'creation',
      title: 'a CreateTaskResult does not carry the operation result (even for a tool that finishes at once)',
    },
    async (ctx) => {
      const call = ctx.quickTool();
      const a = await ctx.a();
      const created = await ctx.createTask(a, call);
      const { taskId } = ctx.needTask(created, call);
      const result = created.reply.kind === 'result' ? created.reply.result : {};
      const task = isObject(result.task) ? result.task : {};
      const carried = [
        ...RESULT_FIELDS.filter((f) => Object.hasOwn(result, f)),
        ...RESULT_FIELDS.filter((f) => Object.hasOwn(task, f)).map((f) => `task.${f}`),
      ];
      if (carried.length)
        return fail(
          `CreateTaskResult of ${call.name} (task ${taskId}) carries ${carried.join(', ')}: ${brief(result)}`,
          'only { task } (and _meta): the result is available through tasks/result once the task completes',
        );
      return pass();
    },
  ),

  check(
    {
      id: 'create.ttl-matches-get',
      rule: 'R35',
      level: 'MUST',
      area: 'creation',
      title: "the CreateTaskResult's ttl is the actual ttl: tasks/get reports the same (requested ttl normal and above any maximum)",
    },
    async (ctx) => {
      const call = ctx.quickTool();
      const a = await ctx.a();
      const huge = ctx.options.maxTtlMs !== undefined ? ctx.options.maxTtlMs * 10 : 30 * 24 * 3_600_000;
      const seen: string[] = [];
      for (const requested of [45_000, huge]) {
        const created = await ctx.createTask(a, call, { ttl: requested });
        if (!created.taskId || !created.task) {
          if (requested === huge) continue; // refusing an over-long ttl is limit.max-ttl's subject
          return skip(`setup failed: tools/call ${call.name} with ttl ${requested}: ${describe(created.reply)}`);
        }
        const get = await a.call('tasks/get', { taskId: created.taskId });
        if (get.kind !== 'result')
          return skip(
            `setup failed: tasks/get of the task created with ttl ${requested}: ${describe(get)} (a task lost before its ttl is ttl.long-kept's subject)`,
          );
        if (get.result.ttl !== created.task.ttl) {
          return fail(
            `requested ttl ${requested}: CreateTaskResult ttl ${JSON.stringify(created.task.ttl)}, tasks/get ttl ${JSON.stringify(get.result.ttl)}`,
            'the actual ttl in both (R35)',
          );
        }
        seen.push(`${requested} -> ${JSON.stringify(get.result.ttl)}`);
      }
      return pass(seen.join(', '));
    },
  ),
];
