/**
 * The `InputChannel` over the store's side channel (src/server/core/side-channel.ts): questions are read
 * from the task record (`TaskRecord.input`), answers are checked and stored by the one
 * `SideChannel`, so any instance can serve `tasks/get` and `tasks/update` of any task while the
 * worker holding the lease waits for its keys. The leg's default, on the engine's side channel.
 */
import type { InputRequests } from '../../../generated/tasks-2026-07-28/types.js';
import type { TaskStore } from '../../contract.js';
import { isValid2026 } from '../../validate/index.js';
import { silentLogger } from '../core/logger.js';
import { SideChannel } from '../core/side-channel.js';
import type { InputChannel } from './input-channel.js';

/** The channel over `source`: an engine's side channel (`engine.side`), or a store (a side channel of its own). */
export function storeInputChannel(source: SideChannel | TaskStore): InputChannel {
  const side = source instanceof SideChannel ? source : new SideChannel(source, silentLogger);
  return {
    outstanding(record) {
      const out: InputRequests = {};
      for (const [key, { method, params }] of Object.entries(record.input?.requests ?? {})) {
        const question = { method, params };
        // A question that is not a valid 2026 InputRequest would make the whole tasks/get invalid.
        if (isValid2026('InputRequest', question)) out[key] = question;
      }
      return out;
    },
    async answer(record, responses) {
      await side.answerUpdate(record, responses);
    },
  };
}
