/** Server replies as report text, and the small tests checks make on them. */
import { CheckFailure } from '../core/check.js';
import { brief, type Json } from '../core/json.js';
import type { WireReply } from './session.js';

/** A reply as a report line: `error -32602 "Task not found"`, `result {...}`, `no answer (...)`. */
export function describe(reply: WireReply): string {
  if (reply.kind === 'result') return `result ${brief(reply.result)}`;
  if (reply.kind === 'error') {
    const data = reply.error.data === undefined ? '' : ` data ${brief(reply.error.data, 120)}`;
    return `error ${reply.error.code} ${JSON.stringify(reply.error.message.length > 300 ? `${reply.error.message.slice(0, 299)}…` : reply.error.message)}${data}`;
  }
  return `no answer (${reply.message})`;
}

/** Throw a failure unless the reply is a JSON-RPC result; returns the result. */
export function expectResult(reply: WireReply, expected: string): Json {
  if (reply.kind === 'result') return reply.result;
  throw new CheckFailure(describe(reply), expected);
}

/** True when the reply is a JSON-RPC error with `code`. */
export function isError(reply: WireReply, code?: number): reply is Extract<WireReply, { kind: 'error' }> {
  return reply.kind === 'error' && (code === undefined || reply.error.code === code);
}
