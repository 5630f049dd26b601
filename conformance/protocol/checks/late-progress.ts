/**
 * R24 with a tool that keeps reporting after it returned (fixture `late_progress`): the server
 * must stop forwarding progress once the task is terminal, whatever the tool does.
 */
import { fail, pass, skip } from '../../core/check.js';
import { brief } from '../../core/json.js';
import { isTerminalStatus, PROGRESS_NOTIFICATION } from '../../core/wire.js';
import { check, type Check } from '../check.js';
import type { ToolCall } from '../context.js';

/** Progress arriving this long after the task was seen terminal is late (allows for stream reordering). */
const LATE_MS = 400;
const KEEPS_REPORTING_MS = 800;

export const lateProgressChecks: Check[] = [
  check(
    { id: 'progress.none-after-terminal', rule: 'R24', level: 'MUST', area: 'creation', title: 'no progress reaches the requestor after the task is terminal, even from a tool that keeps reporting' },
    async (ctx) => {
      ctx.requireCapability('tools.call');
      if (!ctx.tool('late_progress')) return skip('the server offers no "late_progress" fixture tool (returns at once, then keeps sending progress; see reference-server/FIXTURES.md)');
      const call: ToolCall = { name: 'late_progress', args: { ms: KEEPS_REPORTING_MS } };
      const a = await ctx.a();
      const created = await ctx.createTask(a, call, { progress: true });
      const { taskId } = ctx.needTask(created, call);
      const done = await ctx.terminal(a, taskId, call.name);
      const terminalAt = ctx.sightings(taskId).find((s) => isTerminalStatus(s.task.status))?.at ?? Date.now();
      await ctx.sleep(KEEPS_REPORTING_MS + LATE_MS);
      const late = a.received(PROGRESS_NOTIFICATION, terminalAt + LATE_MS).filter((n) => n.params.progressToken === created.progressToken);
      if (late.length) return fail(`${late.length} progress notification(s) on token ${String(created.progressToken)} after the task was ${String(done.status)}, e.g. ${brief(late[0]!.params, 120)}`, 'no progress after the task reaches a terminal status (progress.mdx)');
      return pass(`task ${String(done.status)}; no progress afterwards`);
    },
  ),
];
