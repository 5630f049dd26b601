/**
 * The client as receiver, after it created a task: tasks/get answers the Task with its ttl (R35),
 * tasks/result blocks until the task is over (R40) and returns the underlying result (R41, R43)
 * with related-task _meta (R44), tasks/cancel cancels (R67, R68) and refuses a terminal task
 * (R66). The probe tool (receiver-probe.ts) sends these; what the client answered is judged here.
 */
import { fail, inconclusive, pass } from '../../core/check.js';
import { brief, isObject, type Json } from '../../core/json.js';
import { isTerminalStatus, RELATED_TASK } from '../../core/wire.js';
import { clientCheck, count, type Evidence } from '../check.js';
import type { ReceiverTask } from '../receiver-wire.js';
import type { Exchange } from '../wire.js';
import { receiverEvidence, taskShapeProblem } from './receiver.js';

/** The last status the client had told the server about the task before time `t`. */
function statusBefore(task: ReceiverTask, t: number): unknown {
  const told = [
    {
      t: task.creation.answer?.t ?? Infinity,
      status: isObject(task.creation.answer?.result?.task) ? task.creation.answer.result.task.status : undefined,
    },
    ...task.followUps
      .filter((x) => x.method !== 'tasks/result')
      .map((x) => ({ t: x.answer?.t ?? Infinity, status: x.answer?.result?.status })),
  ];
  return told
    .filter((s) => s.t < t && s.status !== undefined)
    .sort((a, b) => a.t - b.t)
    .at(-1)?.status;
}

/** The first tasks/get for the task sent after time `t`. */
const getAfter = (task: ReceiverTask, t: number): Exchange | undefined => task.followUps.find((x) => x.method === 'tasks/get' && x.t > t);

/** Every follow-up of `method`, with its task. */
const followUps = (tasks: readonly ReceiverTask[], method: string) =>
  tasks.flatMap((task) => task.followUps.filter((x) => x.method === method).map((x) => ({ task, x })));

export const receiverGetTask = clientCheck(
  {
    id: 'client.receiver-get-task',
    rule: 'R35',
    level: 'MUST',
    area: 'ttl-timestamps',
    title: 'as receiver, the client answers tasks/get with the Task, its ttl and timestamps included (also R33)',
  },
  (evidence: Evidence) => {
    const tasks = receiverEvidence(evidence);
    if (!Array.isArray(tasks)) return tasks;
    const gets = followUps(tasks, 'tasks/get');
    if (gets.length === 0) return inconclusive('the client created no task to poll');
    for (const { task, x } of gets) {
      const result = x.answer?.result;
      const problem = result
        ? (taskShapeProblem(result) ?? (result.taskId === task.taskId ? undefined : `taskId ${brief(result.taskId)}`))
        : `answered ${x.answer?.error ? `error ${brief(x.answer.error)}` : 'nothing'}`;
      if (problem)
        return fail(
          `tasks/get of task ${task.taskId}: ${problem}`,
          'the Task: { taskId, status, createdAt, lastUpdatedAt, ttl (a duration or null) }',
        );
    }
    return pass(count(gets.length, 'poll'));
  },
);

export const receiverResultBlocks = clientCheck(
  {
    id: 'client.receiver-result-blocks',
    rule: 'R40',
    level: 'MUST',
    area: 'result',
    title: 'as receiver, the client answers tasks/result of an unfinished task only once the task is terminal',
  },
  (evidence: Evidence) => {
    const tasks = receiverEvidence(evidence);
    if (!Array.isArray(tasks)) return tasks;
    let judged = 0;
    for (const { task, x } of followUps(tasks, 'tasks/result')) {
      if (isTerminalStatus(statusBefore(task, x.t)) || !x.answer) continue;
      const after = getAfter(task, x.answer.t)?.answer?.result?.status;
      if (x.answer.error === undefined && after === undefined) continue;
      judged++;
      if (x.answer.error)
        return fail(
          `tasks/result of task ${task.taskId} (${brief(statusBefore(task, x.t))}) answered error ${brief(x.answer.error)}`,
          'the answer held back until the task is terminal, then its result',
        );
      if (!isTerminalStatus(after))
        return fail(
          `tasks/result of task ${task.taskId} answered while the task was still ${brief(after)} (tasks/get right after)`,
          'the answer held back until the task is terminal',
        );
    }
    return judged === 0
      ? inconclusive('no tasks/result reached the client while its task was unfinished (with a tasks/get after it)')
      : pass(count(judged, 'tasks/result'));
  },
);

/** What is wrong with `result` as the result of `method`, or undefined (R41, R43). */
function resultTypeProblem(method: string, result: Json): string | undefined {
  if (method === 'sampling/createMessage')
    return typeof result.role === 'string' && isObject(result.content) && typeof result.model === 'string'
      ? undefined
      : 'not a CreateMessageResult (role, content, model)';
  return ['accept', 'decline', 'cancel'].includes(result.action as string)
    ? undefined
    : 'not an ElicitResult (action accept, decline or cancel)';
}

export const receiverResult = clientCheck(
  {
    id: 'client.receiver-result',
    rule: 'R41',
    level: 'MUST',
    area: 'result',
    title: 'as receiver, tasks/result returns the result of the underlying request (also R39, R43)',
  },
  (evidence: Evidence) => {
    const tasks = receiverEvidence(evidence);
    if (!Array.isArray(tasks)) return tasks;
    let judged = 0;
    for (const { task, x } of followUps(tasks, 'tasks/result')) {
      const result = x.answer?.result;
      if (!result) continue;
      judged++;
      const problem = resultTypeProblem(task.creation.method, result);
      if (problem)
        return fail(
          `tasks/result of task ${task.taskId} (${task.creation.method}): ${brief(result)} is ${problem}`,
          `exactly what ${task.creation.method} would have returned`,
        );
    }
    return judged === 0 ? inconclusive('the client answered no tasks/result with a result') : pass(count(judged, 'result'));
  },
);

export const receiverResultMeta = clientCheck(
  {
    id: 'client.receiver-result-related-meta',
    rule: 'R44',
    level: 'MUST',
    area: 'result',
    title: 'as receiver, the tasks/result response carries related-task _meta naming the task',
  },
  (evidence: Evidence) => {
    const tasks = receiverEvidence(evidence);
    if (!Array.isArray(tasks)) return tasks;
    const results = followUps(tasks, 'tasks/result').filter(({ x }) => x.answer?.result);
    if (results.length === 0) return inconclusive('the client answered no tasks/result with a result');
    for (const { task, x } of results) {
      const meta = x.answer!.result!._meta;
      const related = isObject(meta) ? meta[RELATED_TASK] : undefined;
      if (!isObject(related) || related.taskId !== task.taskId)
        return fail(
          `tasks/result of task ${task.taskId} with _meta ${brief(meta)}`,
          `_meta["${RELATED_TASK}"] = { taskId: "${task.taskId}" }`,
        );
    }
    return pass(count(results.length, 'result'));
  },
);

export const receiverCancel = clientCheck(
  {
    id: 'client.receiver-cancel',
    rule: 'R67',
    level: 'MUST',
    area: 'cancellation',
    title: 'as receiver, tasks/cancel of an unfinished task answers it cancelled, and it stays cancelled (also R68)',
  },
  (evidence: Evidence) => {
    const tasks = receiverEvidence(evidence);
    if (!Array.isArray(tasks)) return tasks;
    const cancels = followUps(tasks, 'tasks/cancel').filter(({ task, x }) => x.answer && !isTerminalStatus(statusBefore(task, x.t)));
    if (cancels.length === 0) return inconclusive('no tasks/cancel reached the client for an unfinished task');
    for (const { task, x } of cancels) {
      const status = x.answer!.result?.status;
      if (status !== 'cancelled')
        return fail(
          `tasks/cancel of task ${task.taskId} answered ${x.answer!.error ? `error ${brief(x.answer!.error)}` : `status ${brief(status)}`}`,
          'the Task with status "cancelled"',
        );
      const after = getAfter(task, x.answer!.t)?.answer?.result?.status;
      if (after !== undefined && after !== 'cancelled')
        return fail(`task ${task.taskId} was cancelled, then tasks/get said ${brief(after)}`, 'status "cancelled" from then on (R68)');
    }
    return pass(count(cancels.length, 'cancel'));
  },
);

export const receiverCancelTerminal = clientCheck(
  {
    id: 'client.receiver-cancel-terminal',
    rule: 'R66',
    level: 'MUST',
    area: 'cancellation',
    title: 'as receiver, tasks/cancel of a terminal task is refused with -32602',
  },
  (evidence: Evidence) => {
    const tasks = receiverEvidence(evidence);
    if (!Array.isArray(tasks)) return tasks;
    const cancels = followUps(tasks, 'tasks/cancel').filter(({ task, x }) => x.answer && isTerminalStatus(statusBefore(task, x.t)));
    if (cancels.length === 0) return inconclusive('no tasks/cancel reached the client for a task it had said was terminal');
    for (const { task, x } of cancels) {
      const code = isObject(x.answer!.error) ? x.answer!.error.code : undefined;
      if (code !== -32602)
        return fail(
          `tasks/cancel of task ${task.taskId} (${brief(statusBefore(task, x.t))}) answered ${x.answer!.error ? `error code ${brief(code)}` : `result ${brief(x.answer!.result)}`}`,
          'error -32602 (Invalid params)',
        );
    }
    return pass(count(cancels.length, 'cancel'));
  },
);
