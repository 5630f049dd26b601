/**
 * Owner isolation between two identities (A and B, e.g. two bearer tokens): R65, R77 (digest
 * section 3.13). B must not get, fetch the result of, cancel, list or page into A's tasks.
 * Where tasks cross requestors (B reads A's task: two anonymous sessions of a server that binds
 * nothing, or two tokens it does not tell apart), that is reported as the risk it is (R80 when
 * tasks/list is declared, R78), not skipped.
 */
import { fail, pass, skip, SkipCheck, warn } from '../../core/check.js';
import { brief, isObject } from '../../core/json.js';
import { STATUS_NOTIFICATION } from '../../core/wire.js';
import { check, type Check } from '../check.js';
import { describe, isError, type CheckContext } from '../context.js';
import { listAll } from '../list-all.js';

/** A completed task of identity A, and B's session. */
function setup(ctx: CheckContext) {
  return ctx.memo('isolation.setup', async () => {
    const b = await ctx.b();
    const a = await ctx.a();
    const call = ctx.quickTool();
    const { taskId } = ctx.needTask(await ctx.createTask(a, call), call);
    await ctx.terminal(a, taskId, call.name);
    return { a, b, taskId };
  });
}

/** Every task ID identity A created in this run. */
function idsOfA(ctx: CheckContext, label: string): Set<string> {
  return new Set(
    ctx
      .sightings()
      .filter((s) => s.session === label && s.source === 'tools/call' && typeof s.task.taskId === 'string')
      .map((s) => s.task.taskId as string),
  );
}

const refused = (code: number) => `refused with ${code}`;
const BOUND = (who: string, seen: string) => `tasks are bound to their requestor: ${who} got ${seen} for A's task`;

export const isolationChecks: Check[] = [
  check(
    {
      id: 'iso.same-owner-sessions',
      rule: 'R77',
      level: 'MUST',
      area: 'isolation',
      title: "a second session of identity A's token sees A's tasks (the owner is the token, not the session)",
    },
    async (ctx) => {
      const a2 = await ctx.a2();
      const { taskId } = await setup(ctx);
      const get = await a2.call('tasks/get', { taskId });
      const expected = "A's task, from any session of A's token: the authorization context is the token";
      if (get.kind !== 'result' || get.result.taskId !== taskId)
        return fail(`tasks/get of A's task ${taskId} from a second session of A's token: ${describe(get)}`, expected);
      if (!ctx.declares('list')) return pass('tasks/get');
      const listing = await listAll(a2);
      if (!listing.ids.includes(taskId))
        return fail(
          `the second session's tasks/list (${listing.ids.length} tasks${listing.problem ? `, ${listing.problem}` : ''}) lacks A's task ${taskId}`,
          expected,
        );
      return pass('tasks/get and tasks/list');
    },
  ),

  check(
    {
      id: 'iso.status-notifications',
      rule: 'R77',
      level: 'MUST',
      area: 'isolation',
      title: "identity B never receives notifications/tasks/status of identity A's tasks",
    },
    async (ctx) => {
      const { a, b } = await setup(ctx);
      // One more task of A while B listens, so a server that broadcasts has the chance to.
      try {
        const call = ctx.quickTool();
        const created = await ctx.createTask(a, call);
        if (created.taskId) await ctx.pollTerminal(a, created.taskId);
        await ctx.sleep(300);
      } catch {
        // judge what was received so far
      }
      const mine = idsOfA(ctx, a.label);
      const leaked = b.received(STATUS_NOTIFICATION).filter((n) => mine.has(n.params.taskId as string));
      if (leaked.length)
        return fail(
          `B received ${leaked.length} status notification(s) of A's tasks, e.g. ${brief(leaked[0]!.params)}`,
          "notifications/tasks/status only to the task's owner",
        );
      const toA = a.received(STATUS_NOTIFICATION).length;
      return pass(toA ? `none of A's ${toA} notifications reached B` : 'the server sent no status notifications (optional, R58)');
    },
  ),

  check(
    { id: 'iso.get', rule: 'R77', level: 'MUST', area: 'isolation', title: "identity B cannot tasks/get identity A's task" },
    async (ctx) => {
      const { b, taskId } = await setup(ctx);
      const reply = await b.call('tasks/get', { taskId });
      if (reply.kind === 'error') return pass(refused(reply.error.code));
      return fail(`B's tasks/get of A's task ${taskId}: ${describe(reply)}`, 'a JSON-RPC error (e.g. -32602 not found, revealing nothing)');
    },
  ),

  check(
    { id: 'iso.result', rule: 'R77', level: 'MUST', area: 'isolation', title: "identity B cannot tasks/result identity A's task" },
    async (ctx) => {
      const { b, taskId } = await setup(ctx);
      const reply = await b.call('tasks/result', { taskId }, { timeoutMs: 5_000 });
      if (reply.kind === 'error') return pass(refused(reply.error.code));
      return fail(`B's tasks/result of A's completed task ${taskId}: ${describe(reply)}`, 'a JSON-RPC error at once');
    },
  ),

  check(
    { id: 'iso.cancel', rule: 'R77', level: 'MUST', area: 'isolation', title: "identity B cannot tasks/cancel identity A's task" },
    async (ctx) => {
      ctx.requireCapability('cancel');
      const { a, b, taskId: completed } = await setup(ctx);
      let target = completed;
      let running = false;
      try {
        const slow = ctx.slowTool(10_000);
        target = ctx.needTask(await ctx.createTask(a, slow), slow).taskId;
        running = true;
      } catch {
        // no slow tool: use the completed task
      }
      const reply = await b.call('tasks/cancel', { taskId: target });
      const after = await a.call('tasks/get', { taskId: target });
      if (reply.kind !== 'error')
        return fail(
          `B's tasks/cancel of A's ${running ? 'running' : 'completed'} task: ${describe(reply)}`,
          'a JSON-RPC error, the task untouched',
        );
      if (running && after.kind === 'result' && after.result.status === 'cancelled')
        return fail(`B's tasks/cancel answered ${describe(reply)}, yet A's task is now cancelled`, "A's task untouched");
      return pass(`${refused(reply.error.code)}${running ? ", A's task still running" : ''}`);
    },
  ),

  check(
    { id: 'iso.list', rule: 'R65', level: 'MUST', area: 'isolation', title: "identity B's tasks/list shows none of identity A's tasks" },
    async (ctx) => {
      ctx.requireCapability('list');
      const { a, b } = await setup(ctx);
      const mine = idsOfA(ctx, a.label);
      const listing = await listAll(b);
      if (listing.problem) return fail(`B's tasks/list: ${listing.problem}`, "a ListTasksResult without A's tasks");
      const leaked = listing.ids.filter((id) => mine.has(id));
      if (leaked.length) return fail(`B's tasks/list includes ${leaked.length} of A's tasks, e.g. ${leaked[0]}`, "only B's own tasks");
      return pass(`B sees ${listing.ids.length} tasks, none of A's ${mine.size}`);
    },
  ),

  check(
    {
      id: 'iso.cursor',
      rule: 'R64',
      level: 'MUST',
      area: 'isolation',
      title: "identity A's cursor is refused for identity B with -32602 (even when the page would leak nothing)",
    },
    async (ctx) => {
      ctx.requireCapability('list');
      const { a, b } = await setup(ctx);
      const call = ctx.quickTool();
      let cursor = (await listAll(a, 1)).cursors[0];
      for (let made = 0; cursor === undefined && made < ctx.options.paginationTasks; made++) {
        const created = await ctx.createTask(a, call);
        if (!created.taskId) await ctx.sleep(50); // e.g. the active-task limit: let the quick tasks end
        cursor = (await listAll(a, 1)).cursors[0];
      }
      if (cursor === undefined)
        return skip(`identity A's tasks still fit in one page after ${ctx.options.paginationTasks} more, so there is no cursor to try`);
      const mine = idsOfA(ctx, a.label);
      const reply = await b.call('tasks/list', { cursor });
      if (isError(reply, -32602)) return pass(refused(-32602));
      const tasks: unknown[] = reply.kind === 'result' && Array.isArray(reply.result.tasks) ? reply.result.tasks : [];
      const leaked = tasks.filter((t) => isObject(t) && mine.has(t.taskId as string));
      if (leaked.length)
        return fail(
          `B's tasks/list with A's cursor: ${leaked.length} of A's tasks, e.g. ${brief(leaked[0])}`,
          'JSON-RPC error -32602 (invalid cursor)',
        );
      return fail(
        `B's tasks/list with A's cursor: ${describe(reply)}`,
        "JSON-RPC error -32602: a cursor issued to A is not valid for B (R64), even if B's page leaks nothing",
      );
    },
  ),

  check(
    {
      id: 'iso.unbound-list',
      rule: 'R80',
      level: 'SHOULD',
      area: 'isolation',
      title: "a server that shows one requestor's tasks to another does not declare tasks.list (also R9)",
    },
    async (ctx) => {
      const c = await ctx.crossing();
      if (!c.crosses) return pass(BOUND(c.who, describe(c.seen)));
      if (!ctx.declares('list')) return pass(`tasks are not bound to requestors (see iso.unbound-tasks), and tasks.list is not declared`);
      const listing = await listAll(await ctx.otherRequestor());
      const listed = listing.ids.includes(c.taskId) ? ` and listed it in its own tasks/list (${listing.ids.length} tasks)` : '';
      return fail(
        `${c.who} read A's task ${c.taskId} (tasks/get: ${describe(c.seen)})${listed}, and the server declares tasks.list: any client can list every client's tasks`,
        'a server that cannot tell requestors apart does not declare tasks.list (R80, R9); or it binds each task to its requestor (R76)',
      );
    },
  ),

  check(
    {
      id: 'iso.unbound-tasks',
      rule: 'R78',
      level: 'SHOULD',
      area: 'isolation',
      title: 'tasks are bound to their requestor; a server that cannot bind them lets any client read and cancel any task, and must say so',
    },
    async (ctx) => {
      const c = await ctx.crossing();
      if (!c.crosses) return pass(BOUND(c.who, describe(c.seen)));
      const a = await ctx.a();
      const b = await ctx.otherRequestor();
      const result = await b.call('tasks/result', { taskId: c.taskId }, { timeoutMs: ctx.waitMs(5_000) });
      // A task of A still running, to cancel from B: the long tool, else a quick one at once.
      let call = ctx.quickTool();
      try {
        call = ctx.slowTool(10_000);
      } catch (error) {
        if (!(error instanceof SkipCheck)) throw error;
      }
      const target = ctx.needTask(await ctx.createTask(a, call), call).taskId;
      const cancel = await b.call('tasks/cancel', { taskId: target });
      const after = await a.call('tasks/get', { taskId: target });
      const cancelled = cancel.kind === 'result' && after.kind === 'result' && after.result.status === 'cancelled';
      const cancelText = cancelled
        ? ` and cancelled A's running task ${target} (tasks/cancel: ${describe(cancel)})`
        : `; its tasks/cancel of A's task ${target}: ${describe(cancel)}`;
      return warn(
        `any client can read${cancelled ? ' and cancel' : ''} any task: ${c.who} read A's task ${c.taskId} (tasks/get: ${describe(c.seen)}; tasks/result: ${describe(result)})${cancelText}. The task ID is the only protection (R79, create.unguessable-ids)`,
        'each task bound to its requestor (R76, R77); where the server cannot, this limit documented for its users (R78; the kit cannot read documentation, so it reports what it saw)',
      );
    },
  ),
];
