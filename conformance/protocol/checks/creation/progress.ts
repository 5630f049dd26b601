/**
 * Progress of a task (R24): notifications keep the request's progressToken after the
 * CreateTaskResult and stop once the task is terminal (after tasks/cancel too, and even from a
 * tool that keeps reporting after it returned).
 */
import { fail, pass, skip, SkipCheck } from '../../../core/check.js';
import { brief } from '../../../core/json.js';
import { isTerminalStatus, PROGRESS_NOTIFICATION } from '../../../core/wire.js';
import { check, type Check } from '../../check.js';
import { describe, type CheckContext, type ToolCall } from '../../context.js';
import { describeCandidates } from '../../discovery/roles.js';

/** Progress arriving this long after the task was seen terminal is late (allows for stream reordering). */
const LATE_MS = 400;

/** How long the `late_progress` fixture keeps reporting after it returned. */
const KEEPS_REPORTING_MS = 800;

export const progressTokenCheck: Check = check(
  {
    id: 'create.progress-token',
    rule: 'R24',
    level: 'MUST',
    area: 'creation',
    title: 'progress keeps the original progressToken after the CreateTaskResult and stops at terminal status',
  },
  async (ctx) => {
    const call = progressTool(ctx);
    const a = await ctx.a();
    const created = await ctx.createTask(a, call, { progress: true });
    const { taskId } = ctx.needTask(created, call);
    const token = created.progressToken;
    const mine = () => a.received(PROGRESS_NOTIFICATION).filter((n) => n.params.progressToken === token);
    const done = await ctx.terminal(a, taskId, call.name);
    const terminalAt = ctx.sightings(taskId).find((s) => isTerminalStatus(s.task.status))?.at ?? Date.now();
    await ctx.sleep(LATE_MS + 300);
    const after = mine().filter((n) => n.at >= created.at);
    if (!after.length)
      return fail(
        `no notifications/progress with progressToken ${String(token)} after the CreateTaskResult (${call.name} ended ${String(done.status)})`,
        `${call.name} reports progress (fixture, or seen when probed); it must use the request's progressToken ${String(token)} for the task's lifetime`,
      );
    const late = after.filter((n) => n.at > terminalAt + LATE_MS);
    if (late.length)
      return fail(
        `${late.length} progress notification(s) ${late.map((n) => brief(n.params, 120)).join(', ')} arrived after the task was ${String(done.status)}`,
        'no progress after the task reaches a terminal status',
      );

    // And after tasks/cancel (a terminal status too).
    if (!ctx.declares('cancel') || !ctx.hasFixture('count_steps'))
      return pass(`${after.length} progress notification(s) on token ${String(token)}`);
    const long: ToolCall = { name: 'count_steps', args: { steps: 200, delayMs: 50 } };
    const second = await ctx.createTask(a, long, { progress: true });
    const t2 = ctx.needTask(second, long);
    await a.waitForIncoming(
      (n) => n.method === PROGRESS_NOTIFICATION && n.params.progressToken === second.progressToken,
      2_000,
      ctx.signal,
    );
    const cancel = await a.call('tasks/cancel', { taskId: t2.taskId });
    if (cancel.kind !== 'result') return skip(`setup failed: tasks/cancel: ${describe(cancel)}`);
    const cancelledAt = Date.now();
    await ctx.sleep(LATE_MS + 300);
    const lateAfterCancel = a
      .received(PROGRESS_NOTIFICATION, cancelledAt + LATE_MS)
      .filter((n) => n.params.progressToken === second.progressToken);
    if (lateAfterCancel.length)
      return fail(
        `${lateAfterCancel.length} progress notification(s) arrived more than ${LATE_MS} ms after tasks/cancel answered`,
        'no progress after the task reaches a terminal status (cancelled)',
      );
    return pass(`${after.length} progress notification(s) on token ${String(token)}; none after terminal`);
  },
);

// R24 with a tool that keeps reporting after it returned (fixture `late_progress`): the server
// must stop forwarding progress once the task is terminal, whatever the tool does.
export const lateProgressCheck: Check = check(
  {
    id: 'progress.none-after-terminal',
    rule: 'R24',
    level: 'MUST',
    area: 'creation',
    title: 'no progress reaches the requestor after the task is terminal, even from a tool that keeps reporting',
  },
  async (ctx) => {
    ctx.requireCapability('tools.call');
    if (!ctx.tool('late_progress'))
      return skip(
        'the server offers no "late_progress" fixture tool (returns at once, then keeps sending progress; see reference-server/FIXTURES.md)',
      );
    const call: ToolCall = { name: 'late_progress', args: { ms: KEEPS_REPORTING_MS } };
    const a = await ctx.a();
    const created = await ctx.createTask(a, call, { progress: true });
    const { taskId } = ctx.needTask(created, call);
    const done = await ctx.terminal(a, taskId, call.name);
    const terminalAt = ctx.sightings(taskId).find((s) => isTerminalStatus(s.task.status))?.at ?? Date.now();
    await ctx.sleep(KEEPS_REPORTING_MS + LATE_MS);
    const late = a.received(PROGRESS_NOTIFICATION, terminalAt + LATE_MS).filter((n) => n.params.progressToken === created.progressToken);
    if (late.length)
      return fail(
        `${late.length} progress notification(s) on token ${String(created.progressToken)} after the task was ${String(done.status)}, e.g. ${brief(late[0]!.params, 120)}`,
        'no progress after the task reaches a terminal status (progress.mdx)',
      );
    return pass(`task ${String(done.status)}; no progress afterwards`);
  },
);

/** A tool known to report progress: count_steps or delay (fixtures), else a probed tool that did. */
function progressTool(ctx: CheckContext): ToolCall {
  ctx.requireCapability('tools.call');
  if (ctx.hasFixture('count_steps')) return { name: 'count_steps', args: { steps: 3, delayMs: 150 } };
  if (ctx.hasFixture('delay')) return { name: 'delay', args: { ms: 400 } };
  const roles = ctx.discovery?.roles ?? {};
  const withProgress = [roles.completes, roles.long].find((r) => r?.progress);
  if (withProgress) return { name: withProgress.name, args: withProgress.args };
  throw new SkipCheck(
    `no task-capable tool was seen reporting progress when probed with a progressToken: pass --tool-role long=NAME[:JSON] (config key roles.long) naming one that does; candidates: ${describeCandidates(ctx.discovery)}`,
  );
}
