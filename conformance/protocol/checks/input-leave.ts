/**
 * R50 with a tool that keeps asking (fixture `ask_forever`): after each answer the task must
 * leave input_required (back to working) before it asks again, not stay in input_required.
 */
import { pass, skip, warn } from '../../core/check.js';
import { isObject } from '../../core/json.js';
import { RELATED_TASK } from '../../core/wire.js';
import { check, type Check } from '../check.js';
import type { ToolCall } from '../context.js';
import type { Incoming } from '../session.js';

export const inputLeaveChecks: Check[] = [
  check(
    { id: 'input.back-to-working', rule: 'R50', level: 'SHOULD', area: 'input-required', title: 'once an answer arrives, the task leaves input_required (working) before it asks again' },
    async (ctx) => {
      ctx.requireCapability('tools.call');
      if (!ctx.tool('ask_forever')) return skip('the server offers no "ask_forever" fixture tool (asks again after every answer; see reference-server/FIXTURES.md)');
      const call: ToolCall = { name: 'ask_forever', args: {} };
      const a = await ctx.a();
      const created = await ctx.createTask(a, call);
      const { taskId } = ctx.needTask(created, call);
      const first = await ctx.poll(a, taskId, (t) => t.status !== 'working', 3_000);
      if (first.task?.status !== 'input_required') return skip(`the ask_forever task did not show input_required (statuses: ${first.statuses.join(' -> ')}; see input.status)`);
      const ours = (m: Incoming) => m.method === 'elicitation/create' && m.at >= created.at && isObject(m.params._meta) && isObject(m.params._meta[RELATED_TASK]) && (m.params._meta[RELATED_TASK] as { taskId?: unknown }).taskId === taskId;
      const stop = new AbortController();
      const pending = a.call('tasks/result', { taskId }, { signal: stop.signal });
      const answered = await a.waitForIncoming(ours, 5_000, ctx.signal);
      if (!answered) {
        stop.abort();
        await pending;
        return skip('no elicitation/create for the ask_forever task arrived on tasks/result (see input.request-related-task)');
      }
      // Watch the status until a second question arrives (poll and notifications together).
      const deadline = Date.now() + 3_000;
      while (Date.now() < deadline && a.incoming.filter(ours).length < 2) {
        await a.call('tasks/get', { taskId });
        await ctx.sleep(20);
      }
      stop.abort();
      await pending;
      const after = ctx.sightings(taskId).filter((s) => s.at > answered.at).map((s) => String(s.task.status));
      if (after.includes('working')) return pass(`after the answer: ${[...new Set(after)].join(', ')}`);
      return warn(`after the answer the task showed only ${[...new Set(after)].join(', ') || '(nothing)'}`, 'working (out of input_required) once the requested input arrived');
    },
  ),
];
