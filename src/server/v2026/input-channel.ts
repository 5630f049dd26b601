/**
 * The 2026 leg's view of a task's questions and answers (the side channel), behind one small
 * interface so the leg does not depend on how the store keeps them.
 *
 * PENDING the shared side channel (SIDE-CHANNEL.md, being added to the store contract on main):
 * the real implementation reads `record.input.requests` (outstanding questions, keyed, unique for
 * the task's life) and calls `store.answerInput(owner, taskId, responses)` (answers for
 * outstanding keys move to the durable inbox; unknown keys are ignored). Until it lands,
 * `NO_INPUT` is the only implementation: no question is ever outstanding, every answer is ignored.
 */
import type { InputRequests } from '../../../generated/tasks-2026-07-28/types.js';
import type { JsonObject } from '../../json.js';
import type { TaskRecord } from '../../record.js';

export interface InputChannel {
  /** The task's outstanding questions by key, as `tasks/get` inlines them (`{}` when none). */
  outstanding(record: TaskRecord): InputRequests;
  /**
   * Deliver `tasks/update` answers for the task `record` (as just read for its owner). Keys that
   * are not outstanding are ignored (tasks.md: SHOULD); the answered keys are no longer
   * outstanding when this resolves, so the next `tasks/get` shows only the rest. An invalid
   * answer to an outstanding key throws INVALID_ARGUMENT (-32602) and applies nothing.
   */
  answer(record: TaskRecord, responses: { readonly [key: string]: JsonObject }): Promise<void>;
}

/** No questions, answers ignored: the leg's behaviour until the store carries the side channel. */
export const NO_INPUT: InputChannel = {
  outstanding: () => ({}),
  answer: async () => undefined,
};
