/**
 * The client as receiver, read from a recording: what it declared it can take as a task, and the
 * server's requests to it with the client's answers (the reverse of Wire.exchanges), grouped by
 * the task each task-augmented request created.
 */
import { isObject, type Json } from '../core/json.js';
import type { WireEntry } from './recorder.js';
import type { Exchange } from './wire.js';

const DECLARATIONS = [
  ['elicitation', 'create'],
  ['sampling', 'createMessage'],
] as const;

/** The task-augmentable requests the client declared, e.g. ["elicitation/create"]. */
export function declaredReceiverRequests(capabilities: unknown): string[] {
  const requests =
    isObject(capabilities) && isObject(capabilities.tasks) && isObject(capabilities.tasks.requests) ? capabilities.tasks.requests : {};
  return DECLARATIONS.filter(([area, method]) => isObject(requests[area]) && requests[area][method] !== undefined).map(
    ([area, method]) => `${area}/${method}`,
  );
}

/** The server's requests and, when they came, the client's answers, matched per session by id. */
export function serverExchanges(entries: readonly WireEntry[]): Exchange[] {
  const answers = new Map<string, { t: number; result?: Json; error?: Json }>();
  for (const e of entries) {
    const m = e.message;
    if (e.dir !== 'in' || m.method !== undefined || m.id === undefined) continue;
    answers.set(`${e.session} ${String(m.id)}`, {
      t: e.t,
      ...(isObject(m.result) && { result: m.result }),
      ...(isObject(m.error) && { error: m.error }),
    });
  }
  return entries.flatMap((e) => {
    const m = e.message;
    if (e.dir !== 'out' || typeof m.method !== 'string' || m.id === undefined) return [];
    const answer = answers.get(`${e.session} ${String(m.id)}`);
    return [{ session: e.session, method: m.method, params: isObject(m.params) ? m.params : {}, t: e.t, ...(answer && { answer }) }];
  });
}

/** One task-augmented request the server sent the client, and what followed for its task. */
export interface ReceiverTask {
  readonly creation: Exchange;
  /** The taskId of the CreateTaskResult, when the answer had one. */
  readonly taskId?: string;
  /** tasks/get, tasks/result, tasks/cancel the server sent for it, in order. */
  readonly followUps: readonly Exchange[];
}

export function receiverTasks(entries: readonly WireEntry[]): ReceiverTask[] {
  const sent = serverExchanges(entries);
  return sent
    .filter((x) => x.params.task !== undefined && !x.method.startsWith('tasks/'))
    .map((creation) => {
      const task = creation.answer?.result?.task;
      const taskId = isObject(task) && typeof task.taskId === 'string' ? task.taskId : undefined;
      const followUps =
        taskId === undefined
          ? []
          : sent.filter((x) => x.method.startsWith('tasks/') && x.params.taskId === taskId && x.session === creation.session);
      return { creation, ...(taskId !== undefined && { taskId }), followUps };
    });
}
