/**
 * Task creation: R16, R17, R18, R20, R21, R23, R24, R35, R79 (digest section 3.3 and 3.13),
 * including progress after the task is terminal (R24).
 */
import { fail, pass, skip, SkipCheck, warn } from '../../core/check.js';
import { brief, isObject } from '../../core/json.js';
import { isTerminalStatus, MODEL_IMMEDIATE_RESPONSE, PROGRESS_NOTIFICATION } from '../../core/wire.js';
import { check, type Check } from '../check.js';
import { describe, type CheckContext, type Created, type ToolCall } from '../context.js';
import { describeCandidates } from '../discovery/roles.js';
import type { WireSession } from '../session.js';
import { taskProblems } from '../task-shape.js';

const SLOW_MS = 3_000;
/** Progress arriving this long after the task was seen terminal is late (allows for stream reordering). */
const LATE_MS = 400;

/** One slow task creation, shared by R16 (SHOULD: promptly) and R21 (begins working). */
function slowCreation(ctx: CheckContext): Promise<{ call: ToolCall; created: Created }> {
  return ctx.memo('creation.slow', async () => {
    const call = ctx.slowTool(SLOW_MS);
    return { call, created: await ctx.createTask(await ctx.a(), call, { ttl: 60_000 }) };
  });
}

/** One quick task creation, shared by R16 (shape) and R23. */
function quickCreation(ctx: CheckContext): Promise<{ call: ToolCall; created: Created }> {
  return ctx.memo('creation.quick', async () => {
    const call = ctx.quickTool();
    return { call, created: await ctx.createTask(await ctx.a(), call, { ttl: 60_000 }) };
  });
}

/** Result fields of a CallToolResult that must not ride on a CreateTaskResult. */
const RESULT_FIELDS = ['content', 'structuredContent', 'isError', 'result', 'toolResult'];

/** How long the `late_progress` fixture keeps reporting after it returned. */
const KEEPS_REPORTING_MS = 800;

export const creationChecks: Check[] = [
  check(
    {
      id: 'create.create-task-result',
      rule: 'R16',
      level: 'MUST',
      area: 'creation',
      title: 'a task-augmented tools/call returns a CreateTaskResult { task: Task }',
    },
    async (ctx) => {
      const { call, created } = await quickCreation(ctx);
      const { reply } = created;
      const expected = 'a CreateTaskResult: result.task is a Task (taskId, status, createdAt, lastUpdatedAt, ttl)';
      if (reply.kind !== 'result' || !isObject(reply.result.task))
        return fail(`tools/call ${call.name} with task: ${describe(reply)}`, expected);
      const problems = taskProblems(reply.result.task);
      if (problems.length) return fail(`result.task ${brief(reply.result.task)}: ${problems.join('; ')}`, expected);
      return pass(`${call.name}: task ${String(reply.result.task.taskId)} (${String(reply.result.task.status)})`);
    },
  ),

  check(
    {
      id: 'create.returns-promptly',
      rule: 'R16',
      level: 'SHOULD',
      area: 'creation',
      title: 'the CreateTaskResult comes back at once, not after the work',
    },
    async (ctx) => {
      const { call, created } = await slowCreation(ctx);
      if (!created.taskId) return skip(`setup failed: ${describe(created.reply)}`);
      const workMs = ctx.observed(call)?.durationMs ?? SLOW_MS;
      if (created.reply.ms < workMs / 2) return pass(`${created.reply.ms} ms for a ${workMs} ms ${call.name}`);
      return warn(
        `CreateTaskResult after ${created.reply.ms} ms for a ${workMs} ms ${call.name}`,
        `well under ${Math.round(workMs / 2)} ms: returned as soon as the task is accepted`,
      );
    },
  ),

  check(
    { id: 'create.initial-working', rule: 'R21', level: 'MUST', area: 'creation', title: 'a new task begins in status working' },
    async (ctx) => {
      const { call, created } = await slowCreation(ctx);
      const { taskId, task } = ctx.needTask(created, call);
      if (task.status === 'working') return pass();
      return fail(`task ${taskId} of a long ${call.name} created with status ${JSON.stringify(task.status)}`, 'status "working"');
    },
  ),

  check({ id: 'create.task-id-string', rule: 'R18', level: 'MUST', area: 'creation', title: 'task IDs are strings' }, async (ctx) => {
    const { call, created } = await quickCreation(ctx);
    if (created.reply.kind !== 'result' || !isObject(created.reply.result.task))
      return skip(`setup failed: tools/call ${call.name}: ${describe(created.reply)}`);
    const bad = ctx.sightings().filter((s) => typeof s.task.taskId !== 'string' || s.task.taskId === '');
    if (typeof created.reply.result.task.taskId !== 'string')
      return fail(`result.task.taskId = ${brief(created.reply.result.task.taskId)}`, 'a string');
    if (bad.length) return fail(`${bad[0]!.source} gave taskId ${brief(bad[0]!.task.taskId)}`, 'a non-empty string');
    return pass();
  }),

  check(
    {
      id: 'create.unique-ids',
      rule: 'R20',
      level: 'MUST',
      area: 'creation',
      title: 'task IDs are unique (5 tasks, and across identities when two are given)',
    },
    async (ctx) => {
      const ids = await uniqueIdProbe(ctx);
      const dupes = ids.filter((id, i) => ids.indexOf(id) !== i);
      if (dupes.length)
        return fail(`IDs ${ids.join(', ')} contain duplicates: ${[...new Set(dupes)].join(', ')}`, 'a distinct taskId for every task');
      return pass(`${ids.length} distinct IDs`);
    },
  ),

  check(
    {
      id: 'create.unguessable-ids',
      rule: 'R79',
      level: 'MUST',
      area: 'creation',
      title: 'task IDs are not guessable (heuristic: not numeric, not sequential, >= 16 characters)',
    },
    async (ctx) => {
      const ids = await uniqueIdProbe(ctx);
      const problems: string[] = [];
      if (ids.some((id) => /^\d+$/.test(id))) problems.push('numeric IDs');
      if (ids.some((id) => id.length < 16))
        problems.push(`IDs shorter than 16 characters (${ids.filter((id) => id.length < 16).join(', ')})`);
      const nums = ids.map((id) => /(\d+)$/.exec(id)?.[1]).map(Number);
      if (ids.length > 2 && nums.every((n, i) => Number.isFinite(n) && (i === 0 || n === nums[i - 1]! + 1)))
        problems.push('sequential IDs');
      if (problems.length)
        return fail(`${problems.join('; ')}: ${ids.join(', ')}`, 'cryptographically random IDs with enough entropy to prevent guessing');
      return pass(`e.g. ${ids[0]}`);
    },
  ),

  check(
    {
      id: 'create.model-immediate-response',
      rule: 'R23',
      level: 'MAY',
      area: 'creation',
      title: 'model-immediate-response, when present in CreateTaskResult._meta, is a string',
    },
    async (ctx) => {
      const { created } = await quickCreation(ctx);
      if (created.reply.kind !== 'result') return skip(`setup failed: ${describe(created.reply)}`);
      const meta = created.reply.result._meta;
      if (!isObject(meta) || !(MODEL_IMMEDIATE_RESPONSE in meta)) return skip('not offered (optional)');
      const value = meta[MODEL_IMMEDIATE_RESPONSE];
      return typeof value === 'string' ? pass() : fail(`_meta["${MODEL_IMMEDIATE_RESPONSE}"] = ${brief(value)}`, 'a string');
    },
  ),

  check(
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
  ),

  // What a CreateTaskResult must not carry and must agree with: R17 (no operation result in it; the
  // result comes only from tasks/result) and R35 (its ttl is the actual ttl, as tasks/get says).
  check(
    {
      id: 'create.no-result',
      rule: 'R17',
      level: 'MUST',
      area: 'creation',
      title: 'a CreateTaskResult does not carry the operation result (even for a tool that finishes at once)',
    },
    async (ctx) => {
      const call = ctx.quickTool();
      const a = await ctx.a();
      const created = await ctx.createTask(a, call);
      const { taskId } = ctx.needTask(created, call);
      const result = created.reply.kind === 'result' ? created.reply.result : {};
      const task = isObject(result.task) ? result.task : {};
      const carried = [
        ...RESULT_FIELDS.filter((f) => Object.hasOwn(result, f)),
        ...RESULT_FIELDS.filter((f) => Object.hasOwn(task, f)).map((f) => `task.${f}`),
      ];
      if (carried.length)
        return fail(
          `CreateTaskResult of ${call.name} (task ${taskId}) carries ${carried.join(', ')}: ${brief(result)}`,
          'only { task } (and _meta): the result is available through tasks/result once the task completes',
        );
      return pass();
    },
  ),

  check(
    {
      id: 'create.ttl-matches-get',
      rule: 'R35',
      level: 'MUST',
      area: 'creation',
      title: "the CreateTaskResult's ttl is the actual ttl: tasks/get reports the same (requested ttl normal and above any maximum)",
    },
    async (ctx) => {
      const call = ctx.quickTool();
      const a = await ctx.a();
      const huge = ctx.options.maxTtlMs !== undefined ? ctx.options.maxTtlMs * 10 : 30 * 24 * 3_600_000;
      const seen: string[] = [];
      for (const requested of [45_000, huge]) {
        const created = await ctx.createTask(a, call, { ttl: requested });
        if (!created.taskId || !created.task) {
          if (requested === huge) continue; // refusing an over-long ttl is limit.max-ttl's subject
          return skip(`setup failed: tools/call ${call.name} with ttl ${requested}: ${describe(created.reply)}`);
        }
        const get = await a.call('tasks/get', { taskId: created.taskId });
        if (get.kind !== 'result')
          return skip(
            `setup failed: tasks/get of the task created with ttl ${requested}: ${describe(get)} (a task lost before its ttl is ttl.long-kept's subject)`,
          );
        if (get.result.ttl !== created.task.ttl) {
          return fail(
            `requested ttl ${requested}: CreateTaskResult ttl ${JSON.stringify(created.task.ttl)}, tasks/get ttl ${JSON.stringify(get.result.ttl)}`,
            'the actual ttl in both (R35)',
          );
        }
        seen.push(`${requested} -> ${JSON.stringify(get.result.ttl)}`);
      }
      return pass(seen.join(', '));
    },
  ),

  // R24 with a tool that keeps reporting after it returned (fixture `late_progress`): the server
  // must stop forwarding progress once the task is terminal, whatever the tool does.
  check(
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
  ),
];

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

/** Five tasks of identity A (and two of B when given), created concurrently; shared by R20 and R79. */
function uniqueIdProbe(ctx: CheckContext): Promise<string[]> {
  return ctx.memo('creation.ids', async () => {
    const call = ctx.quickTool();
    const sessions = [await ctx.a()];
    if (ctx.transport === 'url' && ctx.options.authB) sessions.push(await ctx.b());
    const one = async (session: WireSession) => (await ctx.createTask(session, call)).taskId;
    const wanted = sessions.flatMap((session, i) => Array.from({ length: i === 0 ? 5 : 2 }, () => session));
    const first = await Promise.all(wanted.map(one));
    const ids = first.filter((id): id is string => id !== undefined);
    // Some refused (e.g. a limit of active tasks): let the others end, then create the rest one by one.
    const refused = wanted.filter((_, i) => first[i] === undefined);
    if (refused.length) await Promise.all(sessions.map((s) => Promise.all(ids.map((id) => ctx.pollTerminal(s, id)))));
    for (const session of refused) {
      const created = await ctx.createTask(session, call);
      ids.push(ctx.needTask(created, call).taskId);
      await ctx.terminal(session, created.taskId!, call.name);
    }
    return ids;
  });
}
