/**
 * tasks/result when the tool failed: an isError result comes back unchanged (R42) with the
 * related-task _meta (R44), a JSON-RPC error comes back as that same error (R42), and either leaves
 * the task failed with a statusMessage (R75).
 */
import { isDeepStrictEqual } from 'node:util';
import { fail, pass, skip, warn } from '../../../core/check.js';
import { brief, isObject } from '../../../core/json.js';
import { RELATED_TASK } from '../../../core/wire.js';
import { check, type Check } from '../../check.js';
import { describe, type ToolCall } from '../../context.js';
import { comparable, failResult, throwError, type Outcome } from './outcome.js';

export const resultErrorChecks: Check[] = [
  check(
    {
      id: 'result.is-error-result',
      rule: 'R42',
      level: 'MUST',
      area: 'result',
      title: 'a tool result with isError: true comes back from tasks/result as a successful response, unchanged',
    },
    async (ctx) => {
      const o = await failResult(ctx);
      if (o.result.kind !== 'result' || o.result.result.isError !== true)
        return fail(`tasks/result: ${describe(o.result)}`, 'a successful JSON-RPC response whose CallToolResult has isError: true (A18)');
      if (o.plain && !isDeepStrictEqual(comparable(o.result), comparable(o.plain)))
        return fail(
          `tasks/result ${brief(comparable(o.result))}, plain call ${brief(comparable(o.plain))}`,
          'the same result (apart from _meta)',
        );
      return pass();
    },
  ),

  check(
    {
      id: 'result.jsonrpc-error',
      rule: 'R42',
      level: 'MUST',
      area: 'result',
      title: 'a tool call that ended in a JSON-RPC error: tasks/result returns that same error',
    },
    async (ctx) => {
      const o = await throwError(ctx);
      if (!o.plain)
        return skip(
          `${o.call.name} declares taskSupport required, so there is no plain call to compare with: pass --tool-role errors=NAME[:JSON] (config key roles.errors) naming an optional tool`,
        );
      if (o.result.kind === 'local')
        return fail(`tasks/result: ${describe(o.result)}`, `the same answer as the plain call: ${describe(o.plain)}`);
      if (isDeepStrictEqual(comparable(o.result), comparable(o.plain))) return pass(describe(o.result));
      return fail(`tasks/result: ${describe(o.result)}`, `exactly what the plain call returned: ${describe(o.plain)}`);
    },
  ),

  check(
    {
      id: 'result.error-failed',
      rule: 'R75',
      level: 'MUST',
      area: 'result',
      title: 'a tool call that ended in a JSON-RPC error leaves the task failed',
    },
    async (ctx) => {
      const o = await throwError(ctx);
      if (o.plain?.kind !== 'error')
        return skip(`the plain ${o.call.name} call did not give a JSON-RPC error (${o.plain ? describe(o.plain) : 'none'})`);
      if (o.task.status === 'failed') return pass();
      return fail(`task status ${JSON.stringify(o.task.status)}`, '"failed": the underlying request did not complete successfully');
    },
  ),

  check(
    {
      id: 'result.is-error-failed',
      rule: 'R75',
      level: 'SHOULD',
      area: 'result',
      title: 'a tool result with isError: true leaves the task failed',
    },
    async (ctx) => {
      const o = await failResult(ctx);
      if (o.task.status === 'failed') return pass();
      return warn(`task status ${JSON.stringify(o.task.status)}`, '"failed" (tasks.mdx: "the task should reach failed status")');
    },
  ),

  check(
    {
      id: 'result.failed-status-message',
      rule: 'R75',
      level: 'SHOULD',
      area: 'result',
      title: 'tasks/get of a failed task includes a statusMessage',
    },
    async (ctx) => {
      let o: Outcome;
      try {
        o = await throwError(ctx);
      } catch {
        o = await failResult(ctx);
      }
      if (o.task.status !== 'failed') return skip(`the ${o.call.name} task ended ${String(o.task.status)}, not failed`);
      if (typeof o.task.statusMessage === 'string' && o.task.statusMessage.trim() !== '') return pass(JSON.stringify(o.task.statusMessage));
      return warn(`tasks/get of the failed ${o.call.name} task: ${brief(o.task)}`, 'a statusMessage with diagnostic information');
    },
  ),

  // R44 on the failure path: tasks/result of a task whose tool returned `isError: true` still
  // names the task.
  check(
    {
      id: 'result.is-error-related-meta',
      rule: 'R44',
      level: 'MUST',
      area: 'result',
      title: 'tasks/result of an isError tool result also carries _meta["io.modelcontextprotocol/related-task"]',
    },
    async (ctx) => {
      ctx.requireCapability('tools.call');
      ctx.fixture('fail_result');
      const call: ToolCall = { name: 'fail_result', args: { text: 'conformance: isError result (R44)' } };
      const a = await ctx.a();
      const { taskId } = ctx.needTask(await ctx.createTask(a, call), call);
      const reply = await a.call('tasks/result', { taskId });
      if (reply.kind !== 'result' || reply.result.isError !== true)
        return skip(`setup failed: tasks/result of fail_result: ${describe(reply)} (see result.is-error-result)`);
      const meta = isObject(reply.result._meta) ? reply.result._meta[RELATED_TASK] : undefined;
      if (isObject(meta) && meta.taskId === taskId) return pass();
      return fail(
        `tasks/result of the failed task: _meta = ${brief(reply.result._meta)}`,
        `_meta["${RELATED_TASK}"] = {"taskId":"${taskId}"} on every tasks/result response`,
      );
    },
  ),
];
