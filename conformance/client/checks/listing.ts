/** Cursors are opaque: the client sends back exactly a nextCursor the server gave (R62). */
import { fail, inconclusive, pass } from '../../core/check.js';
import { brief } from '../../core/json.js';
import { clientCheck, count, type Evidence } from '../check.js';

export const cursorsUntouched = clientCheck(
  {
    id: 'client.cursors-untouched',
    rule: 'R62',
    level: 'MUST',
    area: 'listing',
    title: 'tasks/list cursors are passed back exactly as the server gave them',
  },
  ({ runs }: Evidence) => {
    let paged = 0;
    for (const run of runs) {
      const lists = run.wire.requests('tasks/list');
      for (const x of lists) {
        if (x.params.cursor === undefined) continue;
        paged++;
        const given = lists.filter((y) => y.answer && y.answer.t < x.t).map((y) => y.answer!.result?.nextCursor);
        if (!given.includes(x.params.cursor)) {
          return fail(
            `in scenario ${run.scenario.name}: tasks/list with cursor ${brief(x.params.cursor)}; the server had given ${
              given
                .filter((c) => c !== undefined)
                .map((c) => brief(c))
                .join(', ') || 'no cursor'
            }`,
            'a cursor byte for byte as a nextCursor the server sent',
          );
        }
      }
    }
    return paged === 0
      ? inconclusive('the client never asked tasks/list for a next page')
      : pass(`${count(paged, 'page')} asked for with a cursor`);
  },
);
