/**
 * The kit's side of `subscriptions/listen` (tasks.md "Task Status Notifications"): open one, read
 * its SSE stream as it arrives, and stop when the server ends it, when the check has seen what it
 * waits for (plus a grace period, to see what comes after), or at the check's settle budget.
 * A listen answered with plain JSON is a JSON-RPC reply (an error, or not a stream at all).
 */
import { isObject, type Json } from '../../core/json.js';
import type { Context2026, Who } from './context.js';
import { parseJson, toReply, type Reply2026 } from './wire.js';

/** `_meta` key of every message of a subscription: the listen request's id. */
export const SUBSCRIPTION_ID = 'io.modelcontextprotocol/subscriptionId';

export interface ListenStream {
  kind: 'stream';
  /** The listen request's JSON-RPC id. */
  id: number;
  /** Every JSON-RPC message of the stream, in order. */
  messages: Json[];
  /** The server ended the stream (rather than the kit stopping to read). */
  ended: boolean;
}

export interface ListenOptions {
  who?: Who;
  declare?: boolean;
  /** Stop reading `graceMs` after this first holds. */
  until?: (messages: readonly Json[]) => boolean;
  graceMs?: number;
}

/** Listen for `taskIds` and read the stream (bounded by the check's settle budget). */
export async function listen(ctx: Context2026, taskIds: readonly string[], options: ListenOptions = {}): Promise<ListenStream | Reply2026> {
  const stop = new AbortController();
  const onAbort = () => stop.abort(ctx.signal.reason);
  ctx.signal.addEventListener('abort', onAbort, { once: true });
  const budget = setTimeout(() => stop.abort(new Error('settle budget')), ctx.state.settleMs);
  try {
    const opened = await ctx.state.found.client.open(
      'subscriptions/listen',
      { notifications: { taskIds: [...taskIds] } },
      {
        identity: ctx.state.identities[options.who ?? 'a'],
        declare: options.declare ?? true,
        signal: stop.signal,
        label: (options.who ?? 'a').toUpperCase(),
      },
    );
    if ('kind' in opened) return opened;
    const { id, response } = opened;
    if (!(response.headers.get('content-type') ?? '').includes('text/event-stream') || response.body === null) {
      return toReply(parseJson(await response.text().catch(() => '')), response.status);
    }
    const messages: Json[] = [];
    const ended = await read(response.body, messages, stop, options);
    return { kind: 'stream', id, messages, ended };
  } finally {
    clearTimeout(budget);
    ctx.signal.removeEventListener('abort', onAbort);
    stop.abort();
  }
}

/** Read SSE events into `messages` until the stream ends (true) or `stop` aborts (false). */
async function read(body: ReadableStream<Uint8Array>, messages: Json[], stop: AbortController, options: ListenOptions): Promise<boolean> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let grace: NodeJS.Timeout | undefined;
  const stopped = new Promise<'stopped'>((resolve) => stop.signal.addEventListener('abort', () => resolve('stopped'), { once: true }));
  try {
    for (;;) {
      const next = await Promise.race([reader.read(), stopped]).catch(() => 'stopped' as const);
      if (next === 'stopped') return false;
      if (next.done) return true;
      buffer += decoder.decode(next.value, { stream: true });
      const events = buffer.split(/\r?\n\r?\n/);
      buffer = events.pop() ?? '';
      for (const event of events) {
        const data = event
          .split(/\r?\n/)
          .filter((l) => l.startsWith('data:'))
          .map((l) => l.slice(5).trimStart())
          .join('\n');
        const message = parseJson(data);
        if (isObject(message)) messages.push(message);
      }
      if (grace === undefined && options.until?.(messages)) grace = setTimeout(() => stop.abort(), options.graceMs ?? 1_000);
    }
  } finally {
    clearTimeout(grace);
    reader.cancel().catch(() => undefined);
  }
}
