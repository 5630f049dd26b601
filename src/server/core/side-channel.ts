/**
 * `SideChannel`: the one client of the store's side channel (R47-R53). Every `store.input` call of
 * the server goes through here, so the life of a question is written once, for both wires and
 * every store:
 * - worker side: `ask` (the task moves to input_required, R47), `take` an arrived answer, and
 *   `withdraw` a question the work stops waiting for (waiting itself: answer-waits.ts);
 * - carrier side (the 2025 leg's v2025/input-carrier.ts): `claim` a question before a stream
 *   carries it (one stream at a time, R51) and `release` it when that stream ended without an
 *   answer, so the next carrier asks again at once;
 * - progress of a task whose requestor has no stream (stateless serving): the worker stores the
 *   latest (`progress`), a stream claims a value before sending it (`progressSent`), so each value
 *   goes out once (progress-carrier.ts);
 * - answers: `answer` stores answers already checked by a leg (the 2025 leg's JSON-RPC responses
 *   to carried questions, v2025/wire-answers.ts; the 2026 leg's `tasks/update`,
 *   v2026/store-input-channel.ts), each checked ONE way (`answerProblem`: the project's ajv
 *   validators of the leg's generation for `ElicitResult` / `CreateMessageResult`, one plain line
 *   on failure).
 *
 * An answer to a question that is not open (never asked, already answered, withdrawn, of an ended
 * or foreign task) changes nothing and is logged (`task.answer_ignored`): on the 2025 wire it is
 * a JSON-RPC response, which cannot be answered with an error; on the 2026 wire `tasks/update`
 * ignores such keys (tasks.md: SHOULD). No wire code of either generation lives here.
 */
import type { InputAnswer, InputMethod, InputRequest, PendingInput, StoredProgress, TaskStore } from '../../contract.js';
import { isTasksError } from '../../errors/index.js';
import type { Owner } from '../../owner.js';
import type { TaskRecord } from '../../record.js';
import type { ValidationIssue, ValidationResult } from '../../validate/index.js';
import type { TasksLogger } from './logger.js';
import type { EngineObserver } from './observer.js';

/** The names of the answers' schemas, the same in both generations. */
export type AnswerSchemaName = 'ElicitResult' | 'CreateMessageResult';

/** A leg's validator of answers (its generation's schemas). */
export type AnswerValidator = (name: AnswerSchemaName, value: unknown) => ValidationResult<unknown>;

const RESULT_NAMES: { readonly [M in InputMethod]: AnswerSchemaName } = {
  'elicitation/create': 'ElicitResult',
  'sampling/createMessage': 'CreateMessageResult',
};

/** Why `value` is not a valid answer to a `method` question under `validate`, in one line; undefined when it is. */
export function answerProblem(method: InputMethod, value: unknown, validate: AnswerValidator): string | undefined {
  const checked = validate(RESULT_NAMES[method], value);
  return checked.ok ? undefined : `The requestor's answer to ${method} is malformed: ${where(checked.errors[0])}`;
}

function where(issue: ValidationIssue | undefined): string {
  if (!issue) return 'the result: invalid';
  return `${issue.path === '' ? 'the result' : issue.path.slice(1).replaceAll('/', '.')}: ${issue.message}`;
}

export class SideChannel {
  constructor(
    readonly store: TaskStore,
    private readonly logger: TasksLogger,
    /** The engine's metrics: answers accepted and ignored, deliveries (the legs report them here). */
    readonly observer?: EngineObserver,
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

  /** Keep the task's latest progress (stateless serving: no stream of the requestor's own). */
  async progress(owner: Owner, taskId: string, progress: Omit<StoredProgress, 'sent'>): Promise<void> {
    await this.store.input(owner, taskId, { type: 'progress', ...progress });
  }

  // ---- carrier side ----

  /** Claim the stored progress `value` for sending on one stream: true when this stream sends it (no other ever does). */
  async progressSent(owner: Owner, taskId: string, value: number): Promise<boolean> {
    return (await this.store.input(owner, taskId, { type: 'progress-sent', progress: value })).accepted.length > 0;
  }

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
   * Store checked answers to the task's questions, from either wire: those to open questions are
   * taken (the worker waiting for them finds them), the others logged and ignored; an ended or
   * missing task ignores them all. Resolves with the keys taken. A store failure propagates.
   */
  async answer(owner: Owner, taskId: string, answers: { readonly [key: string]: InputAnswer }): Promise<string[]> {
    let accepted: string[] = [];
    try {
      accepted = (await this.store.input(owner, taskId, { type: 'answer', responses: answers })).accepted;
    } catch (error) {
      if (!isTasksError(error, 'TASK_NOT_FOUND') && !isTasksError(error, 'TASK_TERMINAL')) throw error;
    }
    const keys = Object.keys(answers);
    for (const key of keys) if (!accepted.includes(key)) this.ignored(owner, taskId, key);
    this.observer?.answers(accepted.length, 0);
    return accepted;
  }

  /** An answer to a question that is not open: logged (`task.answer_ignored`), nothing changed. */
  ignored(owner: Owner, taskId: string, key: string): void {
    this.observer?.answers(0, 1);
    this.logger({
      event: 'task.answer_ignored',
      owner,
      taskId,
      detail: `an answer to input request ${JSON.stringify(key)}, which is not open (never asked, already answered or withdrawn, or the task ended)`,
    });
  }

  #log(owner: Owner, taskId: string, detail: string): void {
    this.logger({ event: 'task.worker_error', owner, taskId, detail });
  }
}
