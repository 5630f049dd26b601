/** Listing and pagination with tasks/list: R60, R61, R63, R64 (digest section 3.10). */
import { fail, pass, skip, warn } from '../../core/check.js';
import { check, type Check } from '../check.js';
import { describe, isError, type CheckContext } from '../context.js';
import { listAll, type Listing } from '../list-all.js';

/** Enough tasks of identity A to need more than one page, then a full walk. */
function paginationProbe(ctx: CheckContext): Promise<{ created: string[]; listing: Listing }> {
  return ctx.memo('listing.pagination', async () => {
    ctx.requireCapability('list');
    const call = ctx.quickTool();
    const a = await ctx.a();
    const before = await listAll(a);
    if (before.problem) throw new CheckFailureProbe(before.problem);
    const created: string[] = [];
    const wanted = Math.max(ctx.options.paginationTasks - new Set(before.ids).size, 3);
    const deadline = Date.now() + 20_000;
    while (created.length < wanted && Date.now() < deadline && !ctx.signal.aborted) {
      const reply = await ctx.createTask(a, call);
      if (reply.taskId) created.push(reply.taskId);
      else await ctx.sleep(50); // e.g. the active-task limit: wait for the quick tasks to end
    }
    return { created, listing: await listAll(a) };
  });
}

class CheckFailureProbe extends Error {}

export const listingChecks: Check[] = [
  check(
    { id: 'list.includes-task', rule: 'R63', level: 'MUST', area: 'listing', title: 'a task retrievable by tasks/get is in tasks/list' },
    async (ctx) => {
      ctx.requireCapability('list');
      const call = ctx.quickTool();
      const a = await ctx.a();
      const { taskId } = ctx.needTask(await ctx.createTask(a, call), call);
      const get = await a.call('tasks/get', { taskId });
      if (get.kind !== 'result') return skip(`setup failed: tasks/get: ${describe(get)}`);
      const listing = await listAll(a);
      if (listing.ids.includes(taskId)) return pass(`found among ${listing.ids.length} tasks in ${listing.pages} page(s)`);
      return fail(
        `task ${taskId} not in ${listing.ids.length} listed tasks${listing.problem ? ` (${listing.problem})` : ''}`,
        'every task visible to tasks/get appears in tasks/list',
      );
    },
  ),

  check(
    {
      id: 'list.next-cursor',
      rule: 'R61',
      level: 'MUST',
      area: 'listing',
      title: 'nextCursor is present while more tasks remain (all pages together list every task)',
    },
    async (ctx) => {
      let probe;
      try {
        probe = await paginationProbe(ctx);
      } catch (error) {
        if (error instanceof CheckFailureProbe) return fail(error.message, 'a ListTasksResult');
        throw error;
      }
      const { created, listing } = probe;
      if (listing.problem) return fail(listing.problem, 'a ListTasksResult on every page');
      const missing = created.filter((id) => !listing.ids.includes(id));
      if (missing.length) {
        return fail(
          `${missing.length} of ${created.length} new tasks missing from ${listing.pages} page(s) of sizes ${listing.pageSizes.join(', ')}`,
          'nextCursor on every page but the last, so that the pages together list every task',
        );
      }
      return pass(`${listing.ids.length} tasks in ${listing.pages} page(s) of sizes ${listing.pageSizes.join(', ')}`);
    },
  ),

  check(
    { id: 'list.paginates', rule: 'R60', level: 'SHOULD', area: 'listing', title: 'tasks/list uses cursor pagination to limit page size' },
    async (ctx) => {
      const { listing } = await paginationProbe(ctx).catch((e: unknown) => {
        if (e instanceof CheckFailureProbe) return { listing: undefined };
        throw e;
      });
      if (!listing || listing.problem) return skip('setup failed: tasks/list did not answer (see list.next-cursor)');
      if (listing.pages > 1) return pass(`largest page ${Math.max(...listing.pageSizes)}`);
      if (listing.ids.length >= ctx.options.paginationTasks)
        return warn(`tasks/list answered all ${listing.ids.length} tasks in a single page`, 'pages limited in size, with nextCursor');
      return skip(`only ${listing.ids.length} tasks to list`);
    },
  ),

  check(
    { id: 'list.invalid-cursor', rule: 'R64', level: 'MUST', area: 'listing', title: 'an invalid or tampered cursor gives -32602' },
    async (ctx) => {
      ctx.requireCapability('list');
      const a = await ctx.a();
      const cursors = ['conformance-invalid-cursor'];
      const real = (await listAll(a, 1)).cursors[0];
      if (typeof real === 'string') cursors.push(`${real}x`, real.length > 2 ? real.slice(0, -2) : `${real}=`);
      const bad: string[] = [];
      for (const cursor of cursors) {
        const reply = await a.call('tasks/list', { cursor });
        if (!isError(reply, -32602)) bad.push(`cursor ${JSON.stringify(cursor)}: ${describe(reply)}`);
      }
      if (bad.length) return fail(bad.join('; '), 'JSON-RPC error -32602 (Invalid params)');
      return pass(`${cursors.length} cursors refused`);
    },
  ),
];
