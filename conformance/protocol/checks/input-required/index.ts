/**
 * input_required and side-channel requests: R41, R47, R48, R50, R53 (digest section 3.7). The
 * request may be an elicitation or a sampling request (R48 names both); the kit answers either as
 * answers.ts says, and the notes say what it answered.
 */
import { fail, inconclusive, pass, skip, warn } from '../../../core/check.js';
import { brief, isObject, type Json } from '../../../core/json.js';
import { INPUT_KEY, RELATED_TASK } from '../../../core/wire.js';
import { describeAnswer, SIDE_CHANNEL_METHODS, type AnswerRecord } from '../../answers.js';
import { check, type Check } from '../../check.js';
import { describe, type CheckContext, type ToolCall } from '../../context.js';
import type { Incoming, WireReply } from '../../session.js';

const MESSAGE = 'conformance: what is your answer?';

interface InputFlow {
  call: string;
  taskId: string;
  sawInputRequired: boolean;
  statuses: string[];
  /** The first side-channel request of the task (elicitation/create or sampling/createMessage). */
  elicitation?: Incoming;
  /** What the kit answered to it. */
  answer?: AnswerRecord;
  result: WireReply;
  final: WireReply;
  /** How many times the elicitation arrived (over all streams). */
  deliveries: number;
  /** The JSON-RPC ids it arrived under, in order. */
  ids: unknown[];
}

/** The input tool as a task: poll to input_required, call tasks/result, answer its request. */
function inputFlow(ctx: CheckContext): Promise<InputFlow> {
  return ctx.memo('input.flow', async () => {
    const call = ctx.roleTool('input');
    const a = await ctx.a();
    const created = await ctx.createTask(a, call);
    const { taskId } = ctx.needTask(created, call);
    const polled = await ctx.poll(a, taskId, (t) => t.status !== 'working', Math.max(3_000, ctx.observed(call)?.durationMs ?? 0));
    const seen = ctx.sightings(taskId).some((s) => s.task.status === 'input_required');
    const pending = a.call('tasks/result', { taskId }, { timeoutMs: ctx.waitMs(10_000) });
    const ours = (m: Incoming) => {
      if (!SIDE_CHANNEL_METHODS.includes(m.method) || m.at < created.at) return false;
      const related = isObject(m.params._meta) ? m.params._meta[RELATED_TASK] : undefined;
      return m.params.message === MESSAGE || (isObject(related) && related.taskId === taskId);
    };
    const elicitation = await a.waitForIncoming(ours, 5_000, ctx.signal);
    const result = await pending;
    const final = await a.call('tasks/get', { taskId });
    await ctx.sleep(100);
    const ids = a.incoming.filter(ours).map((m) => m.id);
    const answer =
      elicitation && a.answers.find((r) => r.requestId === elicitation.id && r.method === elicitation.method && r.at >= elicitation.at);
    return {
      call: call.name,
      taskId,
      sawInputRequired: seen || polled.statuses.includes('input_required'),
      statuses: polled.statuses,
      result,
      final,
      deliveries: ids.length,
      ids,
      ...(elicitation && { elicitation }),
      ...(answer && { answer }),
    };
  });
}

const relatedOf = (m: Incoming): unknown => (isObject(m.params._meta) ? m.params._meta[RELATED_TASK] : undefined);

export const inputChecks: Check[] = [
  check(
    {
      id: 'input.status',
      rule: 'R47',
      level: 'SHOULD',
      area: 'input-required',
      title: 'a task waiting for the requestor shows status input_required',
    },
    async (ctx) => {
      const flow = await inputFlow(ctx);
      if (flow.sawInputRequired) return pass();
      return warn(
        `statuses polled while ${flow.call} waited: ${flow.statuses.join(' -> ') || '(none)'}`,
        'input_required while its side-channel request is outstanding',
      );
    },
  ),

  check(
    {
      id: 'input.request-related-task',
      rule: 'R48',
      level: 'MUST',
      area: 'input-required',
      title: 'the side-channel request (elicitation/create, sampling/createMessage) carries related-task _meta',
    },
    async (ctx) => {
      const flow = await inputFlow(ctx);
      if (!flow.elicitation)
        return fail(
          `no elicitation/create or sampling/createMessage reached the client within 5 s of tasks/result (tasks/result: ${describe(flow.result)})`,
          `a side-channel request with _meta["${RELATED_TASK}"], e.g. on the tasks/result stream`,
        );
      const related = relatedOf(flow.elicitation);
      if (isObject(related) && typeof related.taskId === 'string') return pass(flow.elicitation.method);
      return fail(
        `${flow.elicitation.method} params ${brief(flow.elicitation.params)}`,
        `_meta["${RELATED_TASK}"] = {"taskId":"${flow.taskId}"}`,
      );
    },
  ),

  check(
    {
      id: 'input.delivered-once',
      rule: 'R51',
      level: 'MUST',
      area: 'input-required',
      title: 'each side-channel request is sent once, on one stream only',
    },
    async (ctx) => {
      const flow = await inputFlow(ctx);
      if (!flow.elicitation) return skip('no side-channel request arrived (see input.request-related-task)');
      const twice = flow.ids.filter((id, i) => flow.ids.indexOf(id) !== i);
      if (twice.length > 0)
        return fail(
          `the ${flow.elicitation.method} with id ${JSON.stringify(twice[0])} arrived ${flow.ids.filter((id) => id === twice[0]).length} times`,
          'once (transports.mdx: each JSON-RPC message on only one of the connected streams)',
        );
      if (flow.deliveries === 1) return pass();
      // A later stream may ask again, as a new request, when the one that carried it ended first (A10).
      return pass(
        `asked ${flow.deliveries} times, each time as a request of its own (${new Set(flow.ids).size} ids): carried again after a stream that carried it ended`,
      );
    },
  ),

  check(
    {
      id: 'input.same-task-id',
      rule: 'R53',
      level: 'MUST',
      area: 'input-required',
      title: "the side-channel request shares the tool call's task ID",
    },
    async (ctx) => {
      const flow = await inputFlow(ctx);
      const related = flow.elicitation && relatedOf(flow.elicitation);
      if (!isObject(related)) return skip('no side-channel request with related-task metadata (see input.request-related-task)');
      if (related.taskId === flow.taskId) return pass();
      return fail(`related-task ${brief(related)}`, `{"taskId":"${flow.taskId}"}`);
    },
  ),

  check(
    {
      id: 'input.leaves-input-required',
      rule: 'R50',
      level: 'SHOULD',
      area: 'input-required',
      title: 'once answered, the task leaves input_required',
    },
    async (ctx) => {
      const flow = await inputFlow(ctx);
      if (!flow.elicitation) return skip('no side-channel request arrived (see input.request-related-task)');
      if (flow.final.kind !== 'result') return skip(`tasks/get after the answer: ${describe(flow.final)}`);
      if (flow.final.result.status !== 'input_required') return pass(`now ${String(flow.final.result.status)}`);
      return warn(`tasks/get after the answer: status ${String(flow.final.result.status)}`, 'working (or terminal) again');
    },
  ),

  check(
    {
      id: 'input.result-after-answer',
      rule: 'R41',
      level: 'MUST',
      area: 'input-required',
      title: 'tasks/result then returns the tool result built from the answer',
    },
    async (ctx) => {
      const flow = await inputFlow(ctx);
      if (!flow.elicitation) return skip('no side-channel request arrived (see input.request-related-task)');
      const said = `the kit's answer to its ${flow.elicitation.method}: ${flow.answer ? describeAnswer(flow.answer) : '(not recorded)'}`;
      const { result } = flow;
      const content = result.kind === 'result' ? result.result.content : undefined;
      const text = Array.isArray(content) ? content.map((c) => (isObject(c) ? String((c as Json).text ?? '') : '')).join('') : '';
      if (flow.call === 'ask_input') {
        // The fixture echoes the text the kit put in the form's `answer` field.
        const sent = flow.answer?.result?.content;
        const expected = isObject(sent) && typeof sent.answer === 'string' ? sent.answer : ctx.options.answer;
        if (result.kind === 'result' && result.result.isError !== true && text.includes(expected)) return pass();
        return fail(
          `tasks/result: ${describe(result)} (${said})`,
          `a CallToolResult whose text is the answer ${JSON.stringify(expected)} (fixture ask_input)`,
        );
      }
      // Another tool's result is its own: any CallToolResult (an isError one says the tool did
      // not like the answer, which is its right), or the error a failed task ended with (R42).
      if (result.kind === 'result' && Array.isArray(content)) {
        if (result.result.isError !== true) return pass(`${flow.call}: a CallToolResult after ${said}`);
        return pass(
          `${flow.call}: an isError CallToolResult after ${said}, so the server may have refused the kit's answer: ${brief(text, 200)}`,
        );
      }
      const status = flow.final.kind === 'result' ? flow.final.result.status : undefined;
      if (result.kind === 'error' && status === 'failed')
        return pass(`${flow.call}: the task failed after ${said}; tasks/result gives its error (${describe(result)})`);
      return fail(
        `tasks/result: ${describe(result)} (${said})`,
        "the tool's CallToolResult (for a task that failed with a JSON-RPC error: that error)",
      );
    },
  ),

  // R50 with a tool that keeps asking (fixture `ask_forever`): after each answer the task must
  // leave input_required (back to working) before it asks again, not stay in input_required.
  check(
    {
      id: 'input.back-to-working',
      rule: 'R50',
      level: 'SHOULD',
      area: 'input-required',
      title: 'once an answer arrives, the task leaves input_required (working) before it asks again',
    },
    async (ctx) => {
      ctx.requireCapability('tools.call');
      if (!ctx.tool('ask_forever'))
        return skip('the server offers no "ask_forever" fixture tool (asks again after every answer; see reference-server/FIXTURES.md)');
      const call: ToolCall = { name: 'ask_forever', args: {} };
      const a = await ctx.a();
      const created = await ctx.createTask(a, call);
      const { taskId } = ctx.needTask(created, call);
      const first = await ctx.poll(a, taskId, (t) => t.status !== 'working', 3_000);
      if (first.task?.status !== 'input_required')
        return skip(`the ask_forever task did not show input_required (statuses: ${first.statuses.join(' -> ')}; see input.status)`);
      const ours = (m: Incoming) =>
        m.method === 'elicitation/create' &&
        m.at >= created.at &&
        isObject(m.params._meta) &&
        isObject(m.params._meta[RELATED_TASK]) &&
        (m.params._meta[RELATED_TASK] as { taskId?: unknown }).taskId === taskId;
      const stop = new AbortController();
      const pending = a.call('tasks/result', { taskId }, { signal: stop.signal });
      const answered = await a.waitForIncoming(ours, 5_000, ctx.signal);
      if (!answered) {
        stop.abort();
        await pending;
        return skip('no elicitation/create for the ask_forever task arrived on tasks/result (see input.request-related-task)');
      }
      // Watch the status until a second question arrives (poll and notifications together). A
      // question is counted once however many streams carried it (A10: a tasks/get may carry the
      // first one before tasks/result does): by its key, which the fixture's server sends.
      const keyOf = (m: Incoming) => (isObject(m.params._meta) ? m.params._meta[INPUT_KEY] : undefined) ?? m.id;
      const questions = () => new Set(a.incoming.filter(ours).map(keyOf)).size;
      const deadline = Date.now() + 3_000;
      while (Date.now() < deadline && questions() < 2) {
        await a.call('tasks/get', { taskId });
        await ctx.sleep(20);
      }
      const askedAgain = questions() >= 2;
      stop.abort();
      await pending;
      const after = ctx
        .sightings(taskId)
        .filter((s) => s.at > answered.at)
        .map((s) => String(s.task.status));
      if (after.includes('working')) return pass(`after the answer: ${[...new Set(after)].join(', ')}`);
      // No second question yet: the answer may still be on its way to the work (a slow store or
      // machine); seeing only input_required then says nothing about R50.
      if (!askedAgain)
        return inconclusive(
          `no second question within 3 s of the answer, and the task showed only ${[...new Set(after)].join(', ') || '(nothing)'}`,
        );
      return warn(
        `after the answer the task showed only ${[...new Set(after)].join(', ') || '(nothing)'}`,
        'working (out of input_required) once the requested input arrived',
      );
    },
  ),
];
export { inputRedeliveryChecks } from './redelivery.js';
