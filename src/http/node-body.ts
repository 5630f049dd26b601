/**
 * Request bodies under hostile clients on Node's face (`(req, res)`): reading an
 * `IncomingMessage` within the size limit and the budget (body.ts), and refusals that close the
 * connection instead of reading the rest.
 *
 * Why not drain a refused body to its end: it may be 10 GB or endless (chunked); reading it all
 * to keep the connection reusable hands the client our bandwidth and CPU for free (see
 * `refuseAndClose` for the bounded drain instead).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BUSY, tooLarge, type BodyBudget, type BodyRead } from './body.js';

/** After a refusal, how long the peer may keep sending before the connection is closed. */
export const CLOSE_GRACE_MS = 2_000;
/** After a refusal, how many more body bytes are read (and discarded) before the connection is closed. */
export const DRAIN_LIMIT_BYTES = 8 * 1024 * 1024;

/**
 * Read a body of at most `limit` bytes within the budget. Refuses early on a declared
 * Content-Length over the limit; stops reading (without draining) as soon as the limit or the
 * budget is passed. The caller answers a refusal with `refuseAndClose`.
 */
export function readBody(req: IncomingMessage, limit: number, budget: BodyBudget): Promise<BodyRead> {
  if (Number(req.headers['content-length'] ?? 0) > limit) return Promise.resolve(tooLarge(limit));
  return new Promise((resolve, rejectRead) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (result: BodyRead): void => {
      req.off('data', onData);
      budget.release(size);
      resolve(result);
    };
    const onData = (chunk: Buffer): void => {
      if (size + chunk.length > limit) return finish(tooLarge(limit));
      if (!budget.reserve(chunk.length)) return finish(BUSY);
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
export function refuseAndClose(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  error: string,
  description: string,
  headers: Record<string, string> = {},
): void {
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
