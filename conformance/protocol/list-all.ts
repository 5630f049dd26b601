/**
 * Walking every page of tasks/list, shared by the checks of several areas (listing, isolation,
 * limits): the IDs in order, the page sizes and cursors seen, and what ended the walk when it was
 * not a clean last page.
 */
import { isObject } from '../core/json.js';
import { describe } from './replies.js';
import type { WireReply, WireSession } from './session.js';

export interface Listing {
  ids: string[];
  pages: number;
  pageSizes: number[];
  cursors: string[];
  /** The reply that ended the walk when it was not a clean last page. */
  problem?: string;
}

/** Walk every page of tasks/list (at most `maxPages`). */
export async function listAll(session: WireSession, maxPages = 100, first?: string): Promise<Listing> {
  const listing: Listing = { ids: [], pages: 0, pageSizes: [], cursors: [] };
  let cursor = first;
  while (listing.pages < maxPages) {
    const reply: WireReply = await session.call('tasks/list', cursor === undefined ? {} : { cursor });
    if (reply.kind !== 'result' || !Array.isArray(reply.result.tasks)) {
      listing.problem = `tasks/list${cursor === undefined ? '' : ' (with a cursor)'}: ${describe(reply)}`;
      return listing;
    }
    listing.pages++;
    listing.pageSizes.push(reply.result.tasks.length);
    for (const t of reply.result.tasks) if (isObject(t) && typeof t.taskId === 'string') listing.ids.push(t.taskId);
    const next = reply.result.nextCursor;
    if (next === undefined) return listing;
    if (typeof next !== 'string') {
      listing.problem = `nextCursor is ${JSON.stringify(next)}, not a string`;
      return listing;
    }
    listing.cursors.push(next);
    cursor = next;
  }
  listing.problem = `more than ${maxPages} pages`;
  return listing;
}
