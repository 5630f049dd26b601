/**
 * Security limits the operator declares (`--max-tasks-per-owner N`, `--max-ttl-ms N`,
 * `--max-request-bytes N`; the rate, R81, in rate.ts): R38 (digest section 3.5). Without the
 * operator's numbers these checks skip: the spec sets no values.
 */
import { fail, pass, skip, warn } from '../../../core/check.js';
import { isObject } from '../../../core/json.js';
import { isTerminalStatus } from '../../../core/wire.js';
import { check, type Check } from '../../check.js';
import { describe, type ToolCall } from '../../context.js';
import { AFTER_MS, gone, shortTtl, TTL_MS } from '../ttl-timestamps/expiry.js';
import { listAll } from '../../list-all.js';
import { rateCheck } from './rate.js';

const MAX_TESTABLE_LIMIT = 50;

export const limitChecks: Check[] = [
  check(
    {
      id: 'limit.max-active',
      rule: 'R38',
      level: 'SHOULD',
      area: 'limits',
      title: 'the (N+1)th active task of one requestor is refused and nothing is created (--max-tasks-per-owner N)',
    },
    async (ctx) => {
      const limit = ctx.options.maxTasksPerOwner;
      if (limit === undefined)
        return skip("the server's limit was not given (--max-tasks-per-owner N, config key limits.maxTasksPerOwner)");
      if (limit > MAX_TESTABLE_LIMIT) return skip(`a limit of ${limit} is more than this suite creates (${MAX_TESTABLE_LIMIT})`);
      const call: ToolCall = ctx.hasFixture('until_cancelled')
        ? { name: 'until_cancelled', args: { maxMs: 30_000 } }
        : ctx.slowTool(30_000);
      const a = await ctx.a();
      const active = async () => {
        if (!ctx.declares('list')) return undefined;
        const listing = await listAll(a);
        return listing.problem ? undefined : listing;
      };
      const before = await active();
      const activeBefore = before ? countActive(ctx, before.ids) : 0;
      const created: string[] = [];
      for (let i = activeBefore; i < limit; i++) {
        const c = await ctx.createTask(a, call);
        if (!c.taskId)
          return warn(`task ${i + 1} of ${limit} refused: ${describe(c.reply)}`, `${limit} active tasks accepted (the declared limit)`);
        created.push(c.taskId);
      }
      const listed = await active();
      const extra = await ctx.createTask(a, call);
      if (extra.taskId) return warn(`task ${limit + 1} accepted: ${extra.taskId}`, `a JSON-RPC error once ${limit} tasks are active`);
      const after = await active();
      const known = new Set([...(listed?.ids ?? []), ...created]);
      const sneaked = after?.ids.filter((id) => !known.has(id)) ?? [];
      if (sneaked.length) return warn(`the refused call (${describe(extra.reply)}) still created task ${sneaked[0]}`, 'nothing created');
      // The limit is per requestor: another identity is not affected.
      if (ctx.transport === 'url' && ctx.options.authB) {
        const b = await ctx.b();
        const other = await ctx.createTask(b, ctx.quickTool());
        if (!other.taskId)
          return warn(`identity B refused while A is at its limit: ${describe(other.reply)}`, 'a per-requestor limit (B unaffected)');
      }
      return pass(`refused with ${describe(extra.reply)}${after ? '' : ' (not verified that nothing was created: no tasks/list)'}`);
    },
  ),

  check(
    {
      id: 'limit.max-ttl',
      rule: 'R38',
      level: 'SHOULD',
      area: 'limits',
      title: 'a requested ttl above the maximum is clamped (--max-ttl-ms N)',
    },
    async (ctx) => {
      const max = ctx.options.maxTtlMs;
      if (max === undefined) return skip("the server's maximum ttl was not given (--max-ttl-ms N, config key limits.maxTtlMs)");
      const call = ctx.quickTool();
      const a = await ctx.a();
      const within = await ctx.createTask(a, call, { ttl: Math.min(max, 60_000) });
      if (!within.taskId) return skip(`setup failed: a ttl within the maximum was refused: ${describe(within.reply)}`);
      const requested = max * 10;
      const created = await ctx.createTask(a, call, { ttl: requested });
      if (created.reply.kind === 'local')
        return fail(`tools/call with ttl ${requested}: ${describe(created.reply)}`, `an answer: a task with ttl clamped to at most ${max}`);
      if (created.reply.kind === 'error') {
        if (created.reply.error.code === -32602)
          return warn(
            `refused with ${describe(created.reply)}`,
            `the task created with its ttl clamped to at most ${max} (R34: receivers may override the ttl)`,
          );
        return fail(
          `tools/call with ttl ${requested}: ${describe(created.reply)}`,
          `a task with ttl clamped to at most ${max} (or -32602 for the parameter)`,
        );
      }
      if (!created.taskId || !created.task)
        return fail(`tools/call with ttl ${requested}: ${describe(created.reply)}`, 'a CreateTaskResult');
      const ttl = created.task.ttl;
      if (typeof ttl !== 'number' || ttl > max)
        return warn(`requested ttl ${requested}, reported ttl ${JSON.stringify(ttl)}`, `ttl clamped to at most ${max}`);
      const get = await a.call('tasks/get', { taskId: created.taskId });
      if (get.kind !== 'result') return fail(`tasks/get of the clamped task: ${describe(get)}`, 'the task');
      if (get.result.ttl !== ttl)
        return fail(`CreateTaskResult ttl ${ttl}, tasks/get ttl ${JSON.stringify(get.result.ttl)}`, 'the same actual ttl (R35)');
      return pass(`requested ${requested}, got ${ttl}`);
    },
  ),
];

/** limit.request-size sends at most this much. */
const MAX_TESTABLE_BYTES = 2 * 1024 * 1024;

export const operatorLimitChecks: Check[] = [
  rateCheck,
  check(
    {
      id: 'limit.request-size',
      rule: 'R38',
      level: 'SHOULD',
      area: 'limits',
      title: 'a task-augmented tools/call larger than the declared maximum is refused, and no task is created (--max-request-bytes N)',
    },
    async (ctx) => {
      const max = ctx.options.maxRequestBytes;
      if (max === undefined)
        return skip("the server's request size limit was not given (--max-request-bytes N, config key limits.maxRequestBytes)");
      if (max > MAX_TESTABLE_BYTES) return skip(`a limit of ${max} bytes is more than this check sends (${MAX_TESTABLE_BYTES})`);
      const call = ctx.quickTool();
      const a = await ctx.a();
      // An unknown argument padded to a size: the fixtures ignore unknown properties (FIXTURES.md).
      const padded = (bytes: number): ToolCall => ({ name: call.name, args: { ...call.args, conformancePadding: 'x'.repeat(bytes) } });
      const within = await ctx.createTask(a, padded(Math.floor(max / 2)));
      if (!within.taskId)
        return skip(`${call.name} with half the limit of padding was refused (${describe(within.reply)}): it does not take the padding`);
      const over = await ctx.createTask(a, padded(max + 1024));
      if (over.taskId)
        return warn(
          `tools/call ${call.name} with ${max + 1024} bytes of arguments created task ${over.taskId}`,
          `a JSON-RPC error (e.g. -32602, payload too large) above ${max} bytes, and no task`,
        );
      return pass(`refused: ${describe(over.reply)}`);
    },
  ),
];

/** The quota after expiry, for the limits area (--max-tasks-per-owner N). */
export const expirySlotsCheck: Check = check(
  {
    id: 'limit.expired-free-slots',
    rule: 'R38',
    level: 'SHOULD',
    area: 'limits',
    title: 'tasks that expired no longer count against the active-task limit (--max-tasks-per-owner N)',
  },
  async (ctx) => {
    const limit = ctx.options.maxTasksPerOwner;
    if (limit === undefined) return skip("the server's limit was not given (--max-tasks-per-owner N, config key limits.maxTasksPerOwner)");
    if (limit > 20) return skip(`a limit of ${limit} is more than this check creates (20)`);
    const call = ctx.hasFixture('until_cancelled') ? { name: 'until_cancelled', args: { maxMs: 30_000 } } : ctx.slowTool(30_000);
    const a = await ctx.a();
    const ids: string[] = [];
    let ttl = TTL_MS;
    let last = 0;
    for (let i = 0; i < limit; i++) {
      const c = await ctx.createTask(a, call, { ttl: TTL_MS });
      if (!c.taskId || !c.task) return skip(`task ${i + 1} of ${limit} refused (other tasks of A still active?): ${describe(c.reply)}`);
      ttl = shortTtl(c.task.ttl);
      ids.push(c.taskId);
      last = Date.parse(String(c.task.createdAt));
    }
    await ctx.sleep(Math.max((Number.isNaN(last) ? Date.now() : last) + ttl + AFTER_MS - Date.now(), 0));
    for (const taskId of ids) {
      const get = await a.call('tasks/get', { taskId });
      if (!gone(get))
        return skip(`a task is still there ${AFTER_MS} ms after its ttl (${describe(get)}): kept (R36), so it may still count`);
    }
    const extra = await ctx.createTask(a, call, { ttl: TTL_MS });
    if (extra.taskId) return pass(`${limit} tasks expired, a new one accepted`);
    return warn(
      `all ${limit} active tasks of A expired (tasks/get: -32602), then a new task was refused: ${describe(extra.reply)}`,
      'the expired tasks free their slots: only tasks that exist count against the limit',
    );
  },
);

/** How many of `ids` were last seen non-terminal. */
function countActive(ctx: Parameters<Check['run']>[0], ids: string[]): number {
  let n = 0;
  for (const id of new Set(ids)) {
    const last = ctx.sightings(id).at(-1);
    if (last && isObject(last.task) && !isTerminalStatus(last.task.status)) n++;
  }
  return n;
}
