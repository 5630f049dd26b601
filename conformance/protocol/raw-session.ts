/**
 * `RawSession`: a 2025-11-25 Streamable HTTP session over plain fetch, for checks that must act as
 * no SDK client does: leave a request of the server unanswered, drop one response stream while
 * the request waits, answer late (after the carrying stream ended) or answer with a JSON-RPC
 * error. Every POSTed request's SSE stream is read as it arrives, so a check sees a side-channel
 * request before the response it rides with.
 */
import { isObject, type Json } from '../core/json.js';
import { identityHeaders, type Identity } from './target.js';

const PROTOCOL = '2025-11-25';

/** One POSTed request and what its response stream carried. */
export class RawStream {
  /** Everything the stream carried so far, in order (the server's requests and notifications, then the response). */
  readonly messages: Json[] = [];
  ended = false;
  readonly #controller = new AbortController();
  readonly #listeners = new Set<() => void>();

  constructor(readonly id: string) {}

  /** The first message matching `match` (already seen or later); undefined when the stream ends or `ms` pass first. */
  next(match: (message: Json) => boolean, ms: number, signal?: AbortSignal): Promise<Json | undefined> {
    return new Promise((resolve) => {
      const finish = (found: Json | undefined) => {
        clearTimeout(timer);
        this.#listeners.delete(look);
        signal?.removeEventListener('abort', stop);
        resolve(found);
      };
      const look = () => {
        const found = this.messages.find(match);
        if (found || this.ended) finish(found);
      };
      const stop = () => finish(undefined);
      const timer = setTimeout(stop, ms);
      signal?.addEventListener('abort', stop, { once: true });
      this.#listeners.add(look);
      look();
    });
  }

  /** The JSON-RPC response of this request, when it came (within `ms`). */
  response(ms: number, signal?: AbortSignal): Promise<Json | undefined> {
    return this.next((m) => m.id === this.id && ('result' in m || 'error' in m), ms, signal);
  }

  /** Drop the connection of this stream (the request stays pending at the server, A10). */
  drop(): void {
    this.#controller.abort();
  }

  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** @internal the reader's side */
  push(message: Json | undefined, ended = false): void {
    if (message) this.messages.push(message);
    if (ended) this.ended = true;
    for (const listener of [...this.#listeners]) listener();
  }
}

export class RawSession {
  #next = 1;
  readonly #streams = new Set<RawStream>();

  private constructor(
    readonly url: string,
    readonly sessionId: string | undefined,
    readonly identity: Identity | undefined,
  ) {}

  /** `initialize` (declaring `capabilities`) and `notifications/initialized`. */
  static async open(url: string, identity: Identity | undefined, capabilities: Json, timeoutMs: number): Promise<RawSession> {
    const init = {
      jsonrpc: '2.0',
      id: 'init',
      method: 'initialize',
      params: { protocolVersion: PROTOCOL, capabilities, clientInfo: { name: 'mcp-tasks-conformance-raw', version: '1' } },
    };
    const res = await fetch(url, {
      method: 'POST',
      headers: headers(identity),
      body: JSON.stringify(init),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = await res.text();
    if (!res.ok || !body.includes('"result"')) throw new Error(`initialize over plain HTTP: HTTP ${res.status} ${body.slice(0, 200)}`);
    const session = new RawSession(url, res.headers.get('mcp-session-id') ?? undefined, identity);
    await session.post({ jsonrpc: '2.0', method: 'notifications/initialized' });
    return session;
  }

  /** POST a request; its stream is read in the background. */
  request(method: string, params: Json): RawStream {
    const stream = new RawStream(`raw-${this.#next++}`);
    this.#streams.add(stream);
    const body = JSON.stringify({ jsonrpc: '2.0', id: stream.id, method, params });
    void fetch(this.url, { method: 'POST', headers: headers(this.identity, this.sessionId), body, signal: stream.signal })
      .then((res) => readStream(res, stream))
      .catch(() => undefined)
      .finally(() => {
        stream.push(undefined, true);
        this.#streams.delete(stream);
      });
    return stream;
  }

  /** A request whose response is all that matters (bounded); undefined when none came. */
  async call(method: string, params: Json, ms: number, signal?: AbortSignal): Promise<{ stream: RawStream; response: Json | undefined }> {
    const stream = this.request(method, params);
    const response = await stream.response(ms, signal);
    if (!response) stream.drop();
    return { stream, response };
  }

  /** POST a response or notification; resolves with the HTTP status (0 when the POST failed). */
  async post(message: Json): Promise<number> {
    try {
      const res = await fetch(this.url, {
        method: 'POST',
        headers: headers(this.identity, this.sessionId),
        body: JSON.stringify(message),
        signal: AbortSignal.timeout(10_000),
      });
      await res.arrayBuffer();
      return res.status;
    } catch {
      return 0;
    }
  }

  /** Drop every open stream and end the session. */
  async close(): Promise<void> {
    for (const stream of this.#streams) stream.drop();
    if (this.sessionId === undefined) return;
    await fetch(this.url, { method: 'DELETE', headers: headers(this.identity, this.sessionId), signal: AbortSignal.timeout(5_000) })
      .then((r) => r.arrayBuffer())
      .catch(() => undefined);
  }
}

function headers(identity: Identity | undefined, sessionId?: string): Record<string, string> {
  return {
    'content-type': 'application/json',
    accept: 'application/json, text/event-stream',
    'mcp-protocol-version': PROTOCOL,
    ...(sessionId !== undefined && { 'mcp-session-id': sessionId }),
    ...identityHeaders(identity),
  };
}

/** Feed `stream` with each JSON-RPC message of the response body (SSE events, or one JSON body). */
async function readStream(res: Response, stream: RawStream): Promise<void> {
  if (!res.body) return;
  if (!(res.headers.get('content-type') ?? '').includes('text/event-stream')) {
    const parsed = parse(await res.text());
    for (const message of Array.isArray(parsed) ? parsed : [parsed]) if (isObject(message)) stream.push(message);
    return;
  }
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of res.body) {
    buffer += decoder.decode(chunk as Uint8Array, { stream: true });
    let end: number;
    while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
      const event = buffer.slice(0, end);
      buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '');
      const data = event
        .split(/\r?\n/)
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).trimStart())
        .join('\n');
      const message = parse(data);
      if (isObject(message)) stream.push(message);
    }
  }
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
