/**
 * The response streams of one 2025-11-25 transport's POSTed requests (a session's, or one
 * stateless request's), so that a request and its stream end together whichever side gives up
 * first:
 * - the client closes a stream before its answer (it went away, or closed a `tasks/result` to
 *   poll instead): the request's handler is cancelled as if `notifications/cancelled` had come,
 *   so its signal fires, a carried question is put back for the next `tasks/result` (A10), and
 *   nothing waits on for nobody;
 * - the client sends `notifications/cancelled`: the SDK drops the handler without a response, so
 *   the stream that was waiting for it is closed here instead of staying open forever.
 * Seen on the web side (response-end.ts), so it works the same behind Node's `(req, res)` and
 * behind `fetch`. `watchClosedStreams` (v2025/sdk-internals.ts) sees the first case inside the
 * SDK's transport too, but not through a transport wrapped by a hook; this does.
 */
import type { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import type { OnEnd } from './response-end.js';

type RequestId = string | number;

interface Message {
  method?: unknown;
  id?: unknown;
  params?: { requestId?: unknown };
}

const messagesOf = (body: unknown): Message[] =>
  (Array.isArray(body) ? body : [body]).filter((m): m is Message => typeof m === 'object' && m !== null);

const isId = (id: unknown): id is RequestId => typeof id === 'string' || typeof id === 'number';

export class RequestStreams {
  /** Open streams by the ids of the requests they answer (a stream is an object identity). */
  readonly #open = new Map<RequestId, object>();

  constructor(private readonly transport: WebStandardStreamableHTTPServerTransport) {}

  /**
   * Before the transport handles a POST: remember its requests, and act on the cancellations it
   * carries. Returns what to call when its response ends (undefined: it carries no request).
   */
  track(body: unknown): OnEnd | undefined {
    const ids: RequestId[] = [];
    for (const message of messagesOf(body)) {
      if (typeof message.method !== 'string') continue;
      if (isId(message.id)) ids.push(message.id);
      if (message.method === 'notifications/cancelled' && isId(message.params?.requestId)) this.#endLater(message.params.requestId);
    }
    if (ids.length === 0) return undefined;
    const stream = {};
    for (const id of ids) this.#open.set(id, stream);
    return (completed) => {
      for (const id of ids) {
        if (this.#open.get(id) !== stream) continue;
        this.#open.delete(id);
        if (!completed) this.#cancel(id);
      }
    };
  }

  /** Deliver a cancellation for `id` to the server, as the client would have sent it. */
  #cancel(id: RequestId): void {
    this.transport.onmessage?.({
      jsonrpc: '2.0',
      method: 'notifications/cancelled',
      params: { requestId: id, reason: 'The client closed the response stream' },
    });
  }

  /** The SDK answers nothing to a cancelled request: close its stream once the cancel is handled. */
  #endLater(id: RequestId): void {
    const stream = this.#open.get(id);
    if (!stream) return;
    setImmediate(() => {
      if (this.#open.get(id) === stream) this.transport.closeSSEStream(id);
    });
  }
}
