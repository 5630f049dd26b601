/**
 * A tool that keeps asking (fixture `ask_forever`: after every answer it works 300 ms and asks
 * again): after the answer the task leaves input_required before the next question (R50), and
 * the next question is a request of its own, under a JSON-RPC id never used before in the session
 * (R51: one id is one message; the base protocol: a requestor never reuses a request id in a
 * session), e.g. not one derived from a question key that was reused once the first was answered.
 */
import { fail, inconclusive, pass, skip, warn } from '../../../core/check.js';
import { brief, isObject } from '../../../core/json.js';
import { RELATED_TASK } from '../../../core/wire.js';
import { check, type Check } from '../../check.js';
import type { CheckContext, ToolCall } from '../../context.js';
import type { Incoming } from '../../session.js';

interface AskAgain {
  taskId: string;
  /** The first question, answered by the kit's session. */
  first: Incoming;
  /** The next question (other params than the first), if one came within 3 s. */
  second?: Incoming;
  /** Statuses seen after the answer (polls and notifications). */
  after: string[];
}

/** One question asked, in whatever stream carried it: its params without `_meta`. */
const questionOf = (m: Incoming): string => {
  const { _meta: _ignored, ...rest } = m.params;
  return JSON.stringify(rest);
};

/** ask_forever as a task: its first question answered on tasks/result, then watched until it asks again. */
function askAgain(ctx: CheckContext): Promise<AskAgain | string> {
  return ctx.memo('input.ask-again', async () => {
    ctx.requireCapability('tools.call');
    if (!ctx.tool('ask_forever'))
      return 'the server offers no "ask_forever" fixture tool (asks again after every answer; see reference-server/FIXTURES.md)';
    const call: ToolCall = { name: 'ask_forever', args: {} };
    const a = await ctx.a();
    const created = await ctx.createTask(a, call);
    const { taskId } = ctx.needTask(created, call);
    const polled = await ctx.poll(a, taskId, (t) => t.status !== 'working', 3_000);
    if (polled.task?.status !== 'input_required')
      return `the ask_forever task did not show input_required (statuses: ${polled.statuses.join(' -> ')}; see input.status)`;
    const ours = (m: Incoming) =>
      m.method === 'elicitation/create' &&
      m.at >= created.at &&
      isObject(m.params._meta) &&
      isObject(m.params._meta[RELATED_TASK]) &&
      (m.params._meta[RELATED_TASK] as { taskId?: unknown }).taskId === taskId;
    const stop = new AbortController();
    const pending = a.call('tasks/result', { taskId }, { signal: stop.signal });
    try {
      const first = await a.waitForIncoming(ours, 5_000, ctx.signal);
      if (!first) return 'no elicitation/create for the ask_forever task arrived on tasks/result (see input.request-related-task)';
      // Watch until another question arrives (poll and notifications together). A question is
      // counted once however many streams carried it (A10: a tasks/get may carry it too).
      const next = () => a.incoming.find((m) => ours(m) && questionOf(m) !== questionOf(first));
      const deadline = Date.now() + 3_000;
      while (Date.now() < deadline && !next()) {
        await a.call('tasks/get', { taskId });
        await ctx.sleep(20);
      }
      const second = next();
      const after = ctx
        .sightings(taskId)
        .filter((s) => s.at > first.at)
        .map((s) => String(s.task.status));
      return { taskId, first, after, ...(second && { second }) };
    } finally {
      stop.abort();
      await pending;
    }
  });
}

export const askAgainChecks: Check[] = [
  check(
    {
      id: 'input.back-to-working',
      rule: 'R50',
      level: 'SHOULD',
      area: 'input-required',
      title: 'once an answer arrives, the task leaves input_required (working) before it asks again',
    },
    async (ctx) => {
      const flow = await askAgain(ctx);
      if (typeof flow === 'string') return skip(flow);
      const seen = [...new Set(flow.after)].join(', ') || '(nothing)';
      if (flow.after.includes('working')) return pass(`after the answer: ${seen}`);
      // No second question yet: the answer may still be on its way to the work (a slow store or
      // machine); seeing only input_required then says nothing about R50.
      if (!flow.second) return inconclusive(`no second question within 3 s of the answer, and the task showed only ${seen}`);
      return warn(`after the answer the task showed only ${seen}`, 'working (out of input_required) once the requested input arrived');
    },
  ),
  check(
    {
      id: 'input.new-question-new-id',
      rule: 'R51',
      level: 'MUST',
      area: 'input-required',
      title: 'a question asked after the first was answered comes under a JSON-RPC id of its own',
    },
    async (ctx) => {
      const flow = await askAgain(ctx);
      if (typeof flow === 'string') return skip(flow);
      if (!flow.second) return inconclusive('ask_forever asked no second question within 3 s of the first answer');
      if (flow.second.id !== flow.first.id) return pass();
      return fail(
        `the second question ${brief(flow.second.params.message ?? flow.second.params)} came under id ${JSON.stringify(flow.second.id)}, the id of the first (${brief(flow.first.params.message ?? flow.first.params)}), which the kit had answered`,
        'a new request id: one id is one message (R51), and a requestor never reuses a request id within a session (base protocol); e.g. a question key reused once the first question was answered',
      );
    },
  ),
];
