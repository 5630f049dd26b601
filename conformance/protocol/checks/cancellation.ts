/**
 * Cancellation with tasks/cancel: R66, R67, R68 (digest section 3.11), also against work that
 * does not cooperate, and R54 for tasks/cancel.
 */
import { fail, failOnSilence, inconclusive, pass, skip } from '../../core/check.js';
import { brief } from '../../core/json.js';
import { RELATED_TASK } from '../../core/wire.js';
import { check, type Check } from '../check.js';
import { describe, isError, type ToolCall } from '../context.js';
import { taskProblems } from '../task-shape.js';

/** How long the `ignore_cancel` fixture runs (ignoring the cancel) before it completes anyway. */
const IGNORES_MS = 400;
/** How long a tasks/cancel may take to be answered: it changes a status, it waits on nothing. */
const MISLED_MS = 5_000;

export const cancellationChecks: Check[] = [
  check(
    {
      id: 'cancel.working',
      rule: 'R67',
      level: 'MUST',
      area: 'cancellation',
      title: 'tasks/cancel of a working task answers the Task with status cancelled, and it stays visible as cancelled',
    },
    async (ctx) => {
      ctx.requireCapability('cancel');
      const call = ctx.slowTool(10_000);
      const a = await ctx.a();
      const { taskId } = ctx.needTask(await ctx.createTask(a, call), call);
      const reply = await a.call('tasks/cancel', { taskId });
      const expected = 'a CancelTaskResult: the flat Task with status "cancelled" (set before the response)';
      if (reply.kind !== 'result') return fail(`tasks/cancel of a working task: ${describe(reply)}`, expected);
      if (reply.result.taskId !== taskId || reply.result.status !== 'cancelled') return fail(`tasks/cancel: ${describe(reply)}`, expected);
      const problems = taskProblems(reply.result);
      if (problems.length) return fail(`tasks/cancel result: ${problems.join('; ')}`, expected);
      const get = await a.call('tasks/get', { taskId });
      if (get.kind === 'result' && get.result.status !== 'cancelled')
        return fail(`tasks/get right after the cancel: status ${JSON.stringify(get.result.status)}`, 'status "cancelled"');
      if (get.kind === 'error' && get.error.code === -32602) return pass('the task was deleted at once (allowed, R69)');
      if (get.kind !== 'result')
        return fail(`tasks/get right after the cancel: ${describe(get)}`, 'the cancelled task, or -32602 if it was deleted (R69)');
      return pass();
    },
  ),

  check(
    {
      id: 'cancel.stays-cancelled',
      rule: 'R68',
      level: 'MUST',
      area: 'cancellation',
      title: 'a cancelled task stays cancelled even if its work would have completed',
    },
    async (ctx) => {
      ctx.requireCapability('cancel');
      // Work that would complete soon after the cancel: the delay fixture, or the long tool (its observed duration).
      const call: ToolCall = ctx.hasFixture('delay') ? { name: 'delay', args: { ms: 300 } } : ctx.roleTool('long');
      const workMs = call.name === 'delay' && ctx.hasFixture('delay') ? 300 : ctx.observed(call)?.durationMs;
      if (workMs === undefined)
        return skip(
          `the duration of ${call.name} is not known (it did not complete when probed), so "after its work would have completed" cannot be timed`,
        );
      const a = await ctx.a();
      const { taskId } = ctx.needTask(await ctx.createTask(a, call), call);
      const cancel = await a.call('tasks/cancel', { taskId });
      if (cancel.kind !== 'result') return skip(`setup failed: tasks/cancel: ${describe(cancel)}`);
      const waited = workMs + 400;
      await ctx.sleep(waited);
      const get = await a.call('tasks/get', { taskId });
      if (get.kind === 'result' && get.result.status === 'cancelled') return pass();
      if (isError(get, -32602)) return pass('the task was deleted (allowed, R69)');
      return fail(
        `tasks/get ${waited} ms after cancelling a ${workMs} ms ${call.name}: ${describe(get)}`,
        'status "cancelled" (or -32602 if deleted)',
      );
    },
  ),

  check(
    {
      id: 'cancel.terminal-rejected',
      rule: 'R66',
      level: 'MUST',
      area: 'cancellation',
      title: 'tasks/cancel of a completed, failed or cancelled task gives -32602 and changes nothing',
    },
    async (ctx) => {
      ctx.requireCapability('cancel');
      const a = await ctx.a();
      const cases: { label: string; taskId: string; status: string }[] = [];
      const quick = ctx.quickTool();
      const done = ctx.needTask(await ctx.createTask(a, quick), quick);
      const final = await ctx.terminal(a, done.taskId, quick.name);
      cases.push({ label: String(final.status), taskId: done.taskId, status: String(final.status) });
      const failing = ctx.hasFixture('fail_result')
        ? { name: 'fail_result', args: {} }
        : (ctx.options.roles.fails ?? ctx.discovery?.roles.fails);
      if (failing) {
        const call: ToolCall = { name: failing.name, args: failing.args };
        const failed = ctx.needTask(await ctx.createTask(a, call), call);
        const t = await ctx.terminal(a, failed.taskId, call.name);
        cases.push({ label: String(t.status), taskId: failed.taskId, status: String(t.status) });
      }
      try {
        const slow = ctx.slowTool(10_000);
        const c = ctx.needTask(await ctx.createTask(a, slow), slow);
        const first = await a.call('tasks/cancel', { taskId: c.taskId });
        if (first.kind === 'result') cases.push({ label: 'cancelled', taskId: c.taskId, status: 'cancelled' });
      } catch {
        // no slow tool: the cancelled case is not covered
      }
      const bad: string[] = [];
      for (const c of cases) {
        const reply = await a.call('tasks/cancel', { taskId: c.taskId });
        if (!isError(reply, -32602)) bad.push(`${c.label} task: ${describe(reply)}`);
        const get = await a.call('tasks/get', { taskId: c.taskId });
        if (get.kind === 'result' && get.result.status !== c.status) bad.push(`${c.label} task became ${brief(get.result.status)}`);
      }
      if (bad.length) return fail(bad.join('; '), 'JSON-RPC error -32602 (Invalid params), status unchanged');
      return pass(cases.map((c) => c.label).join(', '));
    },
  ),

  // tasks/cancel against work that does not cooperate and requests that mislead: R68 (a tool that
  // ignores its abort signal and completes anyway, fixture `ignore_cancel`) and R54 (a related-task
  // _meta naming another task is ignored in favour of params.taskId).
  check(
    {
      id: 'cancel.ignored-abort',
      rule: 'R68',
      level: 'MUST',
      area: 'cancellation',
      title: 'a cancelled task stays cancelled when its work ignores the cancellation and completes',
    },
    async (ctx) => {
      ctx.requireCapability('cancel');
      if (!ctx.tool('ignore_cancel'))
        return skip(
          'the server offers no "ignore_cancel" fixture tool (ignores its abort signal, then completes; see reference-server/FIXTURES.md)',
        );
      const call: ToolCall = { name: 'ignore_cancel', args: { ms: IGNORES_MS } };
      const a = await ctx.a();
      const { taskId } = ctx.needTask(await ctx.createTask(a, call), call);
      const cancel = await a.call('tasks/cancel', { taskId });
      if (cancel.kind !== 'result') return skip(`setup failed: tasks/cancel: ${describe(cancel)}`);
      const cancelledAt = Date.now();
      await ctx.sleep(IGNORES_MS + 400);
      const get = await a.call('tasks/get', { taskId });
      if (isError(get, -32602)) return pass('the task was deleted (allowed, R69)');
      if (get.kind !== 'result' || get.result.status !== 'cancelled')
        return fail(`tasks/get after the ignored cancel: ${describe(get)}`, 'status "cancelled" although the work completed');
      const result = await a.call('tasks/result', { taskId }, { timeoutMs: 3_000 });
      if (result.kind === 'result' && Array.isArray(result.result.content) && result.result.isError !== true) {
        return fail(`tasks/result of the cancelled task: ${describe(result)}`, "not the completed work's result (the task is cancelled)");
      }
      const after = ctx
        .sightings(taskId)
        .filter((s) => s.at > cancelledAt && (s.task.status === 'completed' || s.task.status === 'failed'));
      if (after.length)
        return fail(
          `${after[0]!.source} said ${String(after[0]!.task.status)} after the cancel: ${brief(after[0]!.task)}`,
          'cancelled, never changed',
        );
      return pass();
    },
  ),

  // The misleading _meta names another running task of the same requestor. The SDK's Protocol,
  // for example, runs the cancel of params.taskId but queues its response for the task the _meta
  // names, where nothing ever sends it: the silence is the evidence only together with the
  // effect (the task is cancelled, so the request was processed, yet its answer never came).
  check(
    {
      id: 'cancel.related-meta-ignored',
      rule: 'R54',
      level: 'MUST',
      area: 'cancellation',
      title: 'tasks/cancel cancels params.taskId, not the task a related-task _meta names',
    },
    async (ctx) => {
      ctx.requireCapability('cancel');
      const call = ctx.slowTool(10_000);
      const a = await ctx.a();
      const target = ctx.needTask(await ctx.createTask(a, call), call).taskId;
      const bystander = ctx.needTask(await ctx.createTask(a, call), call).taskId;
      const request = `tasks/cancel {taskId: ${target}} with _meta related-task {taskId: ${bystander}} (another running ${call.name} task of this session)`;
      const reply = await a.call(
        'tasks/cancel',
        { taskId: target, _meta: { [RELATED_TASK]: { taskId: bystander } } },
        { timeoutMs: MISLED_MS },
      );
      const other = await a.call('tasks/get', { taskId: bystander });
      const own = await a.call('tasks/get', { taskId: target });
      if (other.kind === 'result' && other.result.status === 'cancelled')
        return fail(`${request} cancelled ${bystander}`, 'the related-task _meta ignored: only params.taskId is cancelled');
      const expected = `a CancelTaskResult for ${target} (status cancelled), as without the _meta`;
      if (reply.kind === 'local') {
        if (own.kind !== 'result' || own.result.status !== 'cancelled')
          return inconclusive(
            `${request}: ${describe(reply)}, and ${target} is not cancelled (tasks/get: ${describe(own)}): no sign the request was processed`,
          );
        return failOnSilence(
          `${request}: ${describe(reply)}, although it took effect (tasks/get ${target}: status cancelled; ${bystander}: ${other.kind === 'result' ? String(other.result.status) : describe(other)})`,
          expected,
        );
      }
      if (reply.kind !== 'result' || reply.result.taskId !== target || reply.result.status !== 'cancelled')
        return fail(`${request}: ${describe(reply)}`, expected);
      return pass(`the other task: ${other.kind === 'result' ? String(other.result.status) : describe(other)}`);
    },
  ),
];
