/**
 * The fixed names of the wire, stated once for every kit: the spec revisions (generations), the
 * Tasks methods and notifications, the `_meta` keys and the task statuses. Stated here rather
 * than imported from `src/`, so a bug in the library cannot make its own server pass.
 *
 * A request is written with its method literally (`session.call('tasks/get', …)` reads like the
 * spec); these constants are for code that compares or enumerates names.
 */

/** The spec revision of the Tasks utility (sessions, `tasks/result`, `tasks/list`). */
export const GENERATION_2025 = '2025-11-25';
/** The revision of the Tasks extension (no session, `tasks/update`, the `_meta` envelope). */
export const GENERATION_2026 = '2026-07-28';

/** The `_meta` key that ties a message to a task. */
export const RELATED_TASK = 'io.modelcontextprotocol/related-task';
/** mcp-tasks' own `_meta` key on a side-channel request: its question's key (the reference server's fixtures; other servers need not send it). */
export const INPUT_KEY = 'io.github.mcp-tasks/input-key';
/** The `_meta` key of a CreateTaskResult's message for the model while the task runs (R23). */
export const MODEL_IMMEDIATE_RESPONSE = 'io.modelcontextprotocol/model-immediate-response';
/** The 2026-07-28 extension's key under `capabilities.extensions`. */
export const TASKS_EXTENSION = 'io.modelcontextprotocol/tasks';

/** The methods a requestor sends about its tasks (2025-11-25). */
export type TaskMethod = 'tasks/get' | 'tasks/result' | 'tasks/list' | 'tasks/cancel';
/** The receiver's notification of a task's new status. */
export const STATUS_NOTIFICATION = 'notifications/tasks/status';
/** Progress on a request's `progressToken`, which a task keeps after its CreateTaskResult (R24). */
export const PROGRESS_NOTIFICATION = 'notifications/progress';

export const TASK_STATUSES = ['working', 'input_required', 'completed', 'failed', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export const TERMINAL: ReadonlySet<string> = new Set<TaskStatus>(['completed', 'failed', 'cancelled']);
export const isTerminalStatus = (status: unknown): boolean => typeof status === 'string' && TERMINAL.has(status);
