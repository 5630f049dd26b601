/**
 * A question must not be lost (A10, R49, R51, R45): a side-channel request a stream carried, and
 * that stream ended without an answer, is asked again by the next `tasks/result`; an answer sent
 * after the carrying stream ended is still taken; a JSON-RPC error answer settles the question
 * once (error-answer.ts). Seen through a raw HTTP client (raw-session.ts, raw-input-task.ts) that
 * ignores a question on `tasks/get`, drops a `tasks/result` stream after its question, answers
 * late, or answers with an error.
 * Waiting too long is never a failure by itself: a check fails only when the task still waits for
 * input while nothing asked it (or when a question is sent again and again).
 */
import { fail, inconclusive, pass, skip, warn } from '../../../core/check.js';
import { isObject, type Json } from '../../../core/json.js';
import { isTerminalStatus } from '../../../core/wire.js';
import { check, type Check } from '../../check.js';
import type { CheckContext } from '../../context.js';
import type { RawSession, RawStream } from '../../raw-session.js';
import { errorAnswerChecks } from './error-answer.js';
import { relatedTo, withInputTask } from './raw-input-task.js';

/** How long a waiting tasks/result may take to carry a question the task is waiting on. */
const ASK_MS = 5_000;

/** A question carried by a tasks/get stream and left unanswered, then a tasks/result. */
interface AfterGet {
  call: string;
  /** The question on a tasks/get stream, left unanswered. */
  onGet?: Json;
  /** The task's status when the poll stopped. */
  polled?: unknown;
  onResult?: Json;
  /** Status while that tasks/result carried nothing. */
  after?: unknown;
}

/** A question carried by a tasks/result whose stream is dropped, then the next one's, answered late. */
interface AfterClose {
  onFirst?: Json;
  onSecond?: Json;
  /** Status while the second tasks/result carried nothing. */
  after?: unknown;
  /** After answering the dropped stream's question late: the statuses seen, and how often it was asked again. */
  late?: { statuses: unknown[]; askedAgain: number };
}

function answerTo(question: Json, text: string): Json {
  if (question.method === 'sampling/createMessage') return { role: 'assistant', content: { type: 'text', text }, model: 'conformance' };
  return { action: 'accept', content: { answer: text } };
}

async function statusOf(ctx: CheckContext, raw: RawSession, taskId: string): Promise<{ status: unknown; asked: boolean }> {
  const { stream, response } = await raw.call('tasks/get', { taskId }, ctx.options.requestTimeoutMs, ctx.signal);
  return { status: isObject(response?.result) ? response.result.status : undefined, asked: stream.messages.some(relatedTo(taskId)) };
}

/** Nothing was asked on `stream` within ASK_MS: the task's status now (the stream is dropped). */
async function quiet(ctx: CheckContext, raw: RawSession, taskId: string, stream: RawStream): Promise<unknown> {
  const { status } = await statusOf(ctx, raw, taskId);
  stream.drop();
  return status;
}

/** Poll like a client that ignores questions on tasks/get; then open tasks/result. */
function afterGet(ctx: CheckContext): Promise<AfterGet> {
  return ctx.memo('input.after-get', () =>
    withInputTask(ctx, async (raw, taskId, call) => {
      const ours = relatedTo(taskId);
      const flow: AfterGet = { call };
      const deadline = Date.now() + ctx.waitMs(5_000);
      for (;;) {
        const { stream, response } = await raw.call('tasks/get', { taskId }, ctx.options.requestTimeoutMs, ctx.signal);
        flow.polled = isObject(response?.result) ? response.result.status : undefined;
        flow.onGet = stream.messages.find(ours);
        if (flow.onGet || flow.polled === 'input_required' || isTerminalStatus(flow.polled) || Date.now() > deadline || ctx.signal.aborted)
          break;
        await ctx.sleep(50);
      }
      if (!flow.onGet) return flow;
      const result = raw.request('tasks/result', { taskId });
      flow.onResult = await result.next(ours, ASK_MS, ctx.signal);
      if (!flow.onResult) flow.after = await quiet(ctx, raw, taskId, result);
      return flow;
    }),
  );
}

/** tasks/result at once; drop its stream after the question; the next one; drop it; answer late. */
function afterClose(ctx: CheckContext): Promise<AfterClose> {
  return ctx.memo('input.after-close', () =>
    withInputTask(ctx, async (raw, taskId) => {
      const ours = relatedTo(taskId);
      const flow: AfterClose = {};
      const first = raw.request('tasks/result', { taskId });
      flow.onFirst = await first.next(ours, ctx.waitMs(ASK_MS), ctx.signal);
      first.drop();
      if (!flow.onFirst) return flow;
      const second = raw.request('tasks/result', { taskId });
      flow.onSecond = await second.next(ours, ASK_MS, ctx.signal);
      if (!flow.onSecond) {
        flow.after = await quiet(ctx, raw, taskId, second);
        return flow;
      }
      second.drop();
      // A person answers later: give the server time to see the stream closed (pacing, not judged).
      await ctx.sleep(300);
      await raw.post({ jsonrpc: '2.0', id: flow.onSecond.id, result: answerTo(flow.onSecond, ctx.options.answer) });
      flow.late = { statuses: [], askedAgain: 0 };
      const until = Date.now() + ctx.waitMs(5_000);
      while (Date.now() < until && !ctx.signal.aborted) {
        const seen = await statusOf(ctx, raw, taskId);
        flow.late.statuses.push(seen.status);
        if (seen.asked) flow.late.askedAgain++;
        if (seen.status !== 'input_required') break;
        await ctx.sleep(100);
      }
      return flow;
    }),
  );
}

const lost = (where: string, status: unknown) =>
  fail(
    `${where}; no request for the task reached the tasks/result that waited ${ASK_MS / 1000} s, and the task is still ${String(status)}`,
    'the question asked again on the next tasks/result (A10: until answered, at least once, on one stream at a time)',
  );

export const inputRedeliveryChecks: Check[] = [
  check(
    {
      id: 'input.asked-again-after-get',
      rule: 'A10',
      level: 'MUST',
      area: 'input-required',
      title: 'a question a tasks/get stream carried and nobody answered is asked on the next tasks/result (R49, R51)',
    },
    async (ctx) => {
      const flow = await afterGet(ctx);
      if (!flow.onGet && flow.polled !== 'input_required')
        return skip(`the ${flow.call} task did not wait for input (last status ${String(flow.polled)})`);
      if (!flow.onGet)
        return skip('no tasks/get stream carried the question (the server asks only on tasks/result; see input.request-related-task)');
      if (flow.onResult) return pass();
      if (flow.after !== 'input_required')
        return inconclusive(`nothing was asked on tasks/result, but the task is now ${String(flow.after)}`);
      return lost('the question rode on a tasks/get response and was not answered', flow.after);
    },
  ),

  check(
    {
      id: 'input.asked-again-after-close',
      rule: 'A10',
      level: 'MUST',
      area: 'input-required',
      title: 'a question whose tasks/result stream the client dropped is asked again on the next tasks/result (R45)',
    },
    async (ctx) => {
      const flow = await afterClose(ctx);
      if (!flow.onFirst) return skip('no tasks/result carried the question (see input.request-related-task)');
      if (flow.onSecond) return pass();
      if (flow.after !== 'input_required')
        return inconclusive(`nothing was asked on the second tasks/result, but the task is now ${String(flow.after)}`);
      return lost('the question rode on a tasks/result whose stream the client then dropped', flow.after);
    },
  ),

  check(
    {
      id: 'input.late-answer-taken',
      rule: 'A10',
      level: 'SHOULD',
      area: 'input-required',
      title: 'an answer POSTed after the carrying stream ended is taken (the question was still open)',
    },
    async (ctx) => {
      const flow = await afterClose(ctx);
      if (!flow.late) return skip('the question was not carried twice (see input.asked-again-after-close)');
      const { statuses, askedAgain } = flow.late;
      const last = statuses.at(-1);
      if (last !== undefined && last !== 'input_required') return pass(`after the late answer: ${statuses.map(String).join(' -> ')}`);
      if (askedAgain === 0)
        return inconclusive(
          `the task stayed input_required after the late answer, but nothing was asked again (statuses ${statuses.map(String).join(', ')})`,
        );
      return warn(
        `after the answer (POSTed under the question's id once its stream was dropped) the task stayed input_required and tasks/get asked the same question again ${askedAgain} time(s)`,
        'the late answer taken: the question was still outstanding, whichever stream carried it',
      );
    },
  ),
  ...errorAnswerChecks,
];
