/**
 * Audit log of task events (R82): creation, completion, retrieval, cancellation, with the owner
 * and task ID. Plug in any logger; the default writes nothing.
 */
export type TaskEvent =
  | 'task.created'
  | 'task.completed'
  | 'task.failed'
  | 'task.cancelled'
  | 'task.status'
  | 'task.retrieved'
  | 'task.result'
  | 'task.listed'
  | 'task.lookup_failed'
  /** A `subscriptions/listen` (2026 wire) agreed to push this task's changes to its owner. */
  | 'task.subscribed'
  | 'task.taken_over'
  /** An answer to a question that is not open (answered, withdrawn, never asked, or of an ended task): nothing changed. */
  | 'task.answer_ignored'
  | 'task.worker_error';

export interface TaskLogEntry {
  event: TaskEvent;
  owner: string;
  taskId?: string;
  status?: string;
  detail?: string;
}

export type TasksLogger = (entry: TaskLogEntry) => void;

export const silentLogger: TasksLogger = () => {};

/** One JSON line per event on stderr (stdout may be a stdio transport). */
export const jsonLinesLogger: TasksLogger = (entry) => {
  process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), ...entry })}\n`);
};
