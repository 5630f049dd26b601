/**
 * A question answered with a JSON-RPC error (A10, R42), seen through a raw HTTP client that answers
 * every question of the input task with the same error, as a client without a handler would: the
 * question is settled once, and ask_input's tasks/result answers with that error.
 */
import { isDeepStrictEqual } from 'node:util';
import { fail, inconclusive, pass, skip } from '../../../core/check.js';
import { brief, isObject, type Json } from '../../../core/json.js';
import { check, type Check } from '../../check.js';
import type { CheckContext } from '../../context.js';
import { relatedTo, withInputTask } from './raw-input-task.js';

/** Re-sends of one question after an error answer that make a loop. */
const LOOP = 3;

/** What the kit answers every question with in the error-answer checks: a client without a handler, with data. */
const ERROR_ANSWER = { code: -32601, message: 'Method not found', data: { conformance: 'no handler for this request' } } as const;

interface ErrorAnswered {
  call: string;
  /** Questions answered with ERROR_ANSWER on one tasks/result. */
  answered: number;
  /** That tasks/result's response, when it came. */
  response?: Json;
  outcome: string;
}

/** The input task's questions, each answered with ERROR_ANSWER, on one tasks/result. */
function errorAnswered(ctx: CheckContext): Promise<ErrorAnswered> {
  return ctx.memo('input.error-answered', () =>
    withInputTask(ctx, async (raw, taskId, call) => {
      const ours = relatedTo(taskId);
      const stream = raw.request('tasks/result', { taskId });
      const answered = new Set<unknown>();
      const until = Date.now() + ctx.waitMs(3_000);
      // Like a client without a handler for the method: every such request gets the error.
      while (Date.now() < until && answered.size <= 50) {
        const next = await stream.next((m) => (ours(m) && !answered.has(m.id)) || m.id === stream.id, until - Date.now(), ctx.signal);
        if (!next || next.id === stream.id) break;
        answered.add(next.id);
        await raw.post({ jsonrpc: '2.0', id: next.id, error: ERROR_ANSWER });
      }
      const response = await stream.response(0);
      const outcome = response ? brief('error' in response ? response.error : response.result, 160) : 'tasks/result still waiting';
      return { call, answered: answered.size, outcome, ...(response && { response }) };
    }),
  );
}

export const errorAnswerChecks: Check[] = [
  check(
    {
      id: 'input.error-answer-once',
      rule: 'A10',
      level: 'MUST',
      area: 'input-required',
      title: 'a question answered with a JSON-RPC error is settled once, not asked again and again',
    },
    async (ctx) => {
      const flow = await errorAnswered(ctx);
      if (flow.answered === 0) return skip('no tasks/result carried the question (see input.request-related-task)');
      if (flow.answered > LOOP)
        return fail(
          `the question was sent ${flow.answered} times on one tasks/result, each answered with ${ERROR_ANSWER.code}`,
          'an error answer settles the question: the task goes on (or fails) with it, the question is not sent again',
        );
      return pass(`${flow.answered} request(s) answered with ${ERROR_ANSWER.code}; then ${flow.outcome}`);
    },
  ),

  check(
    {
      id: 'input.error-answer-propagated',
      rule: 'R42',
      level: 'MUST',
      area: 'input-required',
      title:
        "ask_input's question answered with a JSON-RPC error: tasks/result answers that error (the fixture fails with what its elicitation threw)",
    },
    async (ctx) => {
      const flow = await errorAnswered(ctx);
      if (flow.call !== 'ask_input')
        return skip(
          `the input tool is ${flow.call}, not the fixture ask_input, whose failure on an error answer is documented (reference-server/FIXTURES.md)`,
        );
      if (flow.answered === 0) return skip('no tasks/result carried the question (see input.request-related-task)');
      if (!flow.response) return inconclusive(`tasks/result did not answer within ${ctx.waitMs(3_000)} ms of the error answer`);
      const error = 'error' in flow.response && isObject(flow.response.error) ? flow.response.error : undefined;
      const same =
        error !== undefined &&
        error.code === ERROR_ANSWER.code &&
        error.message === ERROR_ANSWER.message &&
        isDeepStrictEqual(error.data, ERROR_ANSWER.data);
      if (same) return pass();
      return fail(
        `tasks/result after the kit answered the elicitation with ${brief(ERROR_ANSWER)}: ${flow.outcome}`,
        `that same JSON-RPC error (code, message, data): ask_input fails with what its elicitation threw, and tasks/result returns the underlying request's error (R42)`,
      );
    },
  ),
];
