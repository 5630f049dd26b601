/**
 * R76: tasks are bound to the authorization context, not to the connection. A second session
 * opened with identity A's credentials sees A's task; B still does not.
 */
import { check, fail, pass, skip, type Check } from '../check.js';
import { describe } from '../context.js';
import { listAll } from './listing.js';

export const identityChecks: Check[] = [
  check(
    { id: 'iso.same-identity-session', rule: 'R76', level: 'MUST', area: 'isolation', title: "a second session with identity A's credentials sees A's tasks (the owner is the identity, not the session)" },
    async (ctx) => {
      if (!ctx.options.authA) return skip('no credentials for identity A (--auth-a): without them each session may be its own requestor');
      const a = await ctx.a();
      const call = ctx.quickTool();
      const { taskId } = ctx.needTask(await ctx.createTask(a, call), call);
      const again = await ctx.newSession('a', 'A2');
      const reply = await again.call('tasks/get', { taskId });
      const expected = "the task: it is bound to A's authorization context (R76), not to the first session";
      if (reply.kind !== 'result' || reply.result.taskId !== taskId) return fail(`tasks/get of A's task ${taskId} from a second session with A's credentials: ${describe(reply)}`, expected);
      if (ctx.declares('list')) {
        const listing = await listAll(again);
        if (!listing.ids.includes(taskId)) return fail(`tasks/list from a second session with A's credentials: ${listing.ids.length} tasks without ${taskId}${listing.problem ? ` (${listing.problem})` : ''}`, `${expected}; listed too (R63)`);
      }
      await again.close();
      return pass(ctx.declares('list') ? 'tasks/get and tasks/list' : 'tasks/get');
    },
  ),
];
