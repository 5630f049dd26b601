/**
 * `InputCarrier`: delivers a task's stored questions to the requestor on the 2025-11-25 wire, from
 * whichever instance the requestor reached. A question goes out on a response stream (a waiting
 * `tasks/result`, or a `tasks/get` answered as SSE, R49, R51) and its answer is stored with the
 * task, where the worker holding the lease takes it.
 *
 * Exactly once across streams and instances (R51): a carrier first CLAIMS the question in the
 * store (one conditional write) and keeps renewing the claim while the requestor is answering, so
 * no other stream sends it meanwhile. When the stream goes away before the answer (the requestor
 * closed it, A10) the claim is released and the next stream carries the question again; when the
 * carrying instance dies, its claim lapses after `INPUT_CLAIM_MS` and another one does.
 */
import { randomBytes } from 'node:crypto';
import type { InputAnswer, InputRequest, PendingInput, TaskStore } from '../contract.js';
import type { JsonObject, JsonValue } from '../json.js';
import type { Owner } from '../owner.js';
import { INPUT_KEY_META_KEY, type TaskRecord } from '../record.js';
import { isTasksError } from '../errors/index.js';
import { isTerminal } from '../status.js';
import { toFailureError } from '../task-context.js';
import type { TasksLogger } from './logger.js';

/** Sends `request` to the requestor on a response stream; resolves with the answer. */
export type Carrier = (request: InputRequest, signal: AbortSignal) => Promise<JsonObject>;

/** How long a claim holds a question for one carrier; renewed every third of it while it waits. */
export const INPUT_CLAIM_MS = 30_000;

export class InputCarrier {
  constructor(
    private readonly store: TaskStore,
    private readonly instanceId: string,
    private readonly logger: TasksLogger,
  ) {}

  /**
   * Claim one of `task`'s questions and send it with `carry`; resolves once it is on its way (the
   * request is issued before this resolves, so a `tasks/get` response can follow it on the same
   * stream), with its delivery: that settles when the answer is stored or the question given back.
   * Undefined when no question was free. `stream` aborts when the carrying response goes away.
   */
  async begin(owner: Owner, task: TaskRecord, stream: AbortSignal, carry: Carrier): Promise<{ delivery: Promise<void> } | undefined> {
    const key = nextQuestion(task);
    if (key === undefined) return undefined;
    const holder = `${this.instanceId}.${randomBytes(6).toString('base64url')}`;
    const claim = () => this.store.input(owner, task.taskId, { type: 'claim', key, holder, ms: INPUT_CLAIM_MS });
    const claimed = await claim();
    const pending = claimed.task.input?.requests[key];
    if (claimed.accepted.length === 0 || !pending) return undefined; // another stream has it
    const withdrawn = new AbortController(); // the task ended, or the question was settled elsewhere
    const renewal = setInterval(() => {
      claim().then(
        (renewed) => renewed.accepted.length === 0 && withdrawn.abort(),
        () => undefined, // a store hiccup: the next renewal tries again
      );
    }, INPUT_CLAIM_MS / 3);
    renewal.unref();
    const unsubscribe = this.store.onChange(({ task: changed }) => {
      if (changed.taskId === task.taskId && (isTerminal(changed.status) || !Object.hasOwn(changed.input?.requests ?? {}, key))) withdrawn.abort();
    });
    const signal = AbortSignal.any([stream, withdrawn.signal]);
    // A fresh copy: the stored params are frozen, and the transport may add to what it sends.
    const params = structuredClone(pending.params) as JsonObject;
    params._meta = { ...(params._meta as JsonObject | undefined), [INPUT_KEY_META_KEY]: key };
    const answer = askRequestor(carry, { method: pending.method, params }, signal);
    const delivery = (async () => {
      try {
        const settled = await answer;
        if (settled === SENT) return; // answered elsewhere, or asked again when the claim lapses
        if (settled) await this.store.input(owner, task.taskId, { type: 'answer', responses: { [key]: settled } });
        else await this.store.input(owner, task.taskId, { type: 'release', key, holder });
      } catch (error) {
        // The task ended meanwhile (TASK_TERMINAL, TASK_NOT_FOUND): nobody waits for the answer.
        this.logger({ event: 'task.worker_error', owner, taskId: task.taskId, detail: `storing an input answer failed: ${String(error)}` });
      } finally {
        clearInterval(renewal);
        unsubscribe();
      }
    })();
    return { delivery }; // wrapped: an async function returning a promise would wait for it
  }
}

/** The question went out but its stream closed before the answer (stateless mode). */
const SENT = Symbol('sent');

/** The SDK's ConnectionClosed code: the transport of the carrying response closed. */
const CONNECTION_CLOSED = -32000;

/**
 * The requestor's answer, or the error it answered with (a JSON-RPC error, or a malformed answer
 * refused by the result schema); undefined when the question did not reach it (the stream went
 * away, the transport failed): then it is given back for the next stream. SENT when the question
 * was sent but the carrying transport closed (a stateless response ends after its result): the
 * answer may come back to any instance (wire-answers.ts), and the claim lapses by itself, after
 * which the question is asked again, under the same key.
 */
async function askRequestor(carry: Carrier, request: InputRequest, signal: AbortSignal): Promise<InputAnswer | undefined | typeof SENT> {
  try {
    return { result: await carry(request, signal) };
  } catch (error) {
    if (signal.aborted) return undefined;
    const code = (error as { code?: unknown } | null)?.code;
    if (code === CONNECTION_CLOSED) return SENT;
    // The requestor's own JSON-RPC error (code, message, data) reaches the work as it came.
    return isTasksError(error) || Number.isInteger(code) ? { error: answerError(error) } : undefined;
  }
}

/**
 * The question to try to claim: the oldest unclaimed one, else the one whose claim ends first (it
 * may have lapsed: the store, on its own clock, decides).
 */
function nextQuestion(task: TaskRecord): string | undefined {
  if (isTerminal(task.status) || !task.input) return undefined;
  const order = ([a, x]: [string, PendingInput], [b, y]: [string, PendingInput]) =>
    (x.claim?.until ?? -1) - (y.claim?.until ?? -1) || Number(a) - Number(b);
  return Object.entries(task.input.requests).sort(order)[0]?.[0];
}

/** The requestor's error as stored JSON (`data` kept only when it is JSON). */
function answerError(error: unknown): Extract<InputAnswer, { error: unknown }>['error'] {
  const { code, message, data } = toFailureError(error as Error);
  if (data === undefined) return { code, message };
  try {
    return { code, message, data: JSON.parse(JSON.stringify(data)) as JsonValue };
  } catch {
    return { code, message };
  }
}
