/** R44 on the failure path: tasks/result of a task whose tool returned `isError: true` still names the task. */
import { fail, pass, skip } from '../../core/check.js';
import { brief, isObject } from '../../core/json.js';
import { RELATED_TASK } from '../../core/wire.js';
import { check, type Check } from '../check.js';
import { describe, type ToolCall } from '../context.js';

export const resultErrorMetaChecks: Check[] = [
  check(
    { id: 'result.is-error-related-meta', rule: 'R44', level: 'MUST', area: 'result', title: 'tasks/result of an isError tool result also carries _meta["io.modelcontextprotocol/related-task"]' },
    async (ctx) => {
      ctx.requireCapability('tools.call');
      ctx.fixture('fail_result');
      const call: ToolCall = { name: 'fail_result', args: { text: 'conformance: isError result (R44)' } };
      const a = await ctx.a();
      const { taskId } = ctx.needTask(await ctx.createTask(a, call), call);
      const reply = await a.call('tasks/result', { taskId });
      if (reply.kind !== 'result' || reply.result.isError !== true) return skip(`setup failed: tasks/result of fail_result: ${describe(reply)} (see result.is-error-result)`);
      const meta = isObject(reply.result._meta) ? reply.result._meta[RELATED_TASK] : undefined;
      if (isObject(meta) && meta.taskId === taskId) return pass();
      return fail(`tasks/result of the failed task: _meta = ${brief(reply.result._meta)}`, `_meta["${RELATED_TASK}"] = {"taskId":"${taskId}"} on every tasks/result response`);
    },
  ),
];
