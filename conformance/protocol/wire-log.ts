/**
 * The run's wire recording: every JSON-RPC message each session sent and received, with its time,
 * its session and the step of the run it belongs to (`discovery`, a check id, `cleanup`), the
 * troubles of the transport itself (a refused connection, an HTTP 503, a process that exited),
 * and each request a check made with the reply it got. A report line then shows what was really
 * exchanged: a failure prints the request it rests on and the response (or the silence, and
 * whether an answer came after the kit stopped waiting), and a server that stops answering is
 * reported with the last exchanges before it (check-run.ts, checks/availability.ts).
 */
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { brief, isObject, type Json } from '../core/json.js';
import { describe } from './replies.js';
import { WireSession, type CallOptions, type WireReply } from './session.js';
import { TapTransport } from './tap-transport.js';

type Id = number | string;

/** A request the kit sent, with the response if one came (at any time, also after the kit gave up). */
export interface Exchange {
  session: string;
  step: string;
  id: Id;
  method: string;
  params: Json;
  sentAt: number;
  response?: { at: number; message: Json };
}

/** One `call` of a session: what a check asked and the reply it used. */
export interface CallRecord {
  step: string;
  session: string;
  method: string;
  reply: WireReply;
}

/** A notification the kit sent (e.g. notifications/cancelled: it stopped waiting for a request). */
export interface SentNotification {
  at: number;
  session: string;
  step: string;
  method: string;
  params: Json;
}

/** A transport-level event: what the connection or the process did, not a JSON-RPC message. */
export interface TransportEvent {
  at: number;
  session: string;
  step: string;
  note: string;
}

/** The step a check's cleanup is recorded under: what it cancels afterwards is no evidence of its verdict. */
export const cleanupStep = (checkId: string): string => `${checkId} (cleanup)`;

const isId = (id: unknown): id is Id => typeof id === 'number' || typeof id === 'string';

export class WireLog {
  readonly startedAt = Date.now();
  /** The step of the run whose messages are being recorded (the runner sets it). */
  step = 'connect';
  readonly exchanges: Exchange[] = [];
  readonly calls: CallRecord[] = [];
  readonly events: TransportEvent[] = [];
  readonly notifications: SentNotification[] = [];
  /** The rule and level of each check step (a finding about a step may be filed under them). */
  readonly stepRules = new Map<string, { rule: string; level: 'MUST' | 'SHOULD' | 'MAY' }>();
  readonly #byId = new Map<string, Exchange>();

  /** A step begins: its messages are recorded under its name. */
  enter(step: string, info?: { rule: string; level: 'MUST' | 'SHOULD' | 'MAY' }): void {
    this.step = step;
    if (info) this.stepRules.set(step, { rule: info.rule, level: info.level });
  }

  sent(session: string, message: JSONRPCMessage): void {
    const m = message as Json;
    if (typeof m.method === 'string' && !isId(m.id)) {
      this.notifications.push({ at: Date.now(), session, step: this.step, method: m.method, params: isObject(m.params) ? m.params : {} });
      return;
    }
    if (typeof m.method !== 'string' || !isId(m.id)) return; // answers to the server's own requests are not exchanges of ours
    const exchange: Exchange = {
      session,
      step: this.step,
      id: m.id,
      method: m.method,
      params: isObject(m.params) ? m.params : {},
      sentAt: Date.now(),
    };
    this.exchanges.push(exchange);
    this.#byId.set(`${session}#${String(m.id)}`, exchange);
  }

  received(session: string, message: JSONRPCMessage): void {
    const m = message as Json;
    if (typeof m.method === 'string' || !isId(m.id)) return;
    const exchange = this.#byId.get(`${session}#${String(m.id)}`);
    if (exchange && !exchange.response) exchange.response = { at: Date.now(), message: m };
  }

  transport(session: string, note: string): void {
    this.events.push({ at: Date.now(), session, step: this.step, note });
  }

  call(session: string, method: string, reply: WireReply): void {
    this.calls.push({ step: this.step, session, method, reply });
  }

  /** The request `id` of `session` (the kit's own requests). */
  byId(session: string, id: Id): Exchange | undefined {
    return this.#byId.get(`${session}#${String(id)}`);
  }

  /** The exchange a reply came from (undefined when the request never went out). */
  exchangeOf(record: Pick<CallRecord, 'session' | 'reply'>): Exchange | undefined {
    return record.reply.requestId === undefined ? undefined : this.#byId.get(`${record.session}#${String(record.reply.requestId)}`);
  }

  /** Seconds since the run started, for report lines: `+12.3 s`. */
  offset(at: number): string {
    return `+${((at - this.startedAt) / 1000).toFixed(1)} s`;
  }

  /**
   * One exchange as a report line: `[+4.1 s] A: tasks/cancel {...} -> error -32602 "..." (4 ms)`.
   * `gaveUp`: the reply the kit used, so a silence says how long it waited and whether an answer
   * came afterwards.
   */
  format(exchange: Exchange, gaveUp?: WireReply, max = 240): string {
    const head = `[${this.offset(exchange.sentAt)}] ${exchange.session}: ${exchange.method} ${brief(exchange.params, max)}`;
    const response = exchange.response;
    const answer = response ? answerText(response.message, max) : undefined;
    if (gaveUp?.kind === 'local') {
      const after = response
        ? `; an answer came ${response.at - exchange.sentAt} ms after the request: ${answer}`
        : '; no answer came later either';
      return `${head} -> no answer while the kit waited (${gaveUp.message})${after}`;
    }
    if (!response) return `${head} -> no answer`;
    return `${head} -> ${answer} (${response.at - exchange.sentAt} ms)`;
  }

  /** A call as a report line (its exchange, or what the session said when nothing went out). */
  formatCall(record: CallRecord): string {
    const exchange = this.exchangeOf(record);
    return exchange ? this.format(exchange, record.reply) : `${record.session}: ${record.method} -> ${describe(record.reply)} (not sent)`;
  }
}

function answerText(message: Json, max: number): string {
  if (isObject(message.error)) {
    const data = message.error.data === undefined ? '' : ` data ${brief(message.error.data, 120)}`;
    return `error ${String(message.error.code)} ${JSON.stringify(String(message.error.message).slice(0, 300))}${data}`;
  }
  return `result ${brief(message.result, max)}`;
}

/** Forwards to the real transport and records every message in the run's log (the session's own tap sits above it). */
export class RecordingTransport extends TapTransport {
  constructor(inner: Transport, log: WireLog, label: string) {
    super(inner, { in: (message) => log.received(label, message), out: (message) => log.sent(label, message), closed: () => {} });
  }
}

/** A WireSession whose calls are recorded with the reply each check used (the evidence of its outcome). */
export class RecordedSession extends WireSession {
  #log: WireLog | undefined;

  attach(log: WireLog): this {
    this.#log = log;
    return this;
  }

  override async call(method: string, params?: Json, options?: CallOptions): Promise<WireReply> {
    const reply = await super.call(method, params, options);
    this.#log?.call(this.label, method, reply);
    return reply;
  }
}
