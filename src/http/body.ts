/**
 * Request bodies under hostile clients, the parts both faces share (Node's `(req, res)` and web
 * `fetch`): the per-request size limit, the process-wide budget of body bytes in flight, the
 * nesting limit, and reading a web `Request`'s body within them (node-body.ts reads a Node one).
 */

/** Largest accepted request body (bytes). */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;
/** Bytes of request bodies held in memory at once, over all requests (default 64 MiB). */
export const DEFAULT_BODY_BUDGET_BYTES = 64 * 1024 * 1024;
/** Deepest nesting of JSON arrays/objects accepted in a request (arguments included). */
export const MAX_JSON_DEPTH = 128;

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

export type BodyRead = { ok: true; text: string } | { ok: false; status: 413 | 503; reason: string };

export const tooLarge = (limit: number): BodyRead => ({ ok: false, status: 413, reason: `The request body exceeds ${limit} bytes` });
export const BUSY: BodyRead = { ok: false, status: 503, reason: 'The server is reading too many request bodies at once; retry shortly' };

/**
 * Read a web request's body of at most `limit` bytes within the budget: refused early on a
 * declared Content-Length over the limit; reading stops (the stream is cancelled) as soon as the
 * limit or the budget is passed.
 */
export async function readWebBody(request: Request, limit: number, budget: BodyBudget): Promise<BodyRead> {
  if (Number(request.headers.get('content-length') ?? 0) > limit) return tooLarge(limit);
  if (request.body === null) return { ok: true, text: '' };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (size + value.byteLength > limit) return (void reader.cancel().catch(() => undefined), tooLarge(limit));
      if (!budget.reserve(value.byteLength)) return (void reader.cancel().catch(() => undefined), BUSY);
      size += value.byteLength;
      chunks.push(value);
    }
    return { ok: true, text: Buffer.concat(chunks).toString('utf8') };
  } finally {
    budget.release(size);
  }
}

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
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) deepest = Math.max(deepest, ++depth);
    else if (c === 0x7d || c === 0x5d) depth--;
  }
  return deepest;
}
