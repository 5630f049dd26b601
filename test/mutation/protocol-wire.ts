/**
 * Builders for the wire-level defects of the catalogue: interceptors that rewrite one kind of
 * message between the reference server and its clients (reference-server/seam.ts, test/mutation/seams.ts), and a
 * status tracker (what the server last said about each task) some of them consult.
 */
import type { InterceptIo, Interceptor, ServerSeam } from '../../reference-server/seam.js';
import { interceptSessions } from './seams.js';

export type Json = Record<string, unknown>;
export const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
export const RELATED = 'io.modelcontextprotocol/related-task';
export const TERMINAL = new Set(['completed', 'failed', 'cancelled']);

/** What the server last said about each task's status (and the status before that). */
export class StatusTracker {
  readonly last = new Map<string, string>();
  readonly previous = new Map<string, string>();
  see(task: unknown): void {
    if (!isObject(task) || typeof task.taskId !== 'string' || typeof task.status !== 'string') return;
    const before = this.last.get(task.taskId);
    if (before !== undefined && before !== task.status) this.previous.set(task.taskId, before);
    this.last.set(task.taskId, task.status);
  }
  /** Feed from an outgoing message (responses carry a task or are one; notifications are one). */
  observe(message: Json, io: InterceptIo): void {
    if (message.method === 'notifications/tasks/status') return this.see(message.params);
    if (!isObject(message.result)) return;
    const method = io.request(message.id)?.method;
    if (method === 'tools/call') this.see(message.result.task);
    if (method === 'tasks/get' || method === 'tasks/cancel') this.see(message.result);
  }
}

/** A seam whose interceptor also keeps a status tracker up to date. */
export function wire(make: (tracker: StatusTracker) => Interceptor): ServerSeam {
  const tracker = new StatusTracker();
  const inner = make(tracker);
  return interceptSessions({
    ...(inner.incoming && { incoming: inner.incoming.bind(inner) }),
    outgoing: async (message, io) => {
      const changed = inner.outgoing ? await inner.outgoing(message, io) : message;
      tracker.observe(changed ?? message, io);
      return changed;
    },
  });
}

/** Rewrite the successful result of every response to `method` (return a new result, or edit in place). */
export function onResult(
  method: string,
  edit: (result: Json, params: Json, io: InterceptIo, tracker: StatusTracker) => Json | void,
): ServerSeam {
  return wire((tracker) => ({
    outgoing: (message, io) => {
      const request = io.request(message.id);
      if (request?.method !== method || !isObject(message.result)) return message;
      const result = structuredClone(message.result);
      return { ...message, result: edit(result, request.params, io, tracker) ?? result };
    },
  }));
}

/** Rewrite the error of every error response to `method`. */
export function onError(method: string, edit: (error: Json, params: Json) => Json | void): ServerSeam {
  return wire(() => ({
    outgoing: (message, io) => {
      const request = io.request(message.id);
      if (request?.method !== method || !isObject(message.error)) return message;
      const error = { ...message.error };
      return { ...message, error: edit(error, request.params) ?? error };
    },
  }));
}

/** Rewrite every notification of `method` (return null to drop it). */
export function onNotification(
  method: string,
  edit: (params: Json, io: InterceptIo, tracker: StatusTracker) => Json | null | void,
): ServerSeam {
  return wire((tracker) => ({
    outgoing: (message, io) => {
      if (message.method !== method || message.id !== undefined || !isObject(message.params)) return message;
      const params = structuredClone(message.params);
      const changed = edit(params, io, tracker);
      return changed === null ? null : { ...message, params: changed ?? params };
    },
  }));
}

/** Answer for the server: the reply a request of `method` gets instead (undefined: pass it on). */
export type Answer = { result: Json } | { error: { code: number; message: string } } | 'drop' | undefined;

/** Intercept requests of `method` from the client: change their params, or answer them here. */
export function onRequest(
  method: string,
  handle: (params: Json, tracker: StatusTracker, io: InterceptIo) => Answer,
  rewrite?: (params: Json) => Json,
): ServerSeam {
  return wire((tracker) => ({
    incoming: (message, io) => {
      if (message.method !== method || message.id === undefined) return message;
      const params = isObject(message.params) ? message.params : {};
      const answer = handle(params, tracker, io);
      if (answer === 'drop') return null;
      if (answer !== undefined) {
        void io.toClient({ jsonrpc: '2.0', id: message.id, ...answer } as never);
        return null;
      }
      return rewrite ? { ...message, params: rewrite(structuredClone(params)) } : message;
    },
  }));
}

export const textResult = (text: string): Json => ({ content: [{ type: 'text', text }] });
export const relatedTaskId = (params: Json): unknown =>
  isObject(params._meta) && isObject(params._meta[RELATED]) ? params._meta[RELATED].taskId : undefined;

/** One deliberate defect of the catalogue. */
export interface ProtocolDefect {
  id: string;
  area: string;
  description: string;
  /** The level of the rule the defect breaks. */
  level: 'MUST' | 'SHOULD';
  /** The checks that must catch it (fail; for SHOULD rules, warn also counts). */
  expected: string[];
  /** Checks that must run first to set the defect up (e.g. to fill a quota). */
  setup?: string[];
  /** The server's maximum ttl for this defect (default 60 000 ms; a defect of long ttls needs one past 2^31 ms). */
  maxTtlMs?: number;
  seam(): DefectSeam;
}

/** A seam, and (for a defect that takes the server down) what to do once the server runs. */
export type DefectSeam = ServerSeam & { started?(stop: () => Promise<void>): void };
