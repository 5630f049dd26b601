/**
 * `InputCarrier`: delivers a task's stored questions to the requestor on the 2025-11-25 wire, from
 * whichever instance the requestor reached, on a response stream: a waiting `tasks/result` (R49),
 * or a `tasks/get` answered as SSE for requestors that only poll (R51).
 *
 * The rule, written once (A10): a question is delivered at least once until it is answered, and
 * on one stream at a time.
 * - A carrier CLAIMS the question in the store before sending it, so no other stream sends it
 *   meanwhile (R51), and holds the claim while its stream is open.
 * - When the stream ends without an answer (a `tasks/get` response was sent, a `tasks/result` was
 *   closed or cancelled), the claim is RELEASED at once: the next carrier, or one already waiting,
 *   asks again. When the carrying instance dies, its claim lapses after `INPUT_CLAIM_MS` (shared
 *   stores renew it every third of that while the stream is open).
 * - The answer does not come back through this object: the question goes out under an id naming
 *   its task and key (wire-answers.ts), and whichever server receives the response stores it
 *   (`SideChannel.answer`), also after the stream ended, as long as the question is open. A
 *   carrier whose question was settled that way (or withdrawn, or whose task ended) tells the
 *   requestor with `notifications/cancelled` if its stream is still open.
 *
 * One carrier per engine (`carrierOf`), shared by every server on it, since its record of the
 * questions its streams carry must span them all.
 */
import { randomBytes } from 'node:crypto';
import type { InputMethod, PendingInput } from '../../contract.js';
import type { JsonObject } from '../../json.js';
import type { Owner } from '../../owner.js';
import { INPUT_KEY_META_KEY, type TaskRecord } from '../../record.js';
import { isTerminal } from '../../status.js';
import type { TaskEngine } from '../core/engine.js';
import type { SideChannel } from '../core/side-channel.js';
import { questionRequestId } from './wire-answers.js';

/** What a carrier can do on its response stream. */
export interface Carrier {
  /** Write a request to the requestor on this stream (before its response); false (or a throw) when it cannot. */
  send(request: { id: string; method: InputMethod; params: JsonObject }): Promise<boolean>;
  /** Tell the requestor that the request `id` it got is void (answered elsewhere, withdrawn). Best effort. */
  cancel(id: string, reason: string): void;
  /** Write a notification on this stream (a task's stored progress, progress-carrier.ts). Best effort. */
  notify(notification: { method: string; params: JsonObject }): void;
}

/** How long a claim holds a question for one carrier on a store shared across processes; renewed every third of it. */
export const INPUT_CLAIM_MS = 30_000;

/** In one process nothing but the stream's end releases a claim: it holds as long as a task may live. */
const LOCAL_CLAIM_MS = 24 * 60 * 60 * 1000;

type HoldEnd = 'stream-ended' | 'settled';

export class InputCarrier {
  /** `taskId \0 key` of the questions a stream of this engine carries now: never claimed twice from here. */
  readonly #held = new Set<string>();
  readonly #claimMs: number;

  constructor(
    private readonly side: SideChannel,
    private readonly instanceId: string,
    private readonly shared: boolean,
  ) {
    this.#claimMs = shared ? INPUT_CLAIM_MS : LOCAL_CLAIM_MS;
  }

  /**
   * Carry one free question of `task` with `carrier` until `stream` aborts (the stream ended) or
   * the question is settled. Resolves once the question is sent, with `done` (settles when it is
   * no longer carried here); undefined when no question was free.
   */
  async carry(owner: Owner, task: TaskRecord, stream: AbortSignal, carrier: Carrier): Promise<{ done: Promise<void> } | undefined> {
    const key = this.#free(task);
    if (key === undefined || stream.aborted) return undefined;
    const slot = `${task.taskId}\0${key}`;
    const holder = `${this.instanceId}.${randomBytes(6).toString('base64url')}`;
    // Held before the claim's write: the change it makes must not send this engine's waiters after it too.
    this.#held.add(slot);
    let pending: PendingInput | undefined;
    try {
      pending = await this.side.claim(owner, task.taskId, key, holder, this.#claimMs);
    } finally {
      if (!pending) this.#held.delete(slot);
    }
    if (!pending) return undefined; // another stream has it, or it was settled meanwhile
    const id = questionRequestId({ taskId: task.taskId, key }, holder);
    // A fresh copy: the stored params are frozen, and the transport may add to what it sends.
    const params = structuredClone(pending.params) as JsonObject;
    params._meta = { ...(params._meta as JsonObject | undefined), [INPUT_KEY_META_KEY]: key };
    const sent = !stream.aborted && (await carrier.send({ id, method: pending.method, params }).catch(() => false));
    if (!sent) {
      this.#held.delete(slot);
      await this.side.release(owner, task.taskId, key, holder);
      return undefined;
    }
    this.side.observer?.delivered('2025-11-25');
    const done = this.#hold(owner, task.taskId, key, holder, stream).then(async (end) => {
      this.#held.delete(slot);
      if (end === 'stream-ended') await this.side.release(owner, task.taskId, key, holder);
      else if (!stream.aborted) carrier.cancel(id, 'The request was answered through another stream, or is no longer needed');
    });
    return { done }; // wrapped: an async function returning a promise would wait for it
  }

  /** Until the stream ends, or the question is settled (seen in a change; on shared stores also by a refused renewal). */
  #hold(owner: Owner, taskId: string, key: string, holder: string, stream: AbortSignal): Promise<HoldEnd> {
    return new Promise<HoldEnd>((resolve) => {
      let renewal: NodeJS.Timeout | undefined;
      let finished = false;
      const finish = (end: HoldEnd) => {
        if (finished) return;
        finished = true;
        stream.removeEventListener('abort', ended);
        unsubscribe();
        if (renewal !== undefined) clearInterval(renewal);
        resolve(end);
      };
      const ended = () => finish('stream-ended');
      const unsubscribe = this.side.store.onChange(({ task }) => {
        if (task.taskId === taskId && (isTerminal(task.status) || !Object.hasOwn(task.input?.requests ?? {}, key))) finish('settled');
      });
      stream.addEventListener('abort', ended, { once: true });
      if (stream.aborted) return finish('stream-ended');
      if (!this.shared) return;
      // Other processes write too: a renewal refused means the question was settled (or, after an
      // outage, claimed by another carrier): not ours to carry any more.
      renewal = setInterval(() => {
        this.side.claim(owner, taskId, key, holder, this.#claimMs).then(
          (renewed) => renewed === undefined && finish('settled'),
          () => undefined, // a store hiccup: the next renewal tries again
        );
      }, this.#claimMs / 3);
      renewal.unref();
    });
  }

  /**
   * The question to try: the oldest one no stream of this engine carries, unclaimed first, else the
   * one whose claim ends first (it may have lapsed: the store, on its own clock, decides).
   */
  #free(task: TaskRecord): string | undefined {
    if (isTerminal(task.status) || !task.input) return undefined;
    const order = ([a, x]: [string, PendingInput], [b, y]: [string, PendingInput]) =>
      (x.claim?.until ?? -1) - (y.claim?.until ?? -1) || Number(a) - Number(b);
    return Object.entries(task.input.requests)
      .filter(([key]) => !this.#held.has(`${task.taskId}\0${key}`))
      .sort(order)[0]?.[0];
  }
}

/** Made on first use, kept as long as its engine: a WeakMap, so engines never share one. */
const carriers = new WeakMap<TaskEngine, InputCarrier>();

/** The carrier of `engine` (one per engine: its streams never claim a question twice from here). */
export function carrierOf(engine: TaskEngine): InputCarrier {
  let carrier = carriers.get(engine);
  if (!carrier)
    carriers.set(engine, (carrier = new InputCarrier(engine.side, engine.instanceId, engine.store.capabilities.sharedAcrossProcesses)));
  return carrier;
}
