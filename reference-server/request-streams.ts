/**
 * The response streams of one session's POSTed requests, so that a request and its stream end
 * together whichever side gives up first:
 * - the client closes a stream before its answer (it went away, or closed a `tasks/result` to
 *   poll instead): the request's handler is cancelled as if `notifications/cancelled` had come,
 *   so its signal fires, a carried question is put back for the next `tasks/result` (A10), and
 *   nothing waits on for nobody;
 * - the client sends `notifications/cancelled`: the SDK drops the handler without a response, so
 *   the stream that was waiting for it is ended here instead of staying open forever.
 */
import type { ServerResponse } from 'node:http';
import type { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

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
  readonly #open = new Map<RequestId, ServerResponse>();

  constructor(private readonly transport: StreamableHTTPServerTransport) {}

  /** Before the transport handles a POST: remember its requests' stream, and act on cancellations. */
  track(body: unknown, res: ServerResponse): void {
    const ids: RequestId[] = [];
    for (const message of messagesOf(body)) {
      if (typeof message.method !== 'string') continue;
      if (isId(message.id)) ids.push(message.id);
      if (message.method === 'notifications/cancelled' && isId(message.params?.requestId)) this.#endLater(message.params.requestId);
    }
    if (ids.length === 0) return;
    for (const id of ids) this.#open.set(id, res);
    res.once('close', () => {
      const unanswered = !res.writableEnded;
      for (const id of ids) {
        if (this.#open.get(id) !== res) continue;
        this.#open.delete(id);
        if (unanswered) this.#cancel(id);
      }
    });
  }

  /** Deliver a cancellation for `id` to the server, as the client would have sent it. */
  #cancel(id: RequestId): void {
    this.transport.onmessage?.({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: id, reason: 'The client closed the response stream' } });
  }

  /** The SDK answers nothing to a cancelled request: end its stream once the cancel is handled. */
  #endLater(id: RequestId): void {
    const res = this.#open.get(id);
    if (!res) return;
    setImmediate(() => {
      if (!res.writableEnded) res.end();
    });
  }
}
