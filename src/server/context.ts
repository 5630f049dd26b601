/**
 * `ServerTaskContext`: the `TaskContext` a tool handler gets when it runs as a task on a server.
 * Adds the abort signal (fires on `tasks/cancel`), progress on the original `progressToken`
 * (R24), and requests to the requestor (elicitation, sampling) that move the task to
 * `input_required` and travel on the requestor's pending `tasks/result` (R47-R53).
 */
import type { TaskStore } from '../contract.js';
import { CapabilityMissingError, TaskNoLongerRunningError } from '../errors/index.js';
import type { JsonObject } from '../json.js';
import type { Owner } from '../owner.js';
import { RELATED_TASK_META_KEY, type TaskRecord } from '../record.js';
import { TaskContext } from '../task-context.js';

/** Where a task's messages to its requestor go. Never throws. */
export interface TaskPeer {
  notify(notification: { method: string; params?: JsonObject }): void;
  /** The requestor's declared capabilities, when known. */
  clientCapabilities(): { [key: string]: unknown } | undefined;
}

/** A request to the requestor, waiting for a `tasks/result` call to carry it. */
export interface PendingRequest {
  readonly method: 'elicitation/create' | 'sampling/createMessage';
  readonly params: JsonObject;
  /** The task's signal: a request in flight to the requestor is withdrawn when the task is cancelled. */
  readonly signal?: AbortSignal;
  resolve(result: JsonObject): void;
  reject(error: Error): void;
}

export interface ServerTaskContextOptions {
  signal: AbortSignal;
  peer: TaskPeer;
  progressToken?: string | number | undefined;
  /** Queue a request until a `tasks/result` carries it (the task's `Execution.enqueue`). */
  enqueue(request: PendingRequest): void;
}

export class ServerTaskContext extends TaskContext {
  /** Aborted when the task is cancelled (or the server shuts down). */
  readonly signal: AbortSignal;
  readonly peer: TaskPeer;
  readonly progressToken: string | number | undefined;
  readonly #enqueue: (request: PendingRequest) => void;
  #terminal = false;
  #asking = 0;

  constructor(store: TaskStore, owner: Owner, taskId: string, options: ServerTaskContextOptions) {
    super(store, owner, taskId);
    this.signal = options.signal;
    this.peer = options.peer;
    this.progressToken = options.progressToken;
    this.#enqueue = options.enqueue;
  }

  /** @internal Called by the task's `Execution` when it retires: progress stops (R24). */
  markTerminal(): void {
    this.#terminal = true;
  }

  /**
   * Report progress with the original request's `progressToken` (R24). Does nothing when the
   * request had no token or the task has ended.
   */
  progress(progress: number, total?: number, message?: string): void {
    if (this.#terminal || this.progressToken === undefined) return;
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

  async #ask(method: PendingRequest['method'], params: JsonObject, statusMessage: string): Promise<JsonObject> {
    this.signal.throwIfAborted();
    this.#asking++;
    try {
      // working -> input_required (R47); a second concurrent question keeps input_required.
      await this.store.updateStatus(this.owner, this.taskId, { from: ['working', 'input_required'], to: 'input_required', statusMessage });
      const meta = { ...(params._meta as JsonObject | undefined), [RELATED_TASK_META_KEY]: { taskId: this.taskId } };
      const answer = await new Promise<JsonObject>((resolve, reject) => {
        const onAbort = () => reject(this.signal.reason instanceof Error ? this.signal.reason : new TaskNoLongerRunningError('The task was cancelled'));
        if (this.signal.aborted) return onAbort();
        this.signal.addEventListener('abort', onAbort, { once: true });
        this.#enqueue({
          method,
          params: { ...params, _meta: meta },
          signal: this.signal,
          resolve: (result) => (this.signal.removeEventListener('abort', onAbort), resolve(result)),
          reject: (error) => (this.signal.removeEventListener('abort', onAbort), reject(error)),
        });
      });
      return answer;
    } finally {
      this.#asking--;
      // All questions answered: back to working (R50). Skipped if the task ended meanwhile.
      if (this.#asking === 0 && !this.#terminal && !this.signal.aborted) {
        await this.store.updateStatus(this.owner, this.taskId, { from: 'input_required', to: 'working', statusMessage: null }).catch(() => {});
      }
    }
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
  const text = content.find((c): c is { type: 'text'; text: string } => typeof c === 'object' && c !== null && (c as JsonObject).type === 'text');
  const detail = text && typeof text.text === 'string' ? `: ${text.text.slice(0, 500)}` : '';
  return `The tool reported an error${detail}`;
}
