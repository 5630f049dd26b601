/**
 * tasks/cancel against work that does not cooperate and requests that mislead: R68 (a tool that
 * ignores its abort signal and completes anyway, fixture `ignore_cancel`) and R54 (a related-task
 * _meta naming another task is ignored in favour of params.taskId).
 */
import { fail, pass, skip } from '../../core/check.js';
import { brief } from '../../core/json.js';
import { RELATED_TASK } from '../../core/wire.js';
import { check, type Check } from '../check.js';
import { describe, isError, type ToolCall } from '../context.js';

const IGNORES_MS = 400;

export const cancelDefiantChecks: Check[] = [
  check(
    { id: 'cancel.ignored-abort', rule: 'R68', level: 'MUST', area: 'cancellation', title: 'a cancelled task stays cancelled when its work ignores the cancellation and completes' },
    async (ctx) => {
      ctx.requireCapability('cancel');
      if (!ctx.tool('ignore_cancel')) return skip('the server offers no "ignore_cancel" fixture tool (ignores its abort signal, then completes; see reference-server/FIXTURES.md)');
      const call: ToolCall = { name: 'ignore_cancel', args: { ms: IGNORES_MS } };
      const a = await ctx.a();
      const { taskId } = ctx.needTask(await ctx.createTask(a, call), call);
      const cancel = await a.call('tasks/cancel', { taskId });
      if (cancel.kind !== 'result') return skip(`setup failed: tasks/cancel: ${describe(cancel)}`);
      const cancelledAt = Date.now();
      await ctx.sleep(IGNORES_MS + 400);
      const get = await a.call('tasks/get', { taskId });
      if (isError(get, -32602)) return pass('the task was deleted (allowed, R69)');
      if (get.kind !== 'result' || get.result.status !== 'cancelled') return fail(`tasks/get after the ignored cancel: ${describe(get)}`, 'status "cancelled" although the work completed');
      const result = await a.call('tasks/result', { taskId }, { timeoutMs: 3_000 });
      if (result.kind === 'result' && Array.isArray(result.result.content) && result.result.isError !== true) {
        return fail(`tasks/result of the cancelled task: ${describe(result)}`, "not the completed work's result (the task is cancelled)");
      }
      const after = ctx.sightings(taskId).filter((s) => s.at > cancelledAt && (s.task.status === 'completed' || s.task.status === 'failed'));
      if (after.length) return fail(`${after[0]!.source} said ${String(after[0]!.task.status)} after the cancel: ${brief(after[0]!.task)}`, 'cancelled, never changed');
      return pass();
    },
  ),

  check(
    { id: 'cancel.related-meta-ignored', rule: 'R54', level: 'MUST', area: 'cancellation', title: 'tasks/cancel cancels params.taskId, not the task a related-task _meta names' },
    async (ctx) => {
      ctx.requireCapability('cancel');
      const call = ctx.slowTool(10_000);
      const a = await ctx.a();
      const target = ctx.needTask(await ctx.createTask(a, call), call).taskId;
      const bystander = ctx.needTask(await ctx.createTask(a, call), call).taskId;
      const reply = await a.call('tasks/cancel', { taskId: target, _meta: { [RELATED_TASK]: { taskId: bystander } } });
      const other = await a.call('tasks/get', { taskId: bystander });
      if (other.kind === 'result' && other.result.status === 'cancelled') return fail(`tasks/cancel {taskId: ${target}, _meta related-task ${bystander}} cancelled ${bystander}`, 'the related-task _meta ignored: only params.taskId is cancelled');
      if (reply.kind !== 'result' || reply.result.taskId !== target || reply.result.status !== 'cancelled') return fail(`tasks/cancel with a misleading related-task _meta: ${describe(reply)}`, `task ${target} cancelled`);
      return pass(`the other task: ${other.kind === 'result' ? String(other.result.status) : describe(other)}`);
    },
  ),
];
