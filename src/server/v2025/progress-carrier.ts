/**
 * A task's stored progress on the 2025-11-25 wire (stateless serving, R24): the requestor has no
 * stream of its own after the CreateTaskResult, so the worker keeps its latest progress with the
 * task (core/progress-recorder.ts) and every response stream opened for the task carries it: a
 * waiting `tasks/result` at each change, a `tasks/get` before its answer (the transport allows a
 * response stream to carry notifications related to its request). Each value is claimed in the
 * store before it is sent (`SideChannel.progressSent`), so it goes out once over all streams and
 * instances, and the values the requestor gets increase; none is sent for a terminal task.
 */
import type { JsonObject } from '../../json.js';
import type { Owner } from '../../owner.js';
import { RELATED_TASK_META_KEY, type TaskRecord } from '../../record.js';
import { isTerminal } from '../../status.js';
import type { TaskEngine } from '../core/engine.js';
import type { Carrier } from './input-carrier.js';

/** Send `task`'s stored progress on `stream` if no stream sent it yet. Never throws. */
export async function carryProgress(engine: TaskEngine, owner: Owner, task: TaskRecord, stream: Carrier): Promise<void> {
  const stored = task.input?.progress;
  if (!stored || isTerminal(task.status) || (stored.sent !== undefined && stored.sent >= stored.progress)) return;
  const mine = await engine.side.progressSent(owner, task.taskId, stored.progress).catch(() => false);
  if (!mine) return;
  const params: JsonObject = {
    progressToken: stored.progressToken,
    progress: stored.progress,
    _meta: { [RELATED_TASK_META_KEY]: { taskId: task.taskId } },
  };
  if (stored.total !== undefined) params.total = stored.total;
  if (stored.message !== undefined) params.message = stored.message;
  stream.notify({ method: 'notifications/progress', params });
}
