/**
 * What a task's expiry changes, beyond tasks/get (ttl.ts): tasks/list agrees with
 * tasks/get about an expired task (R63; R38), the ttl counts from creation however late the task
 * was updated (R36; R38), a tasks/result waiting on a task that expires is answered (R40, R37),
 * and the quota counts only tasks that still exist (R38; limits.ts, with these helpers).
 */
import { failOnSilence, inconclusive, pass, skip, warn, fail, SkipCheck } from '../../../core/check.js';
import { isTerminalStatus } from '../../../core/wire.js';
import { check, type Check } from '../../check.js';
import { describe, isError, type CheckContext } from '../../context.js';
import { listAll } from '../../list-all.js';
import type { WireReply } from '../../session.js';

/** The ttl the expiry checks ask for, and the most they wait for (a server may choose another, R34). */
export const TTL_MS = 1_500;
const MAX_TTL_MS = 3_000;
/** After the ttl: when the task is read (the same margin as ttl.expired-cleanup). */
export const AFTER_MS = 1_300;
/** expiry.from-creation reads sooner: a ttl counted from an update at 80 % of it would end at 180 %. */
const SOON_AFTER_MS = 600;

export const gone = (reply: WireReply): boolean => isError(reply, -32602);

/** The ttl the server gave a task asked for TTL_MS, or skip when it is too long to wait for. */
export function shortTtl(ttl: unknown): number {
  if (typeof ttl !== 'number') throw new SkipCheck(`the server chose ttl ${JSON.stringify(ttl)} for a requested ${TTL_MS} ms`);
  if (ttl > MAX_TTL_MS) throw new SkipCheck(`the server chose ttl ${ttl} ms for a requested ${TTL_MS} ms (too long to wait for)`);
  return ttl;
}

interface Listed {
  ttl: number;
  /** tasks/get before the listing, the listing, tasks/get after it. */
  before: WireReply;
  listed: boolean;
  after: WireReply;
  problem?: string;
}

/** A quick task with a short ttl, read with tasks/get, tasks/list and tasks/get again AFTER_MS past its ttl. */
function listedAfterExpiry(ctx: CheckContext): Promise<Listed> {
  return ctx.memo('expiry.listed', async () => {
    ctx.requireCapability('list');
    const call = ctx.quickTool();
    const a = await ctx.a();
    const { taskId, task } = ctx.needTask(await ctx.createTask(a, call, { ttl: TTL_MS }), call);
    const ttl = shortTtl(task.ttl);
    await ctx.pollTerminal(a, taskId, ttl);
    const createdAt = Date.parse(String(task.createdAt));
    await ctx.sleep(Math.max((Number.isNaN(createdAt) ? Date.now() : createdAt) + ttl + AFTER_MS - Date.now(), 0));
    const before = await a.call('tasks/get', { taskId });
    const listing = await listAll(a);
    const after = await a.call('tasks/get', { taskId });
    return { ttl, before, listed: listing.ids.includes(taskId), after, ...(listing.problem && { problem: listing.problem }) };
  });
}

export const expiryChecks: Check[] = [
  check(
    {
      id: 'expiry.readable-is-listed',
      rule: 'R63',
      level: 'MUST',
      area: 'ttl-timestamps',
      title: 'a task tasks/get still returns after its ttl is in tasks/list as well',
    },
    async (ctx) => {
      const o = await listedAfterExpiry(ctx);
      if (o.problem) return skip(`the listing did not complete: ${o.problem}`);
      // Deletion only goes one way: readable before and after the listing, it was readable during it.
      if (o.before.kind !== 'result' || o.after.kind !== 'result')
        return pass(gone(o.before) ? 'gone after its ttl (R36)' : `tasks/get: ${describe(o.before)}`);
      if (o.listed) return pass('still readable after its ttl, and listed');
      return fail(
        `${AFTER_MS} ms after the ttl (${o.ttl} ms): tasks/get answered the task before and after a tasks/list that did not list it`,
        'every task tasks/get returns also in tasks/list (R63): expire it for both or for neither',
      );
    },
  ),
  check(
    {
      id: 'expiry.gone-is-unlisted',
      rule: 'R38',
      level: 'SHOULD',
      area: 'ttl-timestamps',
      title: 'a task tasks/get no longer finds (expired) is not listed by tasks/list',
    },
    async (ctx) => {
      const o = await listedAfterExpiry(ctx);
      if (o.problem) return skip(`the listing did not complete: ${o.problem}`);
      if (!gone(o.before))
        return skip(`the task is still readable ${AFTER_MS} ms after its ttl (kept, R36): see expiry.readable-is-listed`);
      if (!o.listed) return pass();
      return warn(
        `${AFTER_MS} ms after the ttl (${o.ttl} ms): tasks/get answered ${describe(o.before)}, then tasks/list still listed the task`,
        'an expired task cleaned up for every read: not listed once tasks/get says it is gone',
      );
    },
  ),
  check(
    {
      id: 'expiry.from-creation',
      rule: 'R38',
      level: 'SHOULD',
      area: 'ttl-timestamps',
      title: 'the ttl counts from creation: a task updated late in its life expires like one that was not (R36)',
    },
    async (ctx) => {
      // The slow task must end at a chosen moment of its ttl: the fixture `delay` (a discovered tool runs as long as it runs).
      if (!ctx.hasFixture('delay')) return skip('needs a tool that runs a chosen time (the fixture delay, reference-server/FIXTURES.md)');
      const a = await ctx.a();
      // Does this server delete promptly at all? (ttl.expired-cleanup's probe, a quick task.)
      const quick = ctx.quickTool();
      const q = ctx.needTask(await ctx.createTask(a, quick, { ttl: TTL_MS }), quick);
      const ttl = shortTtl(q.task.ttl);
      // The slow task ends at ~80 % of its ttl: counted from that update, it would live to ~180 %.
      const slow = ctx.slowTool(Math.round(ttl * 0.8));
      const s = ctx.needTask(await ctx.createTask(a, slow, { ttl }), slow);
      if (s.task.ttl !== ttl) return skip(`the server chose ttl ${JSON.stringify(s.task.ttl)} for the second task, ${ttl} for the first`);
      const end = await ctx.pollTerminal(a, s.taskId, ttl);
      if (!isTerminalStatus(end.task?.status))
        return inconclusive(`the ${slow.name} task did not end within its ttl (${ttl} ms): statuses ${end.statuses.join(' -> ')}`);
      const createdAt = Date.parse(String(s.task.createdAt));
      await ctx.sleep(Math.max((Number.isNaN(createdAt) ? Date.now() : createdAt) + ttl + SOON_AFTER_MS - Date.now(), 0));
      const quickNow = await a.call('tasks/get', { taskId: q.taskId });
      const slowNow = await a.call('tasks/get', { taskId: s.taskId });
      if (!gone(quickNow))
        return skip(
          `this server keeps expired tasks a while (the quick task is readable ${SOON_AFTER_MS} ms after its ttl; R36 allows it)`,
        );
      if (gone(slowNow)) return pass();
      return warn(
        `${SOON_AFTER_MS} ms after the ttl (${ttl} ms) of both: the quick task is gone, the one that ended at ${end.task?.lastUpdatedAt ?? '~80 % of its ttl'} is still readable: ${describe(slowNow)}`,
        'the ttl measured from creation (R36), so both expire alike',
      );
    },
  ),
  check(
    {
      id: 'expiry.result-answered',
      rule: 'R40',
      level: 'MUST',
      rules: ['R37'],
      area: 'result',
      title: 'a tasks/result waiting on a task whose ttl elapses is answered (the task is gone: -32602), not left open',
    },
    async (ctx) => {
      const call = ctx.slowTool(30_000);
      const a = await ctx.a();
      const { taskId, task } = ctx.needTask(await ctx.createTask(a, call, { ttl: TTL_MS }), call);
      const ttl = shortTtl(task.ttl);
      const waiting = a.call('tasks/result', { taskId }, { timeoutMs: ttl + AFTER_MS + 6_000 });
      let answered: WireReply | undefined;
      void waiting.then((r) => (answered = r));
      const createdAt = Date.parse(String(task.createdAt));
      await ctx.sleep(Math.max((Number.isNaN(createdAt) ? Date.now() : createdAt) + ttl + AFTER_MS - Date.now(), 0));
      const get = await a.call('tasks/get', { taskId });
      if (answered) return pass(`tasks/result answered ${describe(answered)}`);
      if (!gone(get))
        return skip(`the task is still there ${AFTER_MS} ms after its ttl (${describe(get)}): kept (R36), so tasks/result may wait on`);
      const since = Date.now();
      const reply = await waiting;
      if (reply.kind !== 'local')
        return pass(`tasks/result answered ${describe(reply)} ${Date.now() - since} ms after tasks/get said the task is gone`);
      return failOnSilence(
        `tasks/result of a task whose ttl (${ttl} ms) elapsed: ${describe(reply)}, while tasks/get of it answered ${describe(get)} at once ${Date.now() - since} ms before`,
        'an answer once the task is gone: the error tasks/get gives (-32602, R37); a request waiting on a task that can no longer end is not left open',
      );
    },
  ),
];
