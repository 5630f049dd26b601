/**
 * The `InputChannel` over the store's side channel: questions are read from the task record,
 * answers go into the store's durable inbox, so any instance can serve `tasks/get` and
 * `tasks/update` of any task while the worker holding the lease waits for its keys.
 *
 * PENDING the integrator's store contract (SIDE-CHANNEL.md; main's working copy at the time of
 * writing had `TaskRecord.input = { issued, requests, responses }` and one
 * `store.input(owner, taskId, { type: 'answer', responses: { key: { result } } })`). The two
 * shapes this file relies on are declared structurally below, so wiring it is one call:
 * `storeInputChannel(store)`, once the store has `input`.
 */
import type { InputRequests } from '../../../generated/tasks-2026-07-28/types.js';
import { InvalidArgumentError } from '../../errors/index.js';
import type { JsonObject } from '../../json.js';
import type { Owner } from '../../owner.js';
import type { TaskRecord } from '../../record.js';
import { formatIssues, isValid2026, validate2026 } from '../../validate/index.js';
import type { InputChannel } from './input-channel.js';

/** A question as the store keeps it (`claim` is the 2025 carrier's, not shown on this wire). */
interface StoredQuestion {
  readonly method: 'elicitation/create' | 'sampling/createMessage';
  readonly params: JsonObject;
}

/** The record's side-channel state, absent until the task's first question. */
interface RecordWithInput {
  readonly input?: { readonly requests: { readonly [key: string]: StoredQuestion } };
}

/** The store operation that moves answers to outstanding keys into the inbox (unknown keys ignored). */
export interface SideChannelStore {
  input(owner: Owner, taskId: string, command: { type: 'answer'; responses: { readonly [key: string]: { result: JsonObject } } }): Promise<unknown>;
}

/** The answer schema of each question kind. */
const ANSWER_SCHEMA = { 'elicitation/create': 'ElicitResult', 'sampling/createMessage': 'CreateMessageResult' } as const;

function questionsOf(record: TaskRecord): { readonly [key: string]: StoredQuestion } {
  return (record as TaskRecord & RecordWithInput).input?.requests ?? {};
}

export function storeInputChannel(store: SideChannelStore): InputChannel {
  return {
    outstanding(record) {
      const out: InputRequests = {};
      for (const [key, { method, params }] of Object.entries(questionsOf(record))) {
        const question = { method, params };
        // A question that is not a valid 2026 InputRequest would make the whole tasks/get invalid.
        if (isValid2026('InputRequest', question)) out[key] = question;
      }
      return out;
    },
    async answer(record, responses) {
      const questions = questionsOf(record);
      const accepted: { [key: string]: { result: JsonObject } } = {};
      for (const [key, answer] of Object.entries(responses)) {
        const question = questions[key];
        if (question === undefined) continue; // never issued, already answered or withdrawn: ignored
        const checked = validate2026(ANSWER_SCHEMA[question.method], answer);
        if (!checked.ok) throw new InvalidArgumentError(`inputResponses["${key}"] is not a valid answer to ${question.method}: ${formatIssues(checked.errors)}`);
        accepted[key] = { result: answer };
      }
      if (Object.keys(accepted).length > 0) await store.input(record.owner, record.taskId, { type: 'answer', responses: accepted });
    },
  };
}
