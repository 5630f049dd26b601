/**
 * What the client's own requests must hold whatever the scenario: a tool the server lists as
 * `forbidden` is never called as a task (R11, the client's MUST NOT), and `tasks/get`,
 * `tasks/result` and `tasks/cancel` name their task in `params.taskId`, the source of truth for
 * the target task (R54; the schema requires it).
 */
import { fail, inconclusive, pass } from '../../core/check.js';
import { brief, isObject } from '../../core/json.js';
import { clientCheck, count, type Evidence } from '../check.js';

const TASK_METHODS = ['tasks/get', 'tasks/result', 'tasks/cancel'];

export const forbiddenToolPlain = clientCheck(
  {
    id: 'client.forbidden-tool-plain',
    rule: 'R11',
    level: 'MUST',
    area: 'tool-support',
    title: 'a tool whose taskSupport is forbidden (or absent) is never called as a task',
  },
  ({ runs }: Evidence) => {
    let calls = 0;
    for (const run of runs) {
      const listed = new Map<string, unknown>();
      for (const x of run.wire.requests('tools/list')) {
        const tools = x.answer?.result?.tools;
        if (Array.isArray(tools))
          for (const t of tools)
            if (isObject(t) && typeof t.name === 'string') listed.set(t.name, isObject(t.execution) ? t.execution.taskSupport : undefined);
      }
      for (const x of run.wire.requests('tools/call')) {
        const name = String(x.params.name);
        // A tool the client never saw listed is not judged: the kit cannot say what it knew.
        if (!listed.has(name) || (listed.get(name) !== undefined && listed.get(name) !== 'forbidden')) continue;
        calls++;
        if (x.params.task !== undefined)
          return fail(
            `in scenario ${run.scenario.name}: tools/call of ${name} (taskSupport ${brief(listed.get(name) ?? 'absent')}) with params.task ${brief(x.params.task)}`,
            'a plain tools/call: clients MUST NOT invoke such a tool as a task (R11)',
          );
      }
    }
    return calls === 0 ? inconclusive('the client called no listed tool whose taskSupport is forbidden') : pass(count(calls, 'call'));
  },
);

export const taskIdParam = clientCheck(
  {
    id: 'client.task-id-param',
    rule: 'R54',
    level: 'MUST',
    area: 'polling',
    title: 'tasks/get, tasks/result and tasks/cancel name their task in params.taskId',
  },
  ({ runs }: Evidence) => {
    let requests = 0;
    for (const run of runs) {
      for (const x of run.wire.requests(...TASK_METHODS)) {
        requests++;
        if (typeof x.params.taskId !== 'string')
          return fail(
            `in scenario ${run.scenario.name}: ${x.method} with params ${brief(x.rawParams ?? x.params)}`,
            `${x.method} with params.taskId, the task's id (a string): the source of truth for the target task (R54; schema)`,
          );
      }
    }
    return requests === 0 ? inconclusive('the client sent no tasks/get, tasks/result or tasks/cancel') : pass(count(requests, 'request'));
  },
);
