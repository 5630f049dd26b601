/**
 * The client as receiver of task-augmented elicitation/create and sampling/createMessage, held to
 * the rules the server kit holds a server to: it answers a CreateTaskResult (R16, R18, R32, R33,
 * R35), a new task is working (R21), task IDs are unique (R20). Played in the receiver scenario,
 * only for a client that declares tasks.requests.elicitation.create or
 * tasks.requests.sampling.createMessage; the others skip.
 */
import { fail, inconclusive, pass, skip, type Outcome } from '../../core/check.js';
import { brief, isObject, type Json } from '../../core/json.js';
import { clientCheck, count, type Evidence } from '../check.js';
import { declaredReceiverRequests, receiverTasks, type ReceiverTask } from '../receiver-wire.js';

/** The client's tasks as receiver, or why there is nothing to judge. */
export function receiverEvidence({ runs }: Evidence): ReceiverTask[] | Outcome {
  const declared = new Set(runs.flatMap((r) => declaredReceiverRequests(r.wire.initialize?.capabilities)));
  if (declared.size === 0)
    return skip('the client declares neither tasks.requests.elicitation.create nor tasks.requests.sampling.createMessage');
  const tasks = runs.filter((r) => r.scenario.receiver).flatMap((r) => receiverTasks(r.wire.entries));
  if (tasks.length === 0)
    return inconclusive(
      `the client declares ${[...declared].join(', ')}; no task-augmented request reached it (scenario receiver not run)`,
    );
  return tasks;
}

/** What is wrong with a Task object as a receiver answers it (R18, R32, R33, R35), or undefined. */
export function taskShapeProblem(task: unknown): string | undefined {
  if (!isObject(task)) return `no task object: ${brief(task)}`;
  if (typeof task.taskId !== 'string') return `taskId ${brief(task.taskId)} is not a string (R18)`;
  if (typeof task.status !== 'string') return `status ${brief(task.status)} is not a string`;
  for (const key of ['createdAt', 'lastUpdatedAt'] as const) {
    if (typeof task[key] !== 'string' || Number.isNaN(Date.parse(task[key] as string)))
      return `${key} ${brief(task[key])} is not an ISO 8601 timestamp (${key === 'createdAt' ? 'R32' : 'R33'})`;
  }
  if (!(task.ttl === null || (typeof task.ttl === 'number' && task.ttl >= 0)))
    return `ttl ${brief(task.ttl)} is neither a duration nor null (R35)`;
  return undefined;
}

const answered = (answer: { result?: Json; error?: Json } | undefined): string =>
  answer === undefined ? 'no answer' : answer.error ? `error ${brief(answer.error)}` : `result ${brief(answer.result)}`;

export const receiverCreateTaskResult = clientCheck(
  {
    id: 'client.receiver-create-task-result',
    rule: 'R16',
    level: 'MUST',
    area: 'creation',
    title:
      'as receiver of a task-augmented elicitation/create or sampling/createMessage, the client answers with a CreateTaskResult (also R18, R32)',
  },
  (evidence: Evidence) => {
    const tasks = receiverEvidence(evidence);
    if (!Array.isArray(tasks)) return tasks;
    for (const { creation } of tasks) {
      const result = creation.answer?.result;
      const problem = result ? taskShapeProblem(result.task) : answered(creation.answer);
      if (problem)
        return fail(
          `${creation.method} with params.task ${brief(creation.params.task)}: ${problem}`,
          'a CreateTaskResult: { task: { taskId, status, createdAt, lastUpdatedAt, ttl } }, the result itself later through tasks/result',
        );
    }
    return pass(count(tasks.length, 'task-augmented request'));
  },
);

export const receiverInitialWorking = clientCheck(
  {
    id: 'client.receiver-initial-working',
    rule: 'R21',
    level: 'MUST',
    area: 'creation',
    title: 'as receiver, a task the client creates begins in status working',
  },
  (evidence: Evidence) => {
    const tasks = receiverEvidence(evidence);
    if (!Array.isArray(tasks)) return tasks;
    const created = tasks.flatMap((t) => (isObject(t.creation.answer?.result?.task) ? [t.creation.answer.result.task] : []));
    if (created.length === 0) return inconclusive('the client created no task');
    const other = created.find((task) => task.status !== 'working');
    return other
      ? fail(
          `task ${brief(other.taskId)} created with status ${brief(other.status)}`,
          'status "working" (the server is still to ask the user or the model)',
        )
      : pass(count(created.length, 'task'));
  },
);

export const receiverUniqueIds = clientCheck(
  {
    id: 'client.receiver-unique-ids',
    rule: 'R20',
    level: 'MUST',
    area: 'creation',
    title: 'as receiver, the client gives each task its own ID',
  },
  (evidence: Evidence) => {
    const tasks = receiverEvidence(evidence);
    if (!Array.isArray(tasks)) return tasks;
    const ids = tasks.flatMap((t) => (t.taskId === undefined ? [] : [`${t.creation.session} ${t.taskId}`]));
    if (ids.length < 2) return inconclusive('the client created fewer than two tasks');
    const repeated = ids.find((id, i) => ids.indexOf(id) !== i);
    return repeated
      ? fail(`two tasks with taskId ${JSON.stringify(repeated.split(' ')[1])}`, 'a different taskId for every task')
      : pass(count(ids.length, 'task'));
  },
);
