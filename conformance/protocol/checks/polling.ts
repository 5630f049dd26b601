/** Polling with tasks/get and the related-task metadata rules: R22, R29, R31, R35, R54, R55. */
import { fail, failOnSilence, inconclusive, pass, skip, warn, type Outcome } from '../../core/check.js';
import { brief, isObject } from '../../core/json.js';
import { isTerminalStatus, RELATED_TASK, STATUS_NOTIFICATION } from '../../core/wire.js';
import { check, type Check } from '../check.js';
import { describe, type CheckContext } from '../context.js';
import type { WireReply } from '../session.js';
import { taskProblems } from '../task-shape.js';

/** A completed quick task of identity A. */
function completedTask(ctx: CheckContext): Promise<{ taskId: string }> {
  return ctx.memo('polling.completed', async () => {
    const call = ctx.quickTool();
    const a = await ctx.a();
    const { taskId } = ctx.needTask(await ctx.createTask(a, call, { ttl: 60_000 }), call);
    await ctx.terminal(a, taskId, call.name);
    return { taskId };
  });
}

/** How long a request with a misleading related-task _meta (and its control) may take: the task is completed, nothing is waited on. */
const MISLED_MS = 5_000;

/**
 * The request with the misleading _meta got no answer in time: that is a verdict only if the same
 * request without the _meta (the control, sent after it) is answered; then the _meta is what
 * silenced it. A control that gets no answer either leaves no verdict.
 */
function unanswered(control: WireReply, method: string, misled: WireReply): Outcome {
  if (control.kind === 'local')
    return inconclusive(`${method} got no answer within ${MISLED_MS} ms, with or without the related-task _meta`);
  return failOnSilence(
    `${method} with a misleading related-task _meta: ${describe(misled)}; the same request without the _meta: ${describe(control)} after ${control.ms} ms`,
    'the answer for params.taskId, as without the _meta (R54: the _meta is ignored)',
  );
}

export const pollingChecks: Check[] = [
  check(
    {
      id: 'poll.get-flat-task',
      rule: 'R35',
      level: 'MUST',
      area: 'polling',
      title: 'tasks/get answers the flat Task, including ttl (number or null)',
    },
    async (ctx) => {
      const call = ctx.quickTool();
      const a = await ctx.a();
      const { taskId } = ctx.needTask(await ctx.createTask(a, call, { ttl: 60_000 }), call);
      const reply = await a.call('tasks/get', { taskId });
      const expected = 'a GetTaskResult: the Task fields at the top level of result (same taskId), ttl an integer or null';
      if (reply.kind !== 'result') return fail(`tasks/get: ${describe(reply)}`, expected);
      if (reply.result.taskId !== taskId) return fail(`tasks/get ${taskId}: ${describe(reply)}`, expected);
      const problems = taskProblems(reply.result);
      if (problems.length) return fail(`tasks/get: ${problems.join('; ')}`, expected);
      return pass(`ttl ${JSON.stringify(reply.result.ttl)}`);
    },
  ),

  check(
    {
      id: 'poll.related-meta-ignored',
      rule: 'R54',
      level: 'MUST',
      area: 'polling',
      title: 'params.taskId wins over a related-task _meta in tasks/get and tasks/result',
    },
    async (ctx) => {
      const { taskId } = await completedTask(ctx);
      const a = await ctx.a();
      const _meta = { [RELATED_TASK]: { taskId: 'conformance-some-other-task' } };
      const get = await a.call('tasks/get', { taskId, _meta }, { timeoutMs: MISLED_MS });
      if (get.kind === 'local') return unanswered(await a.call('tasks/get', { taskId }, { timeoutMs: MISLED_MS }), 'tasks/get', get);
      if (get.kind !== 'result' || get.result.taskId !== taskId)
        return fail(`tasks/get with a misleading related-task _meta: ${describe(get)}`, `task ${taskId} (the params.taskId)`);
      const result = await a.call('tasks/result', { taskId, _meta }, { timeoutMs: MISLED_MS });
      if (result.kind === 'local')
        return unanswered(await a.call('tasks/result', { taskId }, { timeoutMs: MISLED_MS }), 'tasks/result', result);
      const meta = result.kind === 'result' && isObject(result.result._meta) ? result.result._meta[RELATED_TASK] : undefined;
      if (result.kind === 'result' && isObject(meta) && meta.taskId !== taskId)
        return fail(`tasks/result answered for ${brief(meta)}`, `the result of task ${taskId}`);
      if (result.kind === 'error')
        return fail(`tasks/result with a misleading related-task _meta: ${describe(result)}`, `the result of task ${taskId} (completed)`);
      return pass();
    },
  ),

  check(
    {
      id: 'poll.no-related-meta',
      rule: 'R55',
      level: 'SHOULD',
      area: 'polling',
      title: 'tasks/get, tasks/list and tasks/cancel results carry no related-task _meta (also R56)',
    },
    async (ctx) => {
      const { taskId } = await completedTask(ctx);
      const a = await ctx.a();
      const replies: [string, Awaited<ReturnType<typeof a.call>>][] = [['tasks/get', await a.call('tasks/get', { taskId })]];
      if (ctx.declares('list')) replies.push(['tasks/list', await a.call('tasks/list', {})]);
      if (ctx.declares('cancel')) {
        try {
          const call = ctx.slowTool(10_000);
          const created = await ctx.createTask(a, call);
          if (created.taskId) replies.push(['tasks/cancel', await a.call('tasks/cancel', { taskId: created.taskId })]);
        } catch {
          // no slow tool: tasks/cancel is not covered here
        }
      }
      const carrying = replies.filter(([, r]) => r.kind === 'result' && isObject(r.result._meta) && RELATED_TASK in r.result._meta);
      if (carrying.length)
        return warn(
          carrying.map(([m, r]) => `${m}: ${describe(r)}`).join('; '),
          `no _meta["${RELATED_TASK}"] in these results (the taskId is already there)`,
        );
      return pass(replies.map(([m]) => m).join(', '));
    },
  ),

  check(
    {
      id: 'poll.no-sse-for-get',
      rule: 'R29',
      level: 'SHOULD',
      area: 'polling',
      title: 'over Streamable HTTP, tasks/get is answered as JSON, not upgraded to an SSE stream',
    },
    async (ctx) => {
      if (ctx.transport !== 'url') return skip('the target is stdio: no HTTP streams');
      const { taskId } = await completedTask(ctx);
      const a = await ctx.a();
      await a.call('tasks/get', { taskId });
      const gets = a.http.filter((x) => x.methods.length === 1 && x.methods[0] === 'tasks/get');
      if (!gets.length) return skip('no HTTP exchange for tasks/get was recorded');
      const sse = gets.filter((x) => x.contentType.includes('text/event-stream'));
      if (sse.length)
        return warn(
          `${sse.length} of ${gets.length} tasks/get POSTs answered with Content-Type ${sse[0]!.contentType}`,
          'application/json responses for tasks/get where possible',
        );
      return pass(`${gets.length} tasks/get POSTs answered with ${gets[0]!.contentType}`);
    },
  ),
];

/** Whole-run checks over every Task seen on the wire; they run last. */
export const pollingFinalChecks: Check[] = [
  check(
    {
      id: 'poll.valid-transitions',
      rule: 'R22',
      level: 'MUST',
      area: 'polling',
      title: 'every task seen in this run only moved along valid paths (terminal statuses never change)',
    },
    async (ctx) => {
      const sightings = ctx.sightings();
      if (!sightings.length) return skip('no task was seen in this run');
      const byTask = new Map<string, typeof sightings>();
      for (const s of sightings)
        if (typeof s.task.taskId === 'string') byTask.set(s.task.taskId, [...(byTask.get(s.task.taskId) ?? []), s]);
      const problems: string[] = [];
      for (const [taskId, list] of byTask) {
        const bad = list.find(
          (s) =>
            typeof s.task.status !== 'string' || !['working', 'input_required', 'completed', 'failed', 'cancelled'].includes(s.task.status),
        );
        if (bad) problems.push(`${taskId}: status ${brief(bad.task.status)} in ${bad.source}`);
        const first = list.find((s) => isTerminalStatus(s.task.status));
        if (!first) continue;
        for (const s of list) {
          if (s.task.status === first.task.status) continue;
          // A response to a request sent after the terminal sighting is causally later; a
          // notification is later if it says the task was updated after the terminal one.
          const later =
            s.source === STATUS_NOTIFICATION
              ? Date.parse(String(s.task.lastUpdatedAt)) > Date.parse(String(first.task.lastUpdatedAt))
              : (s.sentAt ?? 0) > first.at;
          if (later)
            problems.push(`${taskId}: ${String(first.task.status)} (${first.source}), then ${String(s.task.status)} (${s.source})`);
        }
      }
      if (problems.length)
        return fail(
          problems.slice(0, 5).join('; '),
          'working/input_required -> working/input_required/completed/failed/cancelled only; a terminal status never changes',
        );
      return pass(`${byTask.size} tasks, ${sightings.length} sightings`);
    },
  ),

  check(
    {
      id: 'poll.poll-interval',
      rule: 'R31',
      level: 'MAY',
      area: 'polling',
      title: 'pollInterval, when present, is an integer number of ms',
    },
    async (ctx) => {
      const withInterval = ctx.sightings().filter((s) => Object.hasOwn(s.task, 'pollInterval'));
      if (!withInterval.length) return skip('no Task carried pollInterval (optional)');
      const bad = withInterval.filter((s) => !Number.isInteger(s.task.pollInterval) || (s.task.pollInterval as number) < 0);
      if (bad.length) return fail(`${bad[0]!.source}: pollInterval ${brief(bad[0]!.task.pollInterval)}`, 'a non-negative integer (ms)');
      return pass(`e.g. ${String(withInterval[0]!.task.pollInterval)} ms`);
    },
  ),
];
