/**
 * How the client gets to the result: through tasks/result (R17), calling it as soon as the task
 * needs input (R49), and without waiting for status notifications the server need not send (R58).
 */
import { fail, inconclusive, pass, warn } from '../../core/check.js';
import { isObject } from '../../core/json.js';
import { RELATED_TASK } from '../../core/wire.js';
import { clientCheck, count, where, type Evidence } from '../check.js';

/** Scenarios whose task ends with a result the client has to fetch. */
const RESULT_SCENARIOS = new Set(['complete', 'fail', 'error', 'input', 'list']);

export const resultViaTasksResult = clientCheck(
  {
    id: 'client.result-via-tasks-result',
    rule: 'R17',
    level: 'SHOULD',
    area: 'result',
    title: 'the result of a task is taken from tasks/result',
  },
  ({ runs }: Evidence) => {
    let tasks = 0;
    const missing: string[] = [];
    for (const run of runs.filter((r) => RESULT_SCENARIOS.has(r.scenario.name))) {
      for (const task of run.wire.created) {
        // Only tasks the client was told are over: a client that never got there proves nothing.
        if (run.wire.terminalAt(task.taskId) === Infinity && run.wire.taskRequests('tasks/result', task.taskId).length === 0) continue;
        tasks++;
        if (run.wire.taskRequests('tasks/result', task.taskId).length === 0) missing.push(`${run.scenario.name}: ${task.taskId}`);
      }
    }
    if (tasks === 0) return inconclusive('no task of the client reached its end');
    // R17 states it without a keyword: a client may report a failure from the status alone, losing
    // the tool's own error (R41, R42). A warning, not a failure.
    if (missing.length)
      return warn(
        `no tasks/result for ${missing.length} of ${tasks} finished tasks (${missing.slice(0, 3).join('; ')})`,
        'tasks/result for every task whose result the client uses: the CreateTaskResult and tasks/get carry no result',
      );
    return pass(count(tasks, 'task'));
  },
);

export const resultOnInputRequired = clientCheck(
  {
    id: 'client.result-on-input-required',
    rule: 'R49',
    level: 'SHOULD',
    area: 'input-required',
    title: 'tasks/result is called when the task is input_required',
  },
  ({ runs }: Evidence) => {
    let asked = 0;
    for (const run of runs) {
      const { wire } = run;
      for (const task of wire.created) {
        const toldInput = wire.statuses.some((s) => s.taskId === task.taskId && s.status === 'input_required');
        if (!toldInput && !serverAsked(run.wire.entries, task.taskId)) continue;
        asked++;
        // The end as the server told it by any channel; the input scenario's tool works on after
        // the answer, so a client that asks for the result when it sees input_required is early.
        const end = wire.terminalAt(task.taskId);
        const inTime = wire.taskRequests('tasks/result', task.taskId).some((x) => x.t < end);
        if (!inTime)
          return warn(
            `in scenario ${run.scenario.name}, task ${task.taskId} needed input; the client called tasks/result only after the server said it was terminal (or never)`,
            'tasks/result while the task is input_required, so the server can send its request on that stream',
          );
      }
    }
    return asked === 0
      ? inconclusive('no task of the client needed input (scenario input not run, or no task created)')
      : pass(`${count(asked, 'task')} needed input`);
  },
);

/** Did the server send a request (elicitation, sampling) tied to the task? */
function serverAsked(entries: Evidence['runs'][number]['wire']['entries'], taskId: string): boolean {
  return entries.some((e) => {
    const meta = e.dir === 'out' && e.message.id !== undefined && isObject(e.message.params) ? e.message.params._meta : undefined;
    return isObject(meta) && isObject(meta[RELATED_TASK]) && meta[RELATED_TASK].taskId === taskId;
  });
}

export const noRelianceOnNotifications = clientCheck(
  {
    id: 'client.no-reliance-on-status-notifications',
    rule: 'R58',
    level: 'MUST',
    area: 'notifications',
    title: 'the client finishes a task when the server sends no status notifications',
  },
  ({ runs }: Evidence) => {
    const quiet = runs.filter((r) => r.scenario.quiet && r.wire.created.length > 0);
    if (quiet.length === 0) return inconclusive('the client created no task in a scenario without status notifications');
    const stuck = quiet.filter((r) => r.exit.timedOut);
    if (stuck.length) {
      const polls = stuck[0]!.wire.requests('tasks/get').length;
      return fail(
        `${where(stuck)} (no status notifications) the client did not finish in time; it sent ${polls} tasks/get`,
        'the client polls tasks/get and finishes without notifications/tasks/status',
      );
    }
    const unfinished = quiet.filter((r) => r.wire.created.some((t) => r.wire.taskRequests('tasks/result', t.taskId).length === 0));
    if (unfinished.length) return inconclusive(`${where(unfinished)} the client exited without fetching the result`);
    return pass(
      `${where(quiet)}, ${count(
        quiet.reduce((n, r) => n + r.dropped, 0),
        'status notification',
      )} withheld`,
    );
  },
);
