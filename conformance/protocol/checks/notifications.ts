/**
 * Status notifications (optional): R57 (the full task, and its current state), R59 (digest section
 * 3.9). They run after the other checks. Who receives them (R77) is iso.status-notifications.
 */
import { fail, pass, skip, warn } from '../../core/check.js';
import { brief, isObject } from '../../core/json.js';
import { isTerminalStatus, RELATED_TASK, STATUS_NOTIFICATION } from '../../core/wire.js';
import { check, type Check } from '../check.js';
import { describe, type CheckContext } from '../context.js';
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

/** The Task fields a status notification must report as tasks/get does. */
const FIELDS = ['taskId', 'status', 'statusMessage', 'createdAt', 'lastUpdatedAt', 'ttl', 'pollInterval'] as const;

/** A task of A that runs a little and finishes. */
function finishedTask(ctx: CheckContext): Promise<{ taskId: string }> {
  return ctx.memo('notifications.finished-task', async () => {
    const a = await ctx.a();
    const call = ctx.slowTool(300);
    const { taskId } = ctx.needTask(await ctx.createTask(a, call), call);
    await ctx.terminal(a, taskId, call.name);
    await a.waitForIncoming(
      (n) => n.method === STATUS_NOTIFICATION && n.params.taskId === taskId && isTerminalStatus(n.params.status),
      500,
      ctx.signal,
    );
    await ctx.sleep(200);
    return { taskId };
  });
}

export const notificationChecks: Check[] = [
  check(
    {
      id: 'notify.full-task',
      rule: 'R57',
      level: 'MAY',
      area: 'notifications',
      title: 'notifications/tasks/status, when sent, carry the full Task',
    },
    async (ctx) => {
      const all = await statusNotifications(ctx);
      if (!all.length) return skip('the server sent no notifications/tasks/status (optional; requestors poll, R58)');
      const bad = all.map((n) => ({ n, problems: taskProblems(n.params) })).filter((x) => x.problems.length);
      if (bad.length)
        return fail(
          `${bad.length} of ${all.length}: ${brief(bad[0]!.n.params)}: ${bad[0]!.problems.join('; ')}`,
          'params = the full Task (taskId, status, createdAt, lastUpdatedAt, ttl)',
        );
      return pass(`${all.length} notifications`);
    },
  ),

  check(
    {
      id: 'notify.no-related-meta',
      rule: 'R59',
      level: 'SHOULD',
      area: 'notifications',
      title: 'notifications/tasks/status carry no related-task _meta',
    },
    async (ctx) => {
      const all = await statusNotifications(ctx);
      if (!all.length) return skip('the server sent no notifications/tasks/status (optional)');
      const carrying = all.filter((n) => isObject(n.params._meta) && RELATED_TASK in n.params._meta);
      if (carrying.length)
        return warn(
          `${carrying.length} of ${all.length} carry it, e.g. ${brief(carrying[0]!.params)}`,
          `no _meta["${RELATED_TASK}"] (the taskId is in params)`,
        );
      return pass(`${all.length} notifications`);
    },
  ),

  // Judged by content: R57 ("includes the full task state"): the last notification of a finished
  // task equals what tasks/get then says.
  check(
    {
      id: 'notify.matches-get',
      rule: 'R57',
      level: 'MUST',
      area: 'notifications',
      title: "a status notification carries the task's state: the last one of a finished task equals tasks/get",
    },
    async (ctx) => {
      const { taskId } = await finishedTask(ctx);
      const a = await ctx.a();
      const notes = a.received(STATUS_NOTIFICATION).filter((n) => n.params.taskId === taskId);
      if (!notes.length) return skip('the server sent no notifications/tasks/status for the task (optional; requestors poll, R58)');
      const get = await a.call('tasks/get', { taskId });
      if (get.kind !== 'result') return skip(`setup failed: tasks/get: ${describe(get)}`);
      const last = notes.at(-1)!.params;
      const differ = FIELDS.filter((f) => JSON.stringify(last[f]) !== JSON.stringify(get.result[f]));
      if (differ.length)
        return fail(
          `last notification ${brief(last)}; tasks/get ${brief(get.result)} (differ: ${differ.join(', ')})`,
          'the full, current task state in each notification (the task is frozen once terminal)',
        );
      const moved = notes.filter(
        (n) => n.params.createdAt !== get.result.createdAt || JSON.stringify(n.params.ttl) !== JSON.stringify(get.result.ttl),
      );
      if (moved.length)
        return fail(
          `notification ${brief(moved[0]!.params)}; tasks/get ${brief(get.result)}`,
          'createdAt and ttl as tasks/get reports them',
        );
      return pass(`${notes.length} notification(s), the last equal to tasks/get`);
    },
  ),
];
