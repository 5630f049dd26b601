/**
 * `ServerTaskContext`: the `TaskContext` a tool handler gets when it runs as a task on a server.
 * Adds the abort signal (fires on `tasks/cancel`), progress on the original `progressToken`
 * (R24), and requests to the requestor (elicitation, sampling) that move the task to
 * `input_required`; they are stored with the task (the side channel, src/stores/input-channel.ts)
 * and carried by whichever instance the requestor reaches (R47-R53).
 */
import type { InputAnswer, InputMethod } from '../../contract.js';
import { CapabilityMissingError, JsonRpcError } from '../../errors/index.js';
import type { JsonObject } from '../../json.js';
import type { Owner } from '../../owner.js';
import { RELATED_TASK_META_KEY, type TaskRecord } from '../../record.js';
import { TaskContext } from '../../task-context.js';
import type { ObservedTask } from './observer.js';
import { ProgressRecorder } from './progress-recorder.js';
import type { SideChannel } from './side-channel.js';

/** Where a task's messages to its requestor go. Never throws. */
export interface TaskPeer {
  notify(notification: { method: string; params?: JsonObject }): void;
  /** The requestor's declared capabilities, when known. */
  clientCapabilities(): { [key: string]: unknown } | undefined;
  /**
   * True when the requestor has no stream of its own after the CreateTaskResult (stateless
   * serving): progress is then kept with the task and carried on the streams opened for it
   * (`tasks/get`, `tasks/result`; progress-recorder.ts) instead of `notify`.
   */
  readonly storesProgress?: boolean;
}

export interface ServerTaskContextOptions {
  signal: AbortSignal;
  peer: TaskPeer;
  progressToken?: string | number | undefined;
  /** Wait for the answer to the stored question `key`, asked with the write that gave `asked` (answer-waits.ts). */
  awaitAnswer(key: string, asked: TaskRecord): Promise<InputAnswer>;
  /** The run's metrics and span (observer.ts): questions, progress, trace context. */
  observed?: ObservedTask | undefined;
  /** For a call in its sync window: stores the task (the call becomes one) before anything touches it. */
  ready?: (() => Promise<void>) | undefined;
}

export class ServerTaskContext extends TaskContext {
  /** Aborted when the task is cancelled (or the server shuts down). */
  readonly signal: AbortSignal;
  readonly peer: TaskPeer;
  readonly progressToken: string | number | undefined;
  readonly #awaitAnswer: ServerTaskContextOptions['awaitAnswer'];
  readonly #side: SideChannel;
  readonly #observed: ObservedTask | undefined;
  readonly #ready: (() => Promise<void>) | undefined;
  #recorder: ProgressRecorder | undefined;
  #terminal = false;

  constructor(side: SideChannel, owner: Owner, taskId: string, options: ServerTaskContextOptions) {
    super(side.store, owner, taskId);
    this.#side = side;
    this.signal = options.signal;
    this.peer = options.peer;
    this.progressToken = options.progressToken;
    this.#awaitAnswer = options.awaitAnswer;
    this.#observed = options.observed;
    this.#ready = options.ready;
  }

  protected override ready(): Promise<void> | undefined {
    return this.#ready?.();
  }

  /** @internal Called by the task's `Execution` when it retires: progress stops (R24). */
  markTerminal(): void {
    this.#terminal = true;
    this.#recorder?.stop();
  }

  /**
   * Report progress with the original request's `progressToken` (R24). Does nothing when the
   * request had no token or the task has ended.
   */
  progress(progress: number, total?: number, message?: string): void {
    if (this.#terminal) return;
    this.#observed?.progress(progress, total, message);
    if (this.progressToken === undefined) return;
    if (this.peer.storesProgress) {
      this.#recorder ??= new ProgressRecorder(this.#side, this.owner, this.taskId);
      return this.#recorder.record({
        progressToken: this.progressToken,
        progress,
        ...(total !== undefined && { total }),
        ...(message !== undefined && { message }),
      });
    }
    const params: JsonObject = { progressToken: this.progressToken, progress, _meta: this.#relatedMeta() };
    if (total !== undefined) params.total = total;
    if (message !== undefined) params.message = message;
    this.peer.notify({ method: 'notifications/progress', params });
  }

  /** Ask the requestor for input (`elicitation/create`); resolves with its answer. */
  elicit(params: { message: string; requestedSchema: JsonObject; [key: string]: unknown }): Promise<JsonObject> {
    if (!this.peer.clientCapabilities()?.elicitation) {
      return Promise.reject(new CapabilityMissingError('elicitation'));
    }
    return this.#ask('elicitation/create', params as JsonObject, params.message);
  }

  /** Ask the requestor's model (`sampling/createMessage`); resolves with its answer. */
  createMessage(params: { messages: JsonObject[]; maxTokens: number; [key: string]: unknown }): Promise<JsonObject> {
    if (!this.peer.clientCapabilities()?.sampling) {
      return Promise.reject(new CapabilityMissingError('sampling'));
    }
    return this.#ask('sampling/createMessage', params as JsonObject, 'Waiting for the requestor to sample a message');
  }

  /**
   * Store the question with the task (working -> input_required, R47) and wait for its answer,
   * which any instance may receive: on a `tasks/result` or `tasks/get` stream it carries the
   * question on (R49, R51), or in a `tasks/update`. The store moves the task back to `working`
   * once no question is outstanding (R50). A question the work stops waiting for is withdrawn.
   */
  async #ask(method: InputMethod, params: JsonObject, statusMessage: string): Promise<JsonObject> {
    this.signal.throwIfAborted();
    await this.ready(); // a question makes a call in its sync window a task at once
    // The run's trace context goes with the question, so the requestor's answer can join the task's trace.
    const meta = {
      ...(params._meta as JsonObject | undefined),
      ...this.#observed?.traceMeta(),
      [RELATED_TASK_META_KEY]: { taskId: this.taskId },
    };
    const request = { method, params: { ...params, _meta: meta } };
    const { key, task } = await this.#side.ask(this.owner, this.taskId, request, statusMessage);
    const waited = this.#observed?.asked(method);
    let answer: InputAnswer;
    try {
      answer = await this.#awaitAnswer(key, task);
    } catch (error) {
      waited?.('withdrawn');
      if (!this.#terminal) await this.#side.withdraw(this.owner, this.taskId, [key]).catch(() => {});
      throw error;
    }
    waited?.('answered');
    // The requestor answered with a JSON-RPC error (or a malformed answer): the work sees it as such.
    if ('error' in answer) throw JsonRpcError.from(answer.error);
    return answer.result;
  }

  override async complete(result: JsonObject, statusMessage?: string): Promise<TaskRecord> {
    return super.complete(result, statusMessage ?? failureSummary(result));
  }

  #relatedMeta(): JsonObject {
    return { [RELATED_TASK_META_KEY]: { taskId: this.taskId } };
  }
}

/** R75: a failed tool result should explain itself in `statusMessage`. */
function failureSummary(result: JsonObject): string | undefined {
  if (result.isError !== true) return undefined;
  const content = Array.isArray(result.content) ? result.content : [];
  const text = content.find(
    (c): c is { type: 'text'; text: string } => typeof c === 'object' && c !== null && (c as JsonObject).type === 'text',
  );
  const detail = text && typeof text.text === 'string' ? `: ${text.text.slice(0, 500)}` : '';
  return `The tool reported an error${detail}`;
}
