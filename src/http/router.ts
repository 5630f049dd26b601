/**
 * THE path of one HTTP request through the handler, written once for both faces (Node's
 * `(req, res)` in node.ts, web `fetch` in fetch.ts): each face only says how to read the head and
 * the body of its request and how to send what comes back. In order: path (404), method (405),
 * closing (503), token (401), per-client rate (429), body (413 / 503), JSON (-32700), envelope
 * (-32600), depth (-32602); then the SDK v2's own classification picks the generation: the
 * 2026-07-28 leg (modern.ts), else the 2025-11-25 leg, stateless (stateless.ts) or in sessions
 * (sessionful.ts). A refusal before the body is read closes the connection instead of draining a
 * body that may be 10 GB or endless (on Node: node-body.ts `refuseAndClose`). With `observe`
 * (observe.ts), its routes (GET /metrics, the dashboard) answer first, every status is counted,
 * and each JSON-RPC request is dispatched inside its span.
 */
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import { RateLimitedError } from '../errors/index.js';
import type { RateLimiter } from '../server/core/rate-limit.js';
import { jsonDepth, MAX_BODY_BYTES, MAX_JSON_DEPTH, type BodyBudget, type BodyRead } from './body.js';
import { invalidEnvelope, jsonResponse, rpcError } from './json-rpc.js';
import type { ModernLeg } from './modern.js';
import type { HttpWatch } from './observe.js';
import type { OnEnd } from './response-end.js';
import type { HttpLogger } from './options.js';
import type { Sessions2025 } from './sessionful.js';
import type { StatelessRequests } from './stateless.js';
import { bearerToken, type TokenOwners } from './tokens.js';

/** One request as a face gives it: its head at once, its body on demand. */
export interface Incoming {
  readonly method: string;
  /** The URL's path. */
  readonly path: string;
  header(name: string): string | undefined;
  readonly remoteAddress: string | undefined;
  /** Read the body within `limit` bytes and the budget. */
  readBody(limit: number, budget: BodyBudget): Promise<BodyRead>;
  /** Let the unread body go (a 429 keeps the connection). */
  discardBody(): void;
  /** The request as a web `Request` without its body (the parsed body goes beside it). */
  toRequest(): Request;
  /** `request` with a signal that aborts when the client goes away (the 2026 leg cancels a plain call on it). */
  withAbort(request: Request): Request;
}

/** An HTTP-level refusal: an OAuth-style JSON body, then the connection is closed (each face its way). */
export interface Refusal {
  kind: 'refusal';
  status: number;
  error: string;
  description: string;
  headers: Record<string, string>;
}

/**
 * A response, and what to call when its body ended (`completed`: sent to its end; else the client
 * went away first): each face calls them its way (Node: when `res` closes; web: response-end.ts).
 */
export interface Reply {
  kind: 'reply';
  response: Response;
  ends: OnEnd[];
  /** Each chunk of the body as it is sent (a watched request finds its error code there). */
  sent?: (chunk: Uint8Array) => void;
}

export const reply = (response: Response, ends: OnEnd[] = []): Reply => ({ kind: 'reply', response, ends });

export interface RouterOptions {
  /** The MCP endpoint's path; null: every path. */
  path: string | null;
  tokens: TokenOwners | undefined;
  allowAnonymous: boolean;
  /** Realm of the 401's WWW-Authenticate. */
  realm: string;
  budget: BodyBudget;
  /** Requests per client (token owner, or remote address without tokens); undefined: no limit. */
  limiter: RateLimiter | undefined;
  modern: ModernLeg;
  /** Set when serving statelessly; else `sessions` serves the 2025 leg. */
  stateless: StatelessRequests | undefined;
  sessions: Sessions2025;
  closing(): boolean;
  log: HttpLogger;
  /** Metrics, spans and the mounted routes (`observe`); undefined: none. */
  watch?: HttpWatch | undefined;
}

interface Identified {
  /** The token's owner name; undefined for a request allowed without a token. */
  identity: string | undefined;
  authInfo: AuthInfo | undefined;
}

const refusal = (status: number, error: string, description: string, headers: Record<string, string> = {}): Refusal => ({
  kind: 'refusal',
  status,
  error,
  description,
  headers,
});

export class Router {
  constructor(private readonly options: RouterOptions) {}

  async handle(incoming: Incoming): Promise<Reply | Refusal> {
    const { watch } = this.options;
    if (!watch) return this.#handle(incoming);
    const mounted = watch.route(incoming);
    const answer = mounted ? reply(await mounted) : await this.#handle(incoming);
    watch.answered(answer.kind === 'refusal' ? answer.status : answer.response.status);
    return answer;
  }

  async #handle(incoming: Incoming): Promise<Reply | Refusal> {
    const { options } = this;
    if (options.path !== null && incoming.path !== options.path)
      return refusal(404, 'not_found', `No MCP endpoint at ${incoming.path}; use ${options.path}`);
    // Stateless: no standalone SSE stream (GET) and no session to end (DELETE), so 405 for both.
    const allowed = options.stateless ? ['POST'] : ['POST', 'GET', 'DELETE'];
    if (!allowed.includes(incoming.method)) {
      const where = `${options.path ?? 'this endpoint'}${options.stateless ? ' (a stateless server)' : ''}`;
      return refusal(405, 'method_not_allowed', `${incoming.method} is not supported on ${where}`, { Allow: allowed.join(', ') });
    }
    if (options.closing()) return refusal(503, 'shutting_down', 'The server is shutting down');
    const who = await this.#authenticate(incoming);
    if ('kind' in who) return who;
    const key = clientKey(incoming, who.identity);
    const isPost = incoming.method === 'POST';
    // initialize has its own limiter (sessions.ts); everything sent within sessions counts here.
    if (isPost && (options.stateless || incoming.header('mcp-session-id') !== undefined)) {
      const limited = this.#admit(key);
      if (limited) return (incoming.discardBody(), reply(limited));
    }
    let body: unknown;
    if (isPost) {
      const parsed = await this.#body(incoming);
      if (parsed instanceof Response) return reply(parsed);
      if ('kind' in parsed) return parsed;
      body = parsed.body;
    }
    const observed = isPost ? options.watch?.begin(incoming, body) : undefined;
    if (!observed) return this.#dispatch(incoming, body, who, key);
    // Inside the request's span, so a task its tools/call creates links to it.
    let answer: Reply | Refusal;
    try {
      answer = await observed.run(() => this.#dispatch(incoming, body, who, key));
    } catch (error) {
      observed.end(500); // the face answers 500
      throw error;
    }
    if (answer.kind === 'refusal') return (observed.end(answer.status), answer);
    const { status } = answer.response;
    return { ...answer, ends: [...answer.ends, () => observed.end(status)], sent: (chunk) => observed.sent(chunk) };
  }

  /** A checked request to its leg: the 2026-07-28 leg, else the 2025-11-25 one (stateless or in its session). */
  async #dispatch(incoming: Incoming, body: unknown, who: Identified, key: string): Promise<Reply | Refusal> {
    const { options } = this;
    const request = incoming.toRequest();
    if (incoming.method === 'POST' && (await options.modern.claims(request, body))) {
      const limited = options.stateless ? undefined : this.#admit(key);
      return reply(limited ?? (await options.modern.serve(incoming.withAbort(request), body, who.authInfo)));
    }
    if (options.stateless) return options.stateless.serve(request, body, who.identity, who.authInfo);
    return options.sessions.serve({
      request,
      body,
      identity: who.identity,
      authInfo: who.authInfo,
      clientKey: key,
      remote: incoming.remoteAddress,
    });
  }

  /** The body as JSON-RPC: the parsed value, or the answer that refuses it. */
  async #body(incoming: Incoming): Promise<{ body: unknown } | Response | Refusal> {
    const read = await incoming.readBody(MAX_BODY_BYTES, this.options.budget);
    if (!read.ok)
      return refusal(
        read.status,
        read.status === 413 ? 'payload_too_large' : 'busy',
        read.reason,
        read.status === 503 ? { 'Retry-After': '1' } : {},
      );
    let body: unknown;
    try {
      body = JSON.parse(read.text);
    } catch {
      return jsonResponse(400, rpcError(-32700, 'Parse error: the body is not valid JSON'));
    }
    const invalid = invalidEnvelope(body);
    if (invalid) return jsonResponse(400, rpcError(-32600, `Invalid Request: ${invalid.problem}`, invalid.id));
    if (jsonDepth(read.text) > MAX_JSON_DEPTH) {
      const id = (body as { id?: unknown }).id;
      return jsonResponse(
        400,
        rpcError(
          -32602,
          `Invalid params: JSON nested deeper than ${MAX_JSON_DEPTH} levels`,
          typeof id === 'string' || typeof id === 'number' ? id : null,
        ),
      );
    }
    return { body };
  }

  /**
   * Who asks: the token's owner (as `authInfo`, so the library binds tasks to it, R76, R77), or
   * nobody for a request allowed without a token; a refusal (401) for a missing or unknown token.
   */
  async #authenticate(incoming: Incoming): Promise<Identified | Refusal> {
    const { tokens, allowAnonymous } = this.options;
    const header = incoming.header('authorization');
    if (!tokens || (allowAnonymous && header === undefined)) return { identity: undefined, authInfo: undefined };
    const token = bearerToken(header);
    const owner = token === undefined ? undefined : await tokens.ownerOf(token);
    if (token === undefined || owner === undefined) {
      const problem = header === undefined ? 'Missing Authorization: Bearer <token> header' : 'Invalid bearer token';
      this.options.log({ event: 'auth.rejected', detail: problem, remote: incoming.remoteAddress });
      return refusal(401, 'invalid_token', problem, { 'WWW-Authenticate': `Bearer realm="${this.options.realm}", error="invalid_token"` });
    }
    return { identity: owner, authInfo: { token, clientId: owner, scopes: [] } };
  }

  /** Take one request from the client's bucket: undefined when taken, else the 429 to answer. */
  #admit(key: string): Response | undefined {
    try {
      this.options.limiter?.take(key);
      return undefined;
    } catch (error) {
      if (!(error instanceof RateLimitedError)) throw error;
      const retry = Math.max(1, Math.ceil(error.retryAfterMs / 1000));
      const data = { code: 'RATE_LIMITED', retryAfterMs: error.retryAfterMs };
      return jsonResponse(429, rpcError(-32000, `Too many requests from this client: retry in ${error.retryAfterMs} ms`, null, data), {
        'Retry-After': String(retry),
      });
    }
  }
}

/**
 * Who a request counts against: the token's owner, or, without one, the remote address (each
 * tokenless session is its own owner, so per-owner limits would not add up its sessions).
 */
function clientKey(incoming: Incoming, identity: string | undefined): string {
  return identity === undefined ? `remote:${incoming.remoteAddress ?? 'unknown'}` : `auth:${identity}`;
}
