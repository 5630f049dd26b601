/**
 * W3C Trace Context in `params._meta` (the MCP semantic conventions of OpenTelemetry carry it
 * there): `traceparent` read and written by hand, so the OpenTelemetry adapter needs only
 * `@opentelemetry/api` (no propagator package) and a malformed value from a requestor is ignored,
 * never an error. https://www.w3.org/TR/trace-context/#traceparent-header
 */
import type { JsonObject } from '../json.js';

export interface TraceParent {
  traceId: string;
  spanId: string;
  /** The trace flags byte (1 = sampled). */
  flags: number;
  tracestate?: string | undefined;
}

const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/;
const ZERO_TRACE = '0'.repeat(32);
const ZERO_SPAN = '0'.repeat(16);
/** A tracestate longer than this is dropped (the spec's limit is 32 members; 512 chars is the usual cap). */
const MAX_TRACESTATE = 512;

/** The trace context in a request's `_meta`, or undefined when there is none or it is malformed. */
export function traceParentOf(meta: unknown): TraceParent | undefined {
  if (typeof meta !== 'object' || meta === null) return undefined;
  const { traceparent, tracestate } = meta as { traceparent?: unknown; tracestate?: unknown };
  if (typeof traceparent !== 'string' || traceparent.length > 256) return undefined;
  const match = TRACEPARENT.exec(traceparent.trim().toLowerCase());
  if (!match) return undefined;
  const [version, traceId, spanId, flags, rest] = [match[1]!, match[2]!, match[3]!, match[4]!, match[5]];
  // Version ff is invalid; version 00 has nothing after the flags.
  if (version === 'ff' || (version === '00' && rest !== undefined) || traceId === ZERO_TRACE || spanId === ZERO_SPAN) return undefined;
  const state = typeof tracestate === 'string' && tracestate.length <= MAX_TRACESTATE ? tracestate : undefined;
  return { traceId, spanId, flags: Number.parseInt(flags, 16), ...(state !== undefined && { tracestate: state }) };
}

/** `_meta` entries for a span's context: `traceparent` (version 00) and `tracestate` when there is one. */
export function traceMeta(context: TraceParent): JsonObject {
  const traceparent = `00-${context.traceId}-${context.spanId}-${(context.flags & 0xff).toString(16).padStart(2, '0')}`;
  return context.tracestate ? { traceparent, tracestate: context.tracestate } : { traceparent };
}
