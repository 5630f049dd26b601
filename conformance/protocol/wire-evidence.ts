/**
 * The evidence of a failed or warned protocol check: the messages every session of the run
 * exchanged while the check ran (each session keeps its `wireLog`), in time order, at most
 * `limit` of them (the first ones: where the check began). The HTML report shows them.
 */
import type { WireExchange } from '../core/check.js';
import { EVIDENCE_LIMIT } from '../core/html.js';
import type { WireSession } from './session.js';

/** The messages of `sessions` from `since` (epoch ms) on, `t` counted from `since`. */
export function wireSince(
  sessions: readonly Pick<WireSession, 'label' | 'wireLog'>[],
  since: number,
  limit = EVIDENCE_LIMIT,
): WireExchange[] {
  return sessions
    .flatMap((session) =>
      session.wireLog
        .filter((entry) => entry.at >= since)
        .map((entry) => ({ t: entry.at - since, session: session.label, from: entry.from, message: entry.message })),
    )
    .sort((a, b) => a.t - b.t)
    .slice(0, limit);
}
