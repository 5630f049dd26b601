/**
 * The `InputChannel` over the store's side channel (src/server/core/side-channel.ts): questions are
 * read from the task record (`TaskRecord.input`), answers are checked against the 2026-07-28
 * schemas and stored by the one `SideChannel`, so any instance can serve `tasks/get` and
 * `tasks/update` of any task while the worker holding the lease waits for its keys. The leg's
 * default, on the engine's side channel.
 */
import type { InputRequests } from '../../../generated/tasks-2026-07-28/types.js';
import type { InputAnswer, TaskStore } from '../../contract.js';
import { InvalidArgumentError } from '../../errors/index.js';
import { isValid2026, validate2026 } from '../../validate/index.js';
import { silentLogger } from '../core/logger.js';
import { answerProblem, SideChannel } from '../core/side-channel.js';
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
      // Each tasks/get that inlines a question delivers it (the 2026 wire has no claims).
      const delivered = Object.keys(out).length;
      if (delivered > 0) side.observer?.delivered('2026-07-28', delivered);
      return out;
    },
    /**
     * Keys that are not open are ignored (tasks.md: SHOULD); an invalid answer to an open key
     * throws INVALID_ARGUMENT (-32602) and applies nothing. The taken keys are no longer open.
     */
    async answer(record, responses) {
      const open = record.input?.requests ?? {};
      const answers: { [key: string]: InputAnswer } = {};
      for (const [key, value] of Object.entries(responses)) {
        const question = Object.hasOwn(open, key) ? open[key] : undefined;
        if (!question) {
          side.ignored(record.owner, record.taskId, key);
          continue;
        }
        const problem = answerProblem(question.method, value, validate2026);
        if (problem !== undefined) throw new InvalidArgumentError(`inputResponses["${key}"]: ${problem}`);
        answers[key] = { result: value };
      }
      if (Object.keys(answers).length > 0) await side.answer(record.owner, record.taskId, answers);
    },
  };
}
