/**
 * `SideChannel`: the one client of the store's side channel (R47-R53). Every `store.input` call of
 * the server goes through here, so the life of a question is written once, for both wires and
 * every store:
 * - worker side: `ask` (the task moves to input_required, R47), `take` an arrived answer, and
 *   `withdraw` a question the work stops waiting for (waiting itself: answer-waits.ts);
 * - carrier side (input-carrier.ts): `claim` a question before a stream carries it (one stream at a
 *   time, R51) and `release` it when that stream ended without an answer, so the next carrier
 *   asks again at once;
 * - answers: `answer` takes the requestor's JSON-RPC response on the 2025-11-25 wire whichever
 *   stream carried the question, as long as the question is open (the id of every carried
 *   question names its task and key, wire-answers.ts); `answerUpdate` takes `tasks/update`
 *   answers on the 2026-07-28 wire. Both check an answer ONE way (`answerProblem`: the project's
 *   ajv validators for `ElicitResult` / `CreateMessageResult`, one plain line on failure).
 *
 * An answer to a question that is not open (never asked, already answered, withdrawn, of an ended
 * or foreign task) changes nothing: on the 2025 wire it is a JSON-RPC response, which cannot be
 * answered with an error, so it is logged (`task.answer_ignored`) and dropped; on the 2026 wire
 * `tasks/update` ignores such keys (tasks.md: SHOULD).
 */
import type { InputAnswer, InputMethod, InputRequest, PendingInput, TaskStore } from '../../contract.js';
import { InvalidArgumentError, isTasksError } from '../../errors/index.js';
import { isPlainObject, type JsonObject, type JsonValue } from '../../json.js';
import type { Owner } from '../../owner.js';
import type { TaskRecord } from '../../record.js';
import { validate, validate2026, type ValidationIssue } from '../../validate/index.js';
import type { TasksLogger } from './logger.js';

/** The wire an answer came on: it decides which generation's schema checks it. */
export type AnswerWire = '2025-11-25' | '2026-07-28';

/** Which question an answer is for. */
export interface QuestionRef {
  taskId: string;
  key: string;
}

const RESULT_NAMES = { 'elicitation/create': 'ElicitResult', 'sampling/createMessage': 'CreateMessageResult' } as const;

/** Why `value` is not a valid answer to a `method` question on `wire`, in one line; undefined when it is. */
export function answerProblem(method: InputMethod, value: unknown, wire: AnswerWire): string | undefined {
  const name = RESULT_NAMES[method];
  const checked = wire === '2025-11-25' ? validate(name, value) : validate2026(name, value);
  return checked.ok ? undefined : `The requestor's answer to ${method} is malformed: ${where(checked.errors[0])}`;
}

function where(issue: ValidationIssue | undefined): string {
  if (!issue) return 'the result: invalid';
  return `${issue.path === '' ? 'the result' : issue.path.slice(1).replaceAll('/', '.')}: ${issue.message}`;
}

/**
 * A JSON-RPC response to a carried question as the answer the work gets: the requestor's error
 * as it came (code, message, JSON data), or the result; a result that fails its schema becomes a
 * -32602 error with the one-line reason, so the work (and the task's status message) sees why.
 */
export function answerOf(method: InputMethod, response: unknown): InputAnswer {
  const { result, error } = isPlainObject(response) ? response : {};
  if (isPlainObject(error) && Number.isInteger(error.code) && typeof error.message === 'string') {
    return { error: { code: error.code as number, message: error.message, ...(error.data !== undefined && { data: error.data as JsonValue }) } };
  }
  const problem = answerProblem(method, result, '2025-11-25');
  if (problem === undefined && isPlainObject(result)) return { result: result as JsonObject };
  return { error: { code: -32602, message: problem ?? `The requestor's answer to ${method} is malformed: the result: not an object` } };
}

export class SideChannel {
  constructor(
    readonly store: TaskStore,
    private readonly logger: TasksLogger,
  ) {}

  // ---- worker side ----

  /** Store a question (working|input_required -> input_required): its key, unique for the task's life, and the task after. */
  async ask(owner: Owner, taskId: string, request: InputRequest, statusMessage: string): Promise<{ key: string; task: TaskRecord }> {
    const { key, task } = await this.store.input(owner, taskId, { type: 'ask', request, statusMessage });
    return { key: key!, task };
  }

  /** Take arrived answers of `keys` (removed from the store); the ones not there yet are left out. */
  async take(owner: Owner, taskId: string, keys: readonly string[]): Promise<{ [key: string]: InputAnswer }> {
    return (await this.store.input(owner, taskId, { type: 'take', keys })).responses ?? {};
  }

  /** Drop questions (and unread answers) the work no longer waits for; the task after. */
  async withdraw(owner: Owner, taskId: string, keys: readonly string[]): Promise<TaskRecord> {
    return (await this.store.input(owner, taskId, { type: 'withdraw', keys })).task;
  }

  // ---- carrier side ----

  /** Claim question `key` for `holder` for `ms`: the question, or undefined when it is not free (or not open). */
  async claim(owner: Owner, taskId: string, key: string, holder: string, ms: number): Promise<PendingInput | undefined> {
    const { accepted, task } = await this.store.input(owner, taskId, { type: 'claim', key, holder, ms });
    return accepted.length > 0 ? task.input?.requests[key] : undefined;
  }

  /** Give a claimed question back: the next carrier (or one already waiting) asks again. Never throws. */
  async release(owner: Owner, taskId: string, key: string, holder: string): Promise<void> {
    try {
      await this.store.input(owner, taskId, { type: 'release', key, holder });
    } catch (error) {
      // Ended or gone: nobody is asked any more. Anything else: the claim lapses by itself.
      if (!isTasksError(error, 'TASK_NOT_FOUND')) this.#log(owner, taskId, `releasing input request ${key} failed: ${String(error)}`);
    }
  }

  // ---- answers ----

  /**
   * The requestor's JSON-RPC response to a carried question (2025-11-25 wire), from any stream or
   * instance: stored as the answer when the question is open for `owner`, else logged and ignored.
   * Resolves true when taken. Never throws for the requestor's doing; a store failure propagates.
   */
  async answer(owner: Owner, question: QuestionRef, response: unknown): Promise<boolean> {
    const { taskId, key } = question;
    try {
      const asked = (await this.store.get(owner, taskId)).input?.requests[key];
      if (asked) {
        const { accepted } = await this.store.input(owner, taskId, { type: 'answer', responses: { [key]: answerOf(asked.method, response) } });
        if (accepted.length > 0) return true;
      }
    } catch (error) {
      if (!isTasksError(error, 'TASK_NOT_FOUND') && !isTasksError(error, 'TASK_TERMINAL')) throw error;
    }
    this.#ignored(owner, taskId, key);
    return false;
  }

  /**
   * `tasks/update` answers (2026-07-28 wire) for the task `record` (as just read for its owner).
   * Keys that are not open are ignored (tasks.md: SHOULD); an invalid answer to an open key throws
   * INVALID_ARGUMENT (-32602) and applies nothing. The taken keys are no longer open afterwards.
   */
  async answerUpdate(record: TaskRecord, responses: { readonly [key: string]: JsonObject }): Promise<string[]> {
    const open = record.input?.requests ?? {};
    const answers: { [key: string]: InputAnswer } = {};
    for (const [key, value] of Object.entries(responses)) {
      const question = Object.hasOwn(open, key) ? open[key] : undefined;
      if (!question) {
        this.#ignored(record.owner, record.taskId, key);
        continue;
      }
      const problem = answerProblem(question.method, value, '2026-07-28');
      if (problem !== undefined) throw new InvalidArgumentError(`inputResponses["${key}"]: ${problem}`);
      answers[key] = { result: value };
    }
    if (Object.keys(answers).length === 0) return [];
    return (await this.store.input(record.owner, record.taskId, { type: 'answer', responses: answers })).accepted;
  }

  #ignored(owner: Owner, taskId: string, key: string): void {
    this.logger({ event: 'task.answer_ignored', owner, taskId, detail: `an answer to input request ${JSON.stringify(key)}, which is not open (never asked, already answered or withdrawn, or the task ended)` });
  }

  #log(owner: Owner, taskId: string, detail: string): void {
    this.logger({ event: 'task.worker_error', owner, taskId, detail });
  }
}
