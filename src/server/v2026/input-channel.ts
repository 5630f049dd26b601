/**
 * The 2026 leg's view of a task's questions and answers, behind one small interface so the leg
 * does not depend on how they are kept. The leg's default is the engine's store side channel
 * (`storeInputChannel(engine.side)`, store-input-channel.ts), the same one the 2025-11-25 wire
 * uses, so any instance serves `tasks/get` and `tasks/update` of any task.
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

/**
 * No questions shown, every answer ignored: only for a leg whose tools never ask (a task that asks
 * would wait until its TTL). Not the default.
 */
export const NO_INPUT: InputChannel = {
  outstanding: () => ({}),
  answer: async () => undefined,
};
