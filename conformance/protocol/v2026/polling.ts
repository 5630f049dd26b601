/**
 * The poll interval on the 2026 wire (T21, also T6): the kit polls like a client that honours
 * `pollIntervalMs` exactly (it waits each interval it is told after each answer, a few tasks at
 * once), and checks that every interval is a positive integer (T6: "integer milliseconds") and
 * that the server never refuses such a client. tasks.md lets a server rate-limit clients polling
 * more frequently than the interval; one that refuses a client polling at it has told it an
 * interval it does not honour. Tool: the official fixture `slow_compute`.
 */
import { fail, pass, warn } from '../../core/check.js';
import { brief, type Json } from '../../core/json.js';
import { isTerminalStatus } from '../../core/wire.js';
import { check26 } from './check26.js';
import type { Context2026 } from './context.js';

/** Tasks polled at once (the kit's runs allow 5 active tasks per owner). */
const TASKS = 3;
/** What a client assumes when the server gives no interval (ext-tasks' default). */
const DEFAULT_MS = 1_000;

const isPositiveInt = (v: unknown): boolean => Number.isInteger(v) && (v as number) > 0;
/** A server-defined refusal (-32000..-32099, not the extension's own -32020/-32021): e.g. a rate limit. */
const refusal = (code: number): boolean => code <= -32000 && code >= -32099 && code !== -32020 && code !== -32021;

type Finding = { kind: 'bad-interval' | 'refused' | 'error'; detail: string } | undefined;

/** Poll one task as told until it settles or the budget ends; the first problem seen. */
async function follow(ctx: Context2026, created: Json, deadline: number): Promise<Finding> {
  const taskId = created.taskId as string;
  let task = created;
  for (;;) {
    if ('pollIntervalMs' in task && !isPositiveInt(task.pollIntervalMs))
      return { kind: 'bad-interval', detail: `pollIntervalMs ${brief(task.pollIntervalMs)} in ${brief(task)}` };
    if (isTerminalStatus(task.status)) return undefined;
    const waitMs = typeof task.pollIntervalMs === 'number' ? task.pollIntervalMs : DEFAULT_MS;
    // An interval beyond the budget ends the watch: nothing was refused so far.
    if (Date.now() + waitMs > deadline) return undefined;
    await new Promise((resolve) => setTimeout(resolve, waitMs));
    const reply = await ctx.call('tasks/get', { taskId });
    if (reply.kind === 'error')
      return {
        kind: refusal(reply.error.code) ? 'refused' : 'error',
        detail: `tasks/get ${waitMs} ms after the last answer: ${reply.error.code} ${reply.error.message}`,
      };
    if (reply.kind === 'local') return undefined;
    task = reply.result;
  }
}

export const pollingChecks = [
  check26(
    {
      id: 't26.poll-interval-honoured',
      rule: 'T21',
      level: 'SHOULD',
      title: 'A client polling at pollIntervalMs is never refused; every interval is an integer (also T6)',
    },
    async (ctx) => {
      ctx.fixture('slow_compute', 'that runs `seconds` then completes');
      const created: Json[] = [];
      for (let i = 0; i < TASKS; i++) created.push(await ctx.createTask('slow_compute', { seconds: 1 }));
      const deadline = Date.now() + ctx.state.settleMs;
      const findings = (await Promise.all(created.map((task) => follow(ctx, task, deadline)))).filter((f) => f !== undefined);
      const bad = findings.find((f) => f.kind === 'bad-interval');
      if (bad)
        return fail(bad.detail, 'pollIntervalMs absent or a positive integer (milliseconds) on every CreateTaskResult and tasks/get');
      const error = findings.find((f) => f.kind === 'error');
      if (error) return fail(error.detail, "tasks/get of the requestor's own task answers the task");
      const refused = findings.find((f) => f.kind === 'refused');
      if (refused)
        return warn(
          refused.detail,
          'a client waiting the pollIntervalMs it was given is not refused (a server may limit clients polling faster)',
        );
      return pass();
    },
  ),
];
