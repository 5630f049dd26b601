/**
 * Request bodies under hostile clients: a per-request size limit, a process-wide budget of body
 * bytes in flight, and refusals that close the connection instead of reading the rest.
 *
 * Why not drain a refused body to its end: it may be 10 GB or endless (chunked); reading it all
 * to keep the connection reusable hands the client our bandwidth and CPU for free (see
 * `refuseAndClose` for the bounded drain instead).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Largest accepted request body (bytes). */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;
/** After a refusal, how long the peer may keep sending before the connection is closed. */
export const CLOSE_GRACE_MS = 2_000;
/** After a refusal, how many more body bytes are read (and discarded) before the connection is closed. */
export const DRAIN_LIMIT_BYTES = 8 * 1024 * 1024;
/** Bytes of request bodies held in memory at once, over all requests (default 64 MiB). */
export const DEFAULT_BODY_BUDGET_BYTES = 64 * 1024 * 1024;

/**
 * A process-wide budget of body bytes being read. A request reserves its bytes as they arrive and
 * releases them once the body is parsed; past the budget new bodies are refused with 503, so 200
 * concurrent 4 MiB calls cannot hold 800 MiB (plus parse copies) at once.
 */
export class BodyBudget {
  #used = 0;
  constructor(readonly limitBytes: number = DEFAULT_BODY_BUDGET_BYTES) {
    if (!Number.isSafeInteger(limitBytes) || limitBytes < MAX_BODY_BYTES) {
      throw new RangeError(`body budget must be an integer >= ${MAX_BODY_BYTES} bytes`);
    }
  }

  get used(): number {
    return this.#used;
  }

  /** Reserve `bytes`; false when that would pass the budget (nothing reserved then). */
  reserve(bytes: number): boolean {
    if (this.#used + bytes > this.limitBytes) return false;
    this.#used += bytes;
    return true;
  }

  release(bytes: number): void {
    this.#used = Math.max(0, this.#used - bytes);
  }
}

export type BodyRead =
  | { ok: true; text: string }
  | { ok: false; status: 413 | 503; reason: string };

/**
 * Read a body of at most `limit` bytes within the budget. Refuses early on a declared
 * Content-Length over the limit; stops reading (without draining) as soon as the limit or the
 * budget is passed. The caller answers a refusal with `refuseAndClose`.
 */
export function readBody(req: IncomingMessage, limit: number, budget: BodyBudget): Promise<BodyRead> {
  const tooLarge: BodyRead = { ok: false, status: 413, reason: `The request body exceeds ${limit} bytes` };
  const busy: BodyRead = { ok: false, status: 503, reason: 'The server is reading too many request bodies at once; retry shortly' };
  if (Number(req.headers['content-length'] ?? 0) > limit) return Promise.resolve(tooLarge);
  return new Promise((resolve, rejectRead) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (result: BodyRead): void => {
      req.off('data', onData);
      budget.release(size);
      resolve(result);
    };
    const onData = (chunk: Buffer): void => {
      if (size + chunk.length > limit) return finish(tooLarge);
      if (!budget.reserve(chunk.length)) return finish(busy);
      size += chunk.length;
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => finish({ ok: true, text: Buffer.concat(chunks).toString('utf8') }));
    req.once('error', (error) => {
      req.off('data', onData);
      budget.release(size);
      rejectRead(error);
    });
  });
}

/**
 * Answer an HTTP-level refusal (401, 413, 503, ...) with an OAuth-style JSON body, then read at
 * most DRAIN_LIMIT_BYTES / CLOSE_GRACE_MS more of the request before closing the connection.
 *
 * Why a bounded drain, not an immediate close nor a full one: closing a socket while the client
 * is still sending makes the kernel answer with a reset that can destroy our unread answer on the
 * client's side, so a modest over-limit body (5 MB) would see a network error instead of its 413;
 * reading a 10 GB or endless upload to its end hands the client our bandwidth. So: a body that
 * ends within the bounds keeps its connection, anything more is cut.
 */
export function refuseAndClose(req: IncomingMessage, res: ServerResponse, status: number, error: string, description: string, headers: Record<string, string> = {}): void {
  const text = JSON.stringify({ error, error_description: description });
  if (!req.complete) {
    let drained = 0;
    const cut = (): void => void req.socket.destroy();
    const onData = (chunk: Buffer): void => {
      drained += chunk.length;
      if (drained > DRAIN_LIMIT_BYTES) cut();
    };
    req.on('data', onData);
    const timer = setTimeout(cut, CLOSE_GRACE_MS).unref();
    req.once('end', () => clearTimeout(timer));
    req.once('close', () => clearTimeout(timer));
  }
  res.writeHead(status, { ...headers, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) }).end(text);
}

/** Deepest nesting of JSON arrays/objects accepted in a request (arguments included). */
export const MAX_JSON_DEPTH = 128;

/**
 * The nesting depth of JSON text, scanned without recursion: a 100 000-deep `arguments` would
 * overflow the stack of any recursive validator after it (the SDK's schemas, our size checks) and
 * end as -32603 instead of the -32602 it deserves.
 */
export function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) deepest = Math.max(deepest, ++depth);
    else if (c === 0x7d || c === 0x5d) depth--;
  }
  return deepest;
}
