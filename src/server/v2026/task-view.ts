/**
 * A task as the 2026 wire shows it to its owner now: the `DetailedTask` of `tasks/get`, with the
 * questions the input channel holds (when `input_required`) and the poll interval the engine
 * advises at this moment (`engine.polls`, core/poll-advisor.ts). One function for `tasks/get` and
 * the pushed `notifications/tasks` (task-listen.ts), which tasks.md wants "identical to what
 * tasks/get would have returned at that moment".
 */
import type { DetailedTask } from '../../../generated/tasks-2026-07-28/types.js';
import type { JsonObject } from '../../json.js';
import type { Owner } from '../../owner.js';
import type { TaskRecord } from '../../record.js';
import type { TaskEngine } from '../core/engine.js';
import type { InputChannel } from './input-channel.js';
import { toDetailedTask } from './wire.js';

/**
 * `polled`: the requestor polls (a `tasks/get`), so the task counts toward its owner's rate share;
 * a notification shows the same interval without counting one more poller.
 */
export function taskView(
  engine: TaskEngine,
  input: InputChannel,
  owner: Owner,
  record: TaskRecord,
  polled: boolean,
): DetailedTask & JsonObject {
  const interval = polled ? engine.polls.advise(owner, record) : engine.polls.peek(owner, record);
  return toDetailedTask(record, record.status === 'input_required' ? input.outstanding(record) : undefined, interval);
}
