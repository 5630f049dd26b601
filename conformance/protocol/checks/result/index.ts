/**
 * Result retrieval with tasks/result: R39-R44, R46, R75 (digest sections 3.6 and 3.12). This file:
 * the result of a completed task (R41, R44), waiting for it (R40, R46), a terminal task's answer
 * (R39); errors.ts: a tool that failed (R42, R44, R75); outcome.ts: the runs they judge.
 */
import { isDeepStrictEqual } from 'node:util';
import { fail, failOnSilence, inconclusive, pass, skip, SkipCheck, type Outcome as CheckOutcome } from '../../../core/check.js';
import { brief, isObject } from '../../../core/json.js';
import { isTerminalStatus, RELATED_TASK } from '../../../core/wire.js';
import { check, type Check } from '../../check.js';
import { describe, type CheckContext, type ToolCall } from '../../context.js';
import { resultErrorChecks } from './errors.js';
import { comparable, earlyNote, successOutcome } from './outcome.js';

/** How long tasks/result of a terminal task may take: nothing is waited on, so at once, but a loaded server gets 5 s. */
const TERMINAL_RESULT_MS = 5_000;

/** The long tool; without one, the quick tool (it still runs a while on most servers). */
function longOrQuick(ctx: CheckContext): ToolCall & { long: boolean } {
  try {
    return { ...ctx.slowTool(1_000), long: true };
  } catch (error) {
    if (!(error instanceof SkipCheck)) throw error;
    return { ...ctx.quickTool(), long: false };
  }
}

/**
 * R40 with a tool that may end at once: tasks/result is sent right after the CreateTaskResult,
 * and the tasks/get sent as soon as it answers must say terminal. A server that answers before
 * the end (an error "not ready") is caught; a blocking one passes however quick the tool is.
 */
async function blocksWithQuickTool(ctx: CheckContext, call: ToolCall): Promise<CheckOutcome> {
  const a = await ctx.a();
  const { taskId } = ctx.needTask(await ctx.createTask(a, call), call);
  const reply = await a.call('tasks/result', { taskId });
  if (reply.kind === 'local') return skip(`setup failed: tasks/result of the ${call.name} task: ${describe(reply)}`);
  const after = await a.call('tasks/get', { taskId });
  if (after.kind === 'result' && !isTerminalStatus(after.result.status))
    return fail(
      `tasks/result answered (${describe(reply)}) while tasks/get right after still says ${String(after.result.status)}`,
      'no answer before the task is terminal',
    );
  return pass(`with ${call.name} (no long tool): answered after ${reply.ms} ms, terminal by then`);
}

export const resultChecks: Check[] = [
  check(
    {
      id: 'result.exact-result',
      rule: 'R41',
      level: 'MUST',
      area: 'result',
      title: 'tasks/result of a completed task returns exactly the tool result (as a plain call would)',
    },
    async (ctx) => {
      const o = await successOutcome(ctx);
      if (o.result.kind !== 'result')
        return fail(`tasks/result: ${describe(o.result)}`, 'a successful JSON-RPC response with the CallToolResult');
      if (!Array.isArray(o.result.result.content))
        return fail(`tasks/result: ${describe(o.result)}`, 'a CallToolResult (content array), the result type of tools/call (R43)');
      if (!o.exact || !o.plain) return pass(`${o.call.name}: shape only (the tool's result is not known in advance)${earlyNote(o)}`);
      if (isDeepStrictEqual(comparable(o.result), comparable(o.plain)))
        return pass(`${o.call.name}: identical to the plain call${earlyNote(o)}`);
      return fail(
        `tasks/result ${brief(comparable(o.result))}, plain call ${brief(comparable(o.plain))}`,
        'the same result (apart from _meta)',
      );
    },
  ),

  check(
    {
      id: 'result.related-task-meta',
      rule: 'R44',
      level: 'MUST',
      area: 'result',
      title: 'the tasks/result response carries _meta["io.modelcontextprotocol/related-task"] = { taskId }',
    },
    async (ctx) => {
      const o = await successOutcome(ctx);
      if (o.result.kind !== 'result') return skip(`setup failed: tasks/result: ${describe(o.result)}`);
      const meta = isObject(o.result.result._meta) ? o.result.result._meta[RELATED_TASK] : undefined;
      if (isObject(meta) && meta.taskId === o.taskId) return pass();
      return fail(`result._meta = ${brief(o.result.result._meta)}`, `_meta["${RELATED_TASK}"] = {"taskId":"${o.taskId}"}`);
    },
  ),

  check(
    {
      id: 'result.blocks',
      rule: 'R40',
      level: 'MUST',
      area: 'result',
      title: 'tasks/result on a working task blocks until the task is terminal (tasks/get still answers meanwhile)',
    },
    async (ctx) => {
      const call = longOrQuick(ctx);
      if (!call.long) return blocksWithQuickTool(ctx, call);
      const a = await ctx.a();
      const { taskId } = ctx.needTask(await ctx.createTask(a, call), call);
      let settledAt: number | undefined;
      const pending = a.call('tasks/result', { taskId }).then((r) => ((settledAt = Date.now()), r));
      await ctx.sleep(300);
      const during = await a.call('tasks/get', { taskId });
      if (settledAt !== undefined)
        return fail(
          `tasks/result answered after ${(await pending).ms} ms while the ${call.name} task was running: ${describe(await pending)}`,
          'no answer before the task is terminal',
        );
      if (during.kind !== 'result')
        return fail(`tasks/get while tasks/result was pending: ${describe(during)}`, 'the task (polling continues in parallel, R46)');
      const reply = await pending;
      const after = await a.call('tasks/get', { taskId });
      if (reply.kind === 'local') return fail(`tasks/result: ${describe(reply)}`, 'the final result once the task is terminal');
      if (after.kind === 'result' && !isTerminalStatus(after.result.status))
        return fail(
          `tasks/result answered (${describe(reply)}) while tasks/get still says ${String(after.result.status)}`,
          'no answer before the task is terminal',
        );
      return pass(`answered after ${reply.ms} ms`);
    },
  ),

  check(
    {
      id: 'result.cancelled-wait',
      rule: 'R46',
      level: 'MUST',
      area: 'result',
      title: 'cancelling a pending tasks/result (notifications/cancelled) only ends the wait, not the task',
    },
    async (ctx) => {
      const call = ctx.slowTool(800);
      const a = await ctx.a();
      const { taskId } = ctx.needTask(await ctx.createTask(a, call), call);
      const abort = new AbortController();
      const pending = a.call('tasks/result', { taskId }, { signal: abort.signal });
      await ctx.sleep(150);
      abort.abort();
      await pending;
      const during = await a.call('tasks/get', { taskId });
      if (during.kind !== 'result')
        return fail(`tasks/get after cancelling the tasks/result request: ${describe(during)}`, 'the task, still running');
      if (during.result.status === 'cancelled')
        return fail(
          'the task became cancelled when its tasks/result request was cancelled',
          'the task keeps running (tasks are cancelled only by tasks/cancel, R25)',
        );
      const done = await ctx.terminal(a, taskId, call.name);
      const result = await a.call('tasks/result', { taskId });
      if (done.status !== 'completed' && call.name === 'delay') return fail(`the task ended ${String(done.status)}`, 'completed');
      if (result.kind === 'local') return fail(`a second tasks/result: ${describe(result)}`, 'the final result');
      return pass(`then ${String(done.status)}`);
    },
  ),

  check(
    {
      id: 'result.terminal-no-block',
      rule: 'R39',
      level: 'MUST',
      area: 'result',
      title: 'tasks/result of a cancelled (terminal) task answers at once with a final answer, the same each time',
    },
    async (ctx) => {
      ctx.requireCapability('cancel');
      const call = ctx.slowTool(30_000);
      const a = await ctx.a();
      const { taskId } = ctx.needTask(await ctx.createTask(a, call), call);
      const cancel = await a.call('tasks/cancel', { taskId });
      if (cancel.kind !== 'result') return skip(`setup failed: tasks/cancel: ${describe(cancel)}`);
      const expected =
        'an answer at once (the task is terminal) that is final: a JSON-RPC error, or a CallToolResult (R43) with the related-task _meta (R44); which one is unspecified (A9)';
      const first = await a.call('tasks/result', { taskId }, { timeoutMs: TERMINAL_RESULT_MS });
      if (first.kind === 'local') {
        // The silence is the verdict only if the server answers about the same task at once.
        const control = await a.call('tasks/get', { taskId }, { timeoutMs: TERMINAL_RESULT_MS });
        if (control.kind !== 'result' || !isTerminalStatus(control.result.status))
          return inconclusive(`tasks/result of the cancelled task: ${describe(first)}; tasks/get of it: ${describe(control)}`);
        return failOnSilence(
          `tasks/result of the cancelled task: ${describe(first)}, while tasks/get of it answered ${String(control.result.status)} after ${control.ms} ms`,
          expected,
        );
      }
      if (first.kind === 'result') {
        const meta = isObject(first.result._meta) ? first.result._meta[RELATED_TASK] : undefined;
        if (!Array.isArray(first.result.content)) return fail(`tasks/result of the cancelled task: ${describe(first)}`, expected);
        if (!isObject(meta) || meta.taskId !== taskId)
          return fail(`tasks/result of the cancelled task: _meta ${brief(first.result._meta)}`, `${expected} (R44)`);
      }
      const second = await a.call('tasks/result', { taskId }, { timeoutMs: TERMINAL_RESULT_MS });
      if (!isDeepStrictEqual(comparable(first), comparable(second)))
        return fail(`first tasks/result ${describe(first)}, second ${describe(second)}`, 'the same final answer every time');
      return pass(`A9 choice: ${describe(first)}`);
    },
  ),
  ...resultErrorChecks,
];
