/**
 * Task creation: R16, R17, R18, R20, R21, R23, R24, R35, R79 (digest section 3.3 and 3.13). This
 * file: the CreateTaskResult's shape, a prompt answer, status working, task IDs (strings, unique,
 * unguessable), model-immediate-response; contents.ts: what it must not carry and its ttl (R17,
 * R35); progress.ts: progress, also after the task is terminal (R24). The registry keeps the run order.
 */
import { fail, pass, skip, warn } from '../../../core/check.js';
import { brief, isObject } from '../../../core/json.js';
import { MODEL_IMMEDIATE_RESPONSE } from '../../../core/wire.js';
import { check, type Check } from '../../check.js';
import { describe, type CheckContext, type Created, type ToolCall } from '../../context.js';
import type { WireSession } from '../../session.js';
import { taskProblems } from '../../task-shape.js';
import { contentChecks } from './contents.js';
import { lateProgressCheck, progressTokenCheck } from './progress.js';

const SLOW_MS = 3_000;

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

  progressTokenCheck,
  ...contentChecks,
  lateProgressCheck,
];

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
