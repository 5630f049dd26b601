/**
 * The per-client request rate of the HTTP server (http.ts; docs/reference/limits.md): who a
 * request counts against, and the 429 when that client's bucket is empty. Apart from http.ts so
 * that file stays within the size limit.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { RateLimitedError } from '../src/index.js';
import type { RateLimiter } from '../src/server/core/rate-limit.js';
import { sendJson } from './json-rpc-http.js';

/**
 * Who a request counts against: the token's owner, or, without one, the remote address (each
 * tokenless session is its own owner, so per-owner limits would not add up its sessions).
 */
export function clientKey(req: IncomingMessage, identity: string | undefined): string {
  return identity === undefined ? `remote:${req.socket.remoteAddress ?? 'unknown'}` : `auth:${identity}`;
}

/** Take one request from the client's bucket; false (429 sent) when it is empty. */
export function admitRequest(limiter: RateLimiter | undefined, req: IncomingMessage, res: ServerResponse, key: string): boolean {
  try {
    limiter?.take(key);
    return true;
  } catch (error) {
    if (!(error instanceof RateLimitedError)) throw error;
    const retry = Math.max(1, Math.ceil(error.retryAfterMs / 1000));
    req.resume();
    const body = { jsonrpc: '2.0', id: null, error: { code: -32000, message: `Too many requests from this client: retry in ${error.retryAfterMs} ms`, data: { code: 'RATE_LIMITED', retryAfterMs: error.retryAfterMs } } };
    sendJson(res, 429, body, { 'Retry-After': String(retry) });
    return false;
  }
}
