/**
 * What the 2026-07-28 client sends and gets, recorded as the 2025 sessions record theirs: every
 * request and its response in the run's wire log (the evidence lines of a finding, the stop cause
 * of a dying server) and a trail per identity (the HTML report's messages while a check ran). The
 * 2026 client has no session; its label is the identity's with the generation: `A (2026)`.
 */
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { isObject, type Json } from '../../core/json.js';
import type { WireReply } from '../session.js';
import type { WireLog } from '../wire-log.js';

/** The messages of one identity on the 2026 wire, in the form a session keeps them (wire-evidence.ts). */
export interface WireTrail {
  readonly label: string;
  readonly wireLog: { at: number; from: 'client' | 'server'; message: Json }[];
}

/** At most this many messages per trail (the oldest go first), as a session's wire log. */
const TRAIL_LIMIT = 5_000;

export class Recording2026 {
  readonly #trails = new Map<string, WireTrail>();
  constructor(readonly log: WireLog) {}

  /** The trails so far, one per identity that sent something. */
  get trails(): WireTrail[] {
    return [...this.#trails.values()];
  }

  /** A request: whole in the trail; in the log without the envelope every request repeats (the evidence lines quote its params). */
  sent(label: string, message: Json): void {
    this.log.sent(label, withoutEnvelope(message) as JSONRPCMessage);
    this.#trail(label, 'client', message);
  }

  /** A response (or any message of the response stream) the client read. */
  received(label: string, message: unknown): void {
    if (!isObject(message)) return;
    this.log.received(label, message as JSONRPCMessage);
    this.#trail(label, 'server', message);
  }

  /** The reply a check got for `method`, with the request's id (the evidence lines find its exchange by it). */
  replied(label: string, method: string, reply: WireReply): void {
    this.log.call(label, method, reply);
  }

  #trail(label: string, from: 'client' | 'server', message: Json): void {
    let trail = this.#trails.get(label);
    if (!trail) this.#trails.set(label, (trail = { label, wireLog: [] }));
    trail.wireLog.push({ at: Date.now(), from, message: structuredClone(message) });
    if (trail.wireLog.length > TRAIL_LIMIT) trail.wireLog.splice(0, trail.wireLog.length - TRAIL_LIMIT);
  }
}

/** `message` with the per-request envelope (`_meta` keys `io.modelcontextprotocol/protocolVersion`, `clientInfo`, `clientCapabilities`) left out. */
function withoutEnvelope(message: Json): Json {
  const params = message.params;
  if (!isObject(params) || !isObject(params._meta)) return message;
  const kept = Object.fromEntries(Object.entries(params._meta).filter(([key]) => !ENVELOPE.has(key)));
  const { _meta, ...rest } = params;
  return { ...message, params: Object.keys(kept).length ? { ...rest, _meta: kept } : rest };
}

const ENVELOPE = new Set(['protocolVersion', 'clientInfo', 'clientCapabilities'].map((k) => `io.modelcontextprotocol/${k}`));
