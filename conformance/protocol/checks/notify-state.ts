/**
 * Status notifications judged by content: R57 ("includes the full task state": the last
 * notification of a finished task equals what tasks/get then says). Who receives them (R77) is
 * iso.status-notifications.
 */
import { fail, pass, skip } from '../../core/check.js';
import { brief } from '../../core/json.js';
import { isTerminalStatus, STATUS_NOTIFICATION } from '../../core/wire.js';
import { check, type Check } from '../check.js';
import { describe, type CheckContext } from '../context.js';

const FIELDS = ['taskId', 'status', 'statusMessage', 'createdAt', 'lastUpdatedAt', 'ttl', 'pollInterval'] as const;

/** A task of A that runs a little and finishes. */
function finishedTask(ctx: CheckContext): Promise<{ taskId: string }> {
  return ctx.memo('notify-state.task', async () => {
    const a = await ctx.a();
    const call = ctx.slowTool(300);
    const { taskId } = ctx.needTask(await ctx.createTask(a, call), call);
    await ctx.terminal(a, taskId, call.name);
    await a.waitForIncoming((n) => n.method === STATUS_NOTIFICATION && n.params.taskId === taskId && isTerminalStatus(n.params.status), 500, ctx.signal);
    await ctx.sleep(200);
    return { taskId };
  });
}

export const notifyStateChecks: Check[] = [
  check(
    { id: 'notify.matches-get', rule: 'R57', level: 'MUST', area: 'notifications', title: "a status notification carries the task's state: the last one of a finished task equals tasks/get" },
    async (ctx) => {
      const { taskId } = await finishedTask(ctx);
      const a = await ctx.a();
      const notes = a.received(STATUS_NOTIFICATION).filter((n) => n.params.taskId === taskId);
      if (!notes.length) return skip('the server sent no notifications/tasks/status for the task (optional; requestors poll, R58)');
      const get = await a.call('tasks/get', { taskId });
      if (get.kind !== 'result') return skip(`setup failed: tasks/get: ${describe(get)}`);
      const last = notes.at(-1)!.params;
      const differ = FIELDS.filter((f) => JSON.stringify(last[f]) !== JSON.stringify(get.result[f]));
      if (differ.length) return fail(`last notification ${brief(last)}; tasks/get ${brief(get.result)} (differ: ${differ.join(', ')})`, 'the full, current task state in each notification (the task is frozen once terminal)');
      const moved = notes.filter((n) => n.params.createdAt !== get.result.createdAt || JSON.stringify(n.params.ttl) !== JSON.stringify(get.result.ttl));
      if (moved.length) return fail(`notification ${brief(moved[0]!.params)}; tasks/get ${brief(get.result)}`, 'createdAt and ttl as tasks/get reports them');
      return pass(`${notes.length} notification(s), the last equal to tasks/get`);
    },
  ),

];
