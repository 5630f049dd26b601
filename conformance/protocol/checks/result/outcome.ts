/**
 * What the tasks/result checks judge: one tool run as a task (and plainly, to compare with) until
 * terminal, memoised per case (success, a failing tool, an erroring tool), and the reply made
 * comparable (without the `_meta` tasks/result adds).
 */
import { isTerminalStatus } from '../../../core/wire.js';
import type { Json } from '../../../core/json.js';
import { describe, type CheckContext, type ToolCall } from '../../context.js';
import type { WireReply } from '../../session.js';

/** The reply without `_meta` (which tasks/result adds), for comparing with a plain call. */
export function comparable(reply: WireReply): unknown {
  if (reply.kind === 'result') {
    const { _meta, ...rest } = reply.result;
    void _meta;
    return { result: rest };
  }
  if (reply.kind === 'error') return { error: reply.error };
  return { local: true };
}

export interface Outcome {
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
export const earlyNote = (o: Outcome): string =>
  o.early
    ? `; asked again once terminal: the first tasks/result answered while the task was working (${describe(o.early)}), see result.blocks`
    : '';

/** The success case: a fixture with a known result, or the quick tool (shape only). */
export function successOutcome(ctx: CheckContext): Promise<Outcome & { exact: boolean }> {
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
export const failResult = (ctx: CheckContext) => roleOutcome(ctx, 'fails');
export const throwError = (ctx: CheckContext) => roleOutcome(ctx, 'errors');
