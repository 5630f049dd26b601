/**
 * Input through tasks/get and tasks/update: outstanding requests inlined under keys (T9), the
 * update ack (T14), unknown keys ignored (T15), partial answers leaving the task input_required
 * (T16), and keys never reused after an answer nor for two requests (T13; the official kit does
 * not check this). Tools: the official fixtures `confirm_delete` (one question), `multi_input` (two).
 */
import { fail, pass, SkipCheck, warn } from '../../core/check.js';
import { brief, isObject, type Json } from '../../core/json.js';
import { isTerminalStatus } from '../../core/wire.js';
import { check26, TASK_FIELDS } from './check26.js';
import { ACCEPT, inputKeys, type Context2026 } from './context.js';

const waitingFor = (n: number) => (t: Json) => (t.status === 'input_required' && inputKeys(t).length >= n) || isTerminalStatus(t.status);

/** A task of `tool` waiting for `n` answers (fails when it settles first). */
async function asking(
  ctx: Context2026,
  tool: string,
  args: Json,
  n: number,
  why: string,
  seen?: (t: Json) => void,
): Promise<{ taskId: string; task: Json }> {
  ctx.fixture(tool, why);
  const taskId = (await ctx.createTask(tool, args)).taskId as string;
  const task = await ctx.pollUntil(taskId, waitingFor(n), `input_required with ${n} request(s)`, seen);
  if (task.status !== 'input_required') throw new SkipCheck(`\`${tool}\` settled without asking (${brief(task)}): nothing to check`);
  return { taskId, task };
}

const ackProblem = (reply: Awaited<ReturnType<Context2026['call']>>): string | undefined => {
  if (reply.kind !== 'result') return brief(reply);
  if (reply.result.resultType !== 'complete' || TASK_FIELDS.some((k) => k in reply.result)) return brief(reply.result);
  return undefined;
};
const ACK = 'the empty ack {resultType: "complete"}';

export const inputChecks = [
  check26(
    {
      id: 't26.input-inlined',
      rule: 'T9',
      level: 'MUST',
      title: 'input_required inlines inputRequests; answering them acks and completes the task (also T14)',
    },
    async (ctx) => {
      const { taskId, task } = await asking(ctx, 'confirm_delete', { filename: 'conformance.txt' }, 1, 'that asks one question');
      const requests = task.inputRequests as Json;
      const bad = Object.entries(requests).filter(([, r]) => !isObject(r) || typeof r.method !== 'string');
      if (bad.length) return fail(brief(requests), 'each inputRequests entry is a request with a method');
      const ack = ackProblem(
        await ctx.call('tasks/update', { taskId, inputResponses: Object.fromEntries(Object.keys(requests).map((k) => [k, ACCEPT])) }),
      );
      if (ack) return fail(`tasks/update: ${ack}`, ACK);
      const end = await ctx.settled(taskId);
      return end.status === 'completed' ? pass() : fail(brief(end), 'completed once every request is answered');
    },
  ),
  check26(
    {
      id: 't26.update-unknown-key',
      rule: 'T15',
      level: 'SHOULD',
      title: 'tasks/update ignores a key that is not outstanding (before validating its value)',
    },
    async (ctx) => {
      const { taskId } = await asking(ctx, 'confirm_delete', { filename: 'conformance.txt' }, 1, 'that asks one question');
      const reply = await ctx.call('tasks/update', { taskId, inputResponses: { 'conformance-unknown-key': { ignored: true } } });
      const ack = ackProblem(reply);
      if (ack) return warn(`tasks/update with only an unknown key: ${ack}`, `${ACK}, the unknown key ignored`);
      const task = await ctx.get(taskId);
      return task.status === 'input_required' ? pass() : warn(brief(task), 'the task still input_required: an unknown key answers nothing');
    },
  ),
  check26(
    {
      id: 't26.partial-answers',
      rule: 'T16',
      level: 'MUST',
      title: 'After answering one of two requests the task stays input_required with the other',
    },
    async (ctx) => {
      const { taskId, task } = await asking(ctx, 'multi_input', {}, 2, 'that asks two questions at once');
      const [first, second] = inputKeys(task) as [string, string];
      const ack = ackProblem(await ctx.call('tasks/update', { taskId, inputResponses: { [first]: ACCEPT } }));
      if (ack) return pass(`the server does not take partial answers (MAY): ${ack}`);
      // The ack is eventually consistent: wait until the answered key is gone (or the task moved on).
      const after = await ctx.pollUntil(
        taskId,
        (t) => !inputKeys(t).includes(first) || t.status !== 'input_required',
        'updated after the partial answer',
      );
      // The other request may have been superseded under a new key: whatever is outstanding is answered next.
      if (after.status !== 'input_required' || inputKeys(after).length === 0)
        return fail(
          brief(after),
          `status input_required, request ${second} (or what superseded it) still outstanding until it is answered`,
        );
      await ctx.call('tasks/update', { taskId, inputResponses: Object.fromEntries(inputKeys(after).map((k) => [k, ACCEPT])) });
      const end = await ctx.settled(taskId);
      return end.status === 'completed' ? pass() : fail(brief(end), 'completed once both requests are answered');
    },
  ),
  check26(
    {
      id: 't26.keys-not-reused',
      rule: 'T13',
      level: 'MUST',
      title: 'An inputRequests key is never reused after its answer, nor for another request',
    },
    async (ctx) => {
      const requestOf = new Map<string, string>();
      const answered = new Set<string>();
      // Answered keys seen absent since: shown again, they are reused. (An answered key may still
      // show its own request for a while: the update ack is eventually consistent.)
      const gone = new Set<string>();
      const problems: string[] = [];
      const seen = (t: Json) => {
        const shown = isObject(t.inputRequests) ? t.inputRequests : {};
        for (const [key, request] of Object.entries(shown)) {
          const text = JSON.stringify(request);
          if (gone.has(key)) problems.push(`key ${key} shown again after its answer: ${brief(request)}`);
          else if (requestOf.has(key) && requestOf.get(key) !== text)
            problems.push(`key ${key} names two requests: ${brief(requestOf.get(key))} then ${brief(request)}`);
          requestOf.set(key, text);
        }
        for (const key of answered) if (!(key in shown)) gone.add(key);
      };
      const { taskId, task } = await asking(ctx, 'multi_input', {}, 2, 'that asks two questions at once', seen);
      for (const key of inputKeys(task)) {
        const ack = ackProblem(await ctx.call('tasks/update', { taskId, inputResponses: { [key]: ACCEPT } }));
        if (ack) return pass(`the server does not take one answer at a time: ${ack}`);
        answered.add(key);
        // Wait until the answer is reflected, watching every key shown meanwhile.
        await ctx.pollUntil(
          taskId,
          (t) => !inputKeys(t).includes(key) || isTerminalStatus(t.status) || problems.length > 0,
          `past key ${key}`,
          seen,
        );
        if (problems.length) break;
      }
      if (!problems.length) await ctx.settled(taskId, seen);
      return problems.length
        ? fail(problems.join('; '), "each key unique over the task's life: not shown again once answered, never for a second request")
        : pass();
    },
  ),
];
