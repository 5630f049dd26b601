/** Status notifications (optional): R57, R59 (digest section 3.9). They run after the other checks. */
import { fail, pass, skip, warn } from '../../core/check.js';
import { brief, isObject } from '../../core/json.js';
import { RELATED_TASK, STATUS_NOTIFICATION } from '../../core/wire.js';
import { check, type Check } from '../check.js';
import type { CheckContext } from '../context.js';
import type { Incoming } from '../session.js';
import { taskProblems } from '../task-shape.js';

/** Every notifications/tasks/status of the run (after one more task, to give the server a chance). */
function statusNotifications(ctx: CheckContext): Promise<Incoming[]> {
  return ctx.memo('notifications.all', async () => {
    const a = await ctx.a();
    try {
      const call = ctx.quickTool();
      const created = await ctx.createTask(a, call);
      if (created.taskId) {
        await ctx.pollTerminal(a, created.taskId, 3_000);
        await a.waitForIncoming((n) => n.method === STATUS_NOTIFICATION && n.params.taskId === created.taskId, 500, ctx.signal);
      }
    } catch {
      // no tool: judge the notifications seen so far
    }
    const sessions = [a, ...(ctx.transport === 'url' && ctx.options.authB ? [await ctx.b()] : [])];
    return sessions.flatMap((s) => s.received(STATUS_NOTIFICATION));
  });
}

export const notificationChecks: Check[] = [
  check(
    { id: 'notify.full-task', rule: 'R57', level: 'MAY', area: 'notifications', title: 'notifications/tasks/status, when sent, carry the full Task' },
    async (ctx) => {
      const all = await statusNotifications(ctx);
      if (!all.length) return skip('the server sent no notifications/tasks/status (optional; requestors poll, R58)');
      const bad = all.map((n) => ({ n, problems: taskProblems(n.params) })).filter((x) => x.problems.length);
      if (bad.length) return fail(`${bad.length} of ${all.length}: ${brief(bad[0]!.n.params)}: ${bad[0]!.problems.join('; ')}`, 'params = the full Task (taskId, status, createdAt, lastUpdatedAt, ttl)');
      return pass(`${all.length} notifications`);
    },
  ),

  check(
    { id: 'notify.no-related-meta', rule: 'R59', level: 'SHOULD', area: 'notifications', title: 'notifications/tasks/status carry no related-task _meta' },
    async (ctx) => {
      const all = await statusNotifications(ctx);
      if (!all.length) return skip('the server sent no notifications/tasks/status (optional)');
      const carrying = all.filter((n) => isObject(n.params._meta) && RELATED_TASK in n.params._meta);
      if (carrying.length) return warn(`${carrying.length} of ${all.length} carry it, e.g. ${brief(carrying[0]!.params)}`, `no _meta["${RELATED_TASK}"] (the taskId is in params)`);
      return pass(`${all.length} notifications`);
    },
  ),
];
