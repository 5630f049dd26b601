/**
 * Push on the 2026 wire (tasks.md "Task Status Notifications"), which the official kit does not
 * exercise: `subscriptions/listen` for task IDs is gated on the extension (T23), and where a
 * server offers it, its ack agrees to the requestor's own tasks only (another owner's task and an
 * unknown ID left out, T20), every `notifications/tasks` is about an agreed task and carries the
 * subscription's id, and the notifications of a task stop at its terminal status, which carries
 * the inlined result (T22). A server that leaves the requestor's own task out of its ack does not
 * offer task notifications: skipped, never failed. Tool: the official fixture `slow_compute`.
 */
import { fail, inconclusive, pass, skip } from '../../core/check.js';
import { brief, isObject, type Json } from '../../core/json.js';
import { isTerminalStatus, TASKS_EXTENSION } from '../../core/wire.js';
import { check26 } from './check26.js';
import type { Context2026 } from './context.js';
import { listen, SUBSCRIPTION_ID, type ListenStream } from './listen.js';

const UNKNOWN = 'conformance-no-such-task';
const isNote = (m: Json): boolean => m.method === 'notifications/tasks' && isObject(m.params);
const paramsOf = (m: Json): Json => (isObject(m.params) ? m.params : {});

async function ownTask(ctx: Context2026, who: 'a' | 'b' = 'a'): Promise<string> {
  ctx.fixture('slow_compute', 'that runs `seconds` then completes');
  return (await ctx.createTask('slow_compute', { seconds: 1 }, who)).taskId as string;
}

/** What is wrong with the notifications of `stream` (agreed: the acked IDs); undefined: nothing. */
function notificationProblem(stream: ListenStream, agreed: readonly unknown[]): string | undefined {
  const ended = new Set<unknown>();
  for (const note of stream.messages.filter(isNote)) {
    const task = paramsOf(note);
    if (!agreed.includes(task.taskId)) return `a notification for ${brief(task.taskId)}, which the ack did not agree to: ${brief(note)}`;
    if (!isObject(task._meta) || task._meta[SUBSCRIPTION_ID] !== stream.id)
      return `a notification without _meta["${SUBSCRIPTION_ID}"] = ${stream.id}: ${brief(note)}`;
    if (ended.has(task.taskId)) return `a notification after the task's terminal status: ${brief(note)}`;
    if (task.status === 'completed' && !isObject(task.result)) return `completed without the inlined result: ${brief(note)}`;
    if (isTerminalStatus(task.status)) ended.add(task.taskId);
  }
  return undefined;
}

export const pushChecks = [
  check26(
    { id: 't26.listen-gated', rule: 'T23', level: 'MUST', title: 'subscriptions/listen for task IDs without the extension answers -32021' },
    async (ctx) => {
      const taskId = await ownTask(ctx);
      const reply = await listen(ctx, [taskId], { declare: false });
      if (reply.kind === 'error' && reply.error.code === -32601) return skip('the server has no subscriptions/listen (-32601)');
      if (reply.kind === 'error' && reply.error.code === -32021) {
        const data = reply.error.data;
        const named =
          isObject(data) &&
          isObject(data.requiredCapabilities) &&
          isObject(data.requiredCapabilities.extensions) &&
          isObject(data.requiredCapabilities.extensions[TASKS_EXTENSION]);
        return named
          ? pass()
          : fail(
              `-32021 without data.requiredCapabilities.extensions["${TASKS_EXTENSION}"]: ${brief(reply.error)}`,
              'the missing extension named',
            );
      }
      const observed = reply.kind === 'stream' ? `a subscription: ${brief(reply.messages[0] ?? {})}` : brief(reply);
      return fail(
        observed,
        `error -32021 with data.requiredCapabilities.extensions["${TASKS_EXTENSION}"] (the request did not declare the extension)`,
      );
    },
  ),
  check26(
    {
      id: 't26.listen-own-tasks',
      rule: 'T22',
      level: 'MUST',
      title: "Task notifications only for the requestor's own tasks, ending at a terminal status (also T20)",
    },
    async (ctx) => {
      const mine = await ownTask(ctx);
      const theirs = ctx.state.identities.b === undefined ? undefined : await ownTask(ctx, 'b');
      const asked = [mine, ...(theirs === undefined ? [] : [theirs]), UNKNOWN];
      const done = (messages: readonly Json[]) =>
        messages.some((m) => isNote(m) && paramsOf(m).taskId === mine && isTerminalStatus(paramsOf(m).status));
      const reply = await listen(ctx, asked, { until: done });
      if (reply.kind !== 'stream') {
        return reply.kind === 'error' && reply.error.code === -32601
          ? skip('the server has no subscriptions/listen (-32601)')
          : fail(brief(reply), 'a subscription (an SSE stream) or -32601');
      }
      const [ack] = reply.messages;
      if (ack === undefined || ack.method !== 'notifications/subscriptions/acknowledged')
        return fail(`first message ${brief(ack ?? 'none')}`, 'notifications/subscriptions/acknowledged first');
      const filter = isObject(ack.params) && isObject(ack.params.notifications) ? ack.params.notifications : {};
      const agreed = Array.isArray(filter.taskIds) ? filter.taskIds : [];
      const foreign = agreed.filter((id) => id !== mine);
      if (foreign.length > 0)
        return fail(
          `the ack agreed to ${brief(foreign)} (asked: ${brief(asked)})`,
          `only ${mine}, the requestor's own task; another owner's and unknown IDs left out`,
        );
      if (!agreed.includes(mine))
        return skip(`the ack leaves out the requestor's own task (${brief(filter)}): the server does not offer task notifications`);
      const problem = notificationProblem(reply, agreed);
      if (problem)
        return fail(
          problem,
          "notifications/tasks for agreed tasks only, each with the subscription's id, none after a task's terminal status",
        );
      if (!done(reply.messages)) {
        const seen = `no terminal notification for ${mine} (${reply.messages.filter(isNote).length} notification(s))`;
        // The kit stopped reading at its budget: a slow task, not a wrong server.
        return reply.ended
          ? fail(`${seen} before the stream ended`, 'a notification at the terminal status of an agreed task')
          : inconclusive(`${seen} within ${ctx.state.settleMs} ms`);
      }
      return pass();
    },
  ),
];
