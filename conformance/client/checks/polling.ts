/**
 * How the client polls: no faster than pollInterval (R26), not after it was told the task is
 * terminal (R27), without related-task metadata on tasks/get|result|cancel (R54).
 */
import { inconclusive, pass, warn } from '../../core/check.js';
import { brief, isObject } from '../../core/json.js';
import { RELATED_TASK } from '../../core/wire.js';
import { clientCheck, count, type Evidence } from '../check.js';

/** Jitter allowed below pollInterval: timers and the loopback are not exact. */
export const POLL_TOLERANCE = { fraction: 0.25, maxMs: 100 };

export const pollInterval = clientCheck(
  {
    id: 'client.poll-interval',
    rule: 'R26',
    level: 'SHOULD',
    area: 'polling',
    title: 'tasks/get is sent no more often than the pollInterval the server gave',
  },
  ({ runs }: Evidence) => {
    let pairs = 0;
    for (const run of runs) {
      const { wire } = run;
      for (const task of wire.created) {
        const gets = wire.taskRequests('tasks/get', task.taskId);
        for (let i = 1; i < gets.length; i++) {
          const given = wire.statuses
            .filter((s) => s.taskId === task.taskId && s.t <= gets[i]!.t && s.pollInterval !== undefined)
            .at(-1)?.pollInterval;
          if (given === undefined) continue;
          pairs++;
          const gap = gets[i]!.t - gets[i - 1]!.t;
          const slack = Math.min(given * POLL_TOLERANCE.fraction, POLL_TOLERANCE.maxMs);
          if (gap < given - slack) {
            return warn(
              `in scenario ${run.scenario.name}, task ${task.taskId}: tasks/get ${Math.round(gap)} ms after the previous one (pollInterval ${given} ms)`,
              `polls at least ${given} ms apart (less ${Math.round(slack)} ms of jitter)`,
            );
          }
        }
      }
    }
    return pairs === 0
      ? inconclusive('the client never sent two tasks/get for one task after a pollInterval was given')
      : pass(`${count(pairs, 'interval')} between polls`);
  },
);

export const stopsAtTerminal = clientCheck(
  {
    id: 'client.polling-stops-at-terminal',
    rule: 'R27',
    level: 'SHOULD',
    area: 'polling',
    title: 'polling stops once tasks/get answered a terminal status',
  },
  ({ runs }: Evidence) => {
    let terminals = 0;
    for (const run of runs) {
      const { wire } = run;
      for (const task of wire.created) {
        // Only what tasks/get answered counts: a client may ignore status notifications (R58),
        // and its poll loop may not share what a cancel response said.
        const at = wire.terminalAt(task.taskId, ['tasks/get']);
        if (at === Infinity) continue;
        terminals++;
        const late = wire.taskRequests('tasks/get', task.taskId).filter((x) => x.t > at);
        if (late.length > 0)
          return warn(
            `in scenario ${run.scenario.name}, task ${task.taskId}: ${late.length} tasks/get after the client was told it is terminal`,
            'no tasks/get for a task the client knows is terminal',
          );
      }
    }
    return terminals === 0
      ? inconclusive('tasks/get never answered the client a terminal status')
      : pass(`${count(terminals, 'task')} seen terminal`);
  },
);

export const noRelatedTaskMeta = clientCheck(
  {
    id: 'client.no-related-task-meta',
    rule: 'R54',
    level: 'SHOULD',
    area: 'polling',
    title: 'tasks/get, tasks/result and tasks/cancel carry no related-task _meta (also R56)',
  },
  ({ runs }: Evidence) => {
    let seen = 0;
    for (const run of runs) {
      for (const x of run.wire.requests('tasks/get', 'tasks/result', 'tasks/cancel')) {
        seen++;
        const meta = x.params._meta;
        if (isObject(meta) && RELATED_TASK in meta)
          return warn(
            `in scenario ${run.scenario.name}: ${x.method} with _meta ${brief(meta)}`,
            `no ${RELATED_TASK} in _meta: the taskId parameter says which task`,
          );
      }
    }
    return seen === 0 ? inconclusive('the client sent no tasks/get, tasks/result or tasks/cancel') : pass(count(seen, 'request'));
  },
);
