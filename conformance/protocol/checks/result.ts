/** Result retrieval with tasks/result: R39-R44, R46, R75 (digest sections 3.6 and 3.12). */
import { isDeepStrictEqual } from 'node:util';
import { fail, failOnSilence, inconclusive, pass, skip, SkipCheck, warn, type Outcome as CheckOutcome } from '../../core/check.js';
import { brief, isObject, type Json } from '../../core/json.js';
import { isTerminalStatus, RELATED_TASK } from '../../core/wire.js';
import { check, type Check } from '../check.js';
import { describe, type CheckContext, type ToolCall } from '../context.js';
import type { WireReply } from '../session.js';

/** How long tasks/result of a terminal task may take: nothing is waited on, so at once, but a loaded server gets 5 s. */
const TERMINAL_RESULT_MS = 5_000;

/** The reply without `_meta` (which tasks/result adds), for comparing with a plain call. */
function comparable(reply: WireReply): unknown {
  if (reply.kind === 'result') {
    const { _meta, ...rest } = reply.result;
    void _meta;
    return { result: rest };
  }
  if (reply.kind === 'error') return { error: reply.error };
  return { local: true };
}

interface Outcome {
  call: ToolCall;
  taskId: string;
  plain?: WireReply;
  result: WireReply;
  task: Json;
  /** A tasks/result answered while the task was still working (R40 is result.blocks' subject). */
  early?: WireReply;
}

/**
 * Run `call` plainly (when `plain`) and as a task; fetch the task's result and final status. The
 * result of a finished task is what these checks judge: a tasks/result that answered before the
 * end is asked again once the task is terminal.
 */
async function taskOutcome(ctx: CheckContext, key: string, call: ToolCall, plain: boolean): Promise<Outcome> {
  return ctx.memo(`result.${key}`, async () => {
    const a = await ctx.a();
    const plainReply = plain ? await a.call('tools/call', { name: call.name, arguments: call.args }) : undefined;
    const { taskId } = ctx.needTask(await ctx.createTask(a, call), call);
    const first = await a.call('tasks/result', { taskId });
    const then = first.kind === 'local' ? undefined : await a.call('tasks/get', { taskId });
    const early = then?.kind === 'result' && !isTerminalStatus(then.result.status);
    const task = await ctx.terminal(a, taskId, call.name);
    const result = early ? await a.call('tasks/result', { taskId }) : first;
    return { call, taskId, result, task, ...(plainReply && { plain: plainReply }), ...(early && { early: first }) };
  });
}

/** For a pass note: the first tasks/result did not wait (see result.blocks). */
const earlyNote = (o: Outcome): string =>
  o.early
    ? `; asked again once terminal: the first tasks/result answered while the task was working (${describe(o.early)}), see result.blocks`
    : '';

/** The success case: a fixture with a known result, or the quick tool (shape only). */
function successOutcome(ctx: CheckContext): Promise<Outcome & { exact: boolean }> {
  ctx.requireCapability('tools.call');
  if (ctx.hasFixture('delay'))
    return taskOutcome(ctx, 'delay', { name: 'delay', args: { ms: 0, text: 'conformance: exact result' } }, true).then((o) => ({
      ...o,
      exact: true,
    }));
  if (ctx.hasFixture('support_optional'))
    return taskOutcome(ctx, 'optional', { name: 'support_optional', args: {} }, true).then((o) => ({ ...o, exact: true }));
  return taskOutcome(ctx, 'quick', ctx.quickTool(), false).then((o) => ({ ...o, exact: false }));
}

/** The tool of a role (fixture, configured or discovered), run plainly too when it may be (not required). */
function roleOutcome(ctx: CheckContext, role: 'fails' | 'errors'): Promise<Outcome> {
  const call = ctx.roleTool(role);
  return taskOutcome(ctx, role, call, ctx.supportOf(call.name) !== 'required');
}
const failResult = (ctx: CheckContext) => roleOutcome(ctx, 'fails');
const throwError = (ctx: CheckContext) => roleOutcome(ctx, 'errors');

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
  check(
    {
      id: 'result.is-error-result',
      rule: 'R42',
      level: 'MUST',
      area: 'result',
      title: 'a tool result with isError: true comes back from tasks/result as a successful response, unchanged',
    },
    async (ctx) => {
      const o = await failResult(ctx);
      if (o.result.kind !== 'result' || o.result.result.isError !== true)
        return fail(`tasks/result: ${describe(o.result)}`, 'a successful JSON-RPC response whose CallToolResult has isError: true (A18)');
      if (o.plain && !isDeepStrictEqual(comparable(o.result), comparable(o.plain)))
        return fail(
          `tasks/result ${brief(comparable(o.result))}, plain call ${brief(comparable(o.plain))}`,
          'the same result (apart from _meta)',
        );
      return pass();
    },
  ),

  check(
    {
      id: 'result.jsonrpc-error',
      rule: 'R42',
      level: 'MUST',
      area: 'result',
      title: 'a tool call that ended in a JSON-RPC error: tasks/result returns that same error',
    },
    async (ctx) => {
      const o = await throwError(ctx);
      if (!o.plain)
        return skip(
          `${o.call.name} declares taskSupport required, so there is no plain call to compare with: pass --tool-role errors=NAME[:JSON] (config key roles.errors) naming an optional tool`,
        );
      if (o.result.kind === 'local')
        return fail(`tasks/result: ${describe(o.result)}`, `the same answer as the plain call: ${describe(o.plain)}`);
      if (isDeepStrictEqual(comparable(o.result), comparable(o.plain))) return pass(describe(o.result));
      return fail(`tasks/result: ${describe(o.result)}`, `exactly what the plain call returned: ${describe(o.plain)}`);
    },
  ),

  check(
    {
      id: 'result.error-failed',
      rule: 'R75',
      level: 'MUST',
      area: 'result',
      title: 'a tool call that ended in a JSON-RPC error leaves the task failed',
    },
    async (ctx) => {
      const o = await throwError(ctx);
      if (o.plain?.kind !== 'error')
        return skip(`the plain ${o.call.name} call did not give a JSON-RPC error (${o.plain ? describe(o.plain) : 'none'})`);
      if (o.task.status === 'failed') return pass();
      return fail(`task status ${JSON.stringify(o.task.status)}`, '"failed": the underlying request did not complete successfully');
    },
  ),

  check(
    {
      id: 'result.is-error-failed',
      rule: 'R75',
      level: 'SHOULD',
      area: 'result',
      title: 'a tool result with isError: true leaves the task failed',
    },
    async (ctx) => {
      const o = await failResult(ctx);
      if (o.task.status === 'failed') return pass();
      return warn(`task status ${JSON.stringify(o.task.status)}`, '"failed" (tasks.mdx: "the task should reach failed status")');
    },
  ),

  check(
    {
      id: 'result.failed-status-message',
      rule: 'R75',
      level: 'SHOULD',
      area: 'result',
      title: 'tasks/get of a failed task includes a statusMessage',
    },
    async (ctx) => {
      let o: Outcome;
      try {
        o = await throwError(ctx);
      } catch {
        o = await failResult(ctx);
      }
      if (o.task.status !== 'failed') return skip(`the ${o.call.name} task ended ${String(o.task.status)}, not failed`);
      if (typeof o.task.statusMessage === 'string' && o.task.statusMessage.trim() !== '') return pass(JSON.stringify(o.task.statusMessage));
      return warn(`tasks/get of the failed ${o.call.name} task: ${brief(o.task)}`, 'a statusMessage with diagnostic information');
    },
  ),

  // R44 on the failure path: tasks/result of a task whose tool returned `isError: true` still
  // names the task.
  check(
    {
      id: 'result.is-error-related-meta',
      rule: 'R44',
      level: 'MUST',
      area: 'result',
      title: 'tasks/result of an isError tool result also carries _meta["io.modelcontextprotocol/related-task"]',
    },
    async (ctx) => {
      ctx.requireCapability('tools.call');
      ctx.fixture('fail_result');
      const call: ToolCall = { name: 'fail_result', args: { text: 'conformance: isError result (R44)' } };
      const a = await ctx.a();
      const { taskId } = ctx.needTask(await ctx.createTask(a, call), call);
      const reply = await a.call('tasks/result', { taskId });
      if (reply.kind !== 'result' || reply.result.isError !== true)
        return skip(`setup failed: tasks/result of fail_result: ${describe(reply)} (see result.is-error-result)`);
      const meta = isObject(reply.result._meta) ? reply.result._meta[RELATED_TASK] : undefined;
      if (isObject(meta) && meta.taskId === taskId) return pass();
      return fail(
        `tasks/result of the failed task: _meta = ${brief(reply.result._meta)}`,
        `_meta["${RELATED_TASK}"] = {"taskId":"${taskId}"} on every tasks/result response`,
      );
    },
  ),
];
