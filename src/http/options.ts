/**
 * What `createTasksHttpHandler` takes, and how it is resolved: the engine and store (given, or
 * made and then owned), the owner rules (tokens, anonymous), and the checks of settings that
 * cannot work together (INVALID_OPTIONS at creation, not on the first request).
 */
import type { McpHttpHandler } from '@modelcontextprotocol/server';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { TaskStore } from '../contract.js';
import { InvalidOptionsError } from '../errors/index.js';
import type { TaskEngine } from '../server/core/engine.js';
import type { TasksLogger } from '../server/core/logger.js';
import type { RateLimitOptions } from '../server/core/rate-limit.js';
import type { DefinedTool } from '../server/core/tool-definition.js';
import { checkObserve, type TasksHttpObserve } from './observe.js';
import type { Server2025 } from './server-2025.js';
import type { SessionLimits } from './sessions.js';
import type { TokenOwners } from './tokens.js';

/** One HTTP event: session opened, closed, expired or refused; a token refused; an internal error. */
export type HttpLogger = (entry: { event: string; [key: string]: unknown }) => void;

/** Ways to watch or change what the handler builds (the reference server's seam uses them). */
export interface TasksHttpHooks {
  /**
   * Each 2025-11-25 server the handler connects, before it connects: may register more tools on
   * `server.tasks`; returns the transport the server connects to (`transport`, or a wrapper of it
   * that watches or changes its messages). A session's server connects once; stateless, a server
   * is reused for many POSTs (server-pool.ts) and this runs before each: register tools only on a
   * server you have not seen.
   */
  server2025?(server: Server2025, transport: Transport): Transport;
  /** The 2026-07-28 leg's web handler, once: returns the handler to use (it, or a wrapper of it). */
  handler2026?(handler: McpHttpHandler): McpHttpHandler;
  /**
   * A JSON body refused before any server saw it (not a JSON-RPC message, or nested too deep): the
   * body, the `mcp-session-id` it came with, and the JSON-RPC error answered. A recorder of the
   * wire (the requestor kit) sees it here, since no session transport does.
   */
  refused?(body: unknown, sessionId: string | undefined, error: { code: number; message: string }): void;
}

export interface TasksHttpOptions {
  /** The tools, each declared once with `defineTool`; each is served on the generations it names. */
  tools: readonly DefinedTool[];
  /**
   * The engine running the tasks (you close it and its store). Without it, one is made on `store`
   * (with `logger`, `leaseMs`, `rateLimit`) and closed with the handler.
   */
  engine?: TaskEngine;
  /**
   * The store, without `engine` (you close it). Default: an `InMemoryTaskStore`, closed with the
   * handler, that accepts tokenless requestors exactly when the handler does (no `tokens`, or
   * `allowAnonymous`): a tokenless 2026-07-28 request is owned by `anonymous`.
   */
  store?: TaskStore;
  /** The made engine's audit logger (R82). */
  logger?: TasksLogger;
  /** The made engine's lease on a store shared across processes (ms). */
  leaseMs?: number;
  /** The made engine's per-owner task rate limit (R81). */
  rateLimit?: RateLimitOptions;
  /** Name and version both generations report. Default `{ name: 'mcp-tasks', version: '0.1.0' }`. */
  serverInfo?: { name: string; version: string };
  /** `instructions` of the 2025-11-25 `initialize` result. */
  instructions?: string;
  /** The endpoint's path; other paths get 404. Default `/mcp`; null: any path (mounted by a router). */
  path?: string | null;
  /** Bearer tokens -> owner names (`tokenTable({...})`, or your own `ownerOf`). Without it, a session is its own owner (2025) and a 2026 request is `anonymous`. */
  tokens?: TokenOwners;
  /** With `tokens`: also accept requests without an Authorization header (owned by their session, or `anonymous` on the 2026 wire). */
  allowAnonymous?: boolean;
  /**
   * Serve the 2025-11-25 leg without sessions: a fresh server per POST, owners from `tokens` only
   * (so `tokens` is required and `allowAnonymous` refused); GET and DELETE answer 405. With
   * `clientCapabilities`: what requestors are taken to support (default elicitation and sampling,
   * so a task can always ask; a client that cannot answers with an error the task sees).
   */
  stateless?: boolean | { clientCapabilities?: { [key: string]: unknown } };
  /** Caps on 2025-11-25 sessions: total, per client, idle time, initialize rate (ignored when stateless). */
  sessions?: SessionLimits;
  /** Bytes of request bodies in memory at once over all requests (default 64 MiB; each body at most 4 MiB). */
  bodyBudgetBytes?: number;
  /**
   * POST requests per second per client (token owner, or remote address without tokens), bursts
   * up to twice that; default 1 000; 0 = no limit. The per-owner task rate limit cannot see that
   * ten tokenless sessions are one client: without tokens every session is its own owner.
   */
  requestsPerSecond?: number;
  /** On close, how long running tasks may go on before they fail with the shutdown message (ms; default 0). */
  shutdownGraceMs?: number;
  /** HTTP events (sessions, refused tokens, internal errors). Default: none. */
  httpLogger?: HttpLogger;
  hooks?: TasksHttpHooks;
  /** Metrics (served at GET /metrics), request spans and the live task monitor (docs/operations.md). Default: none. */
  observe?: TasksHttpObserve;
}

export const DEFAULT_REQUESTS_PER_SECOND = 1_000;
export const DEFAULT_SERVER_INFO = Object.freeze({ name: 'mcp-tasks', version: '0.1.0' });

/** Settings that cannot work together: INVALID_OPTIONS naming them. */
export function checkOptions(options: TasksHttpOptions): void {
  if (!Array.isArray(options.tools))
    throw new InvalidOptionsError('createTasksHttpHandler: tools must be an array of defineTool(...) tools');
  if (options.stateless !== undefined && options.stateless !== false && (!options.tokens || options.allowAnonymous === true)) {
    throw new InvalidOptionsError(
      'stateless serving needs tokens for every request: without a session, a requestor without a token has no owner of its own',
    );
  }
  if (options.engine && (options.logger !== undefined || options.leaseMs !== undefined || options.rateLimit !== undefined)) {
    throw new InvalidOptionsError(
      'createTasksHttpHandler: logger, leaseMs and rateLimit configure a new engine; set them on the TaskEngine passed as options.engine',
    );
  }
  if (options.observe) checkObserve(options.observe, options.path === undefined ? '/mcp' : options.path);
  checkObservedEngine(options);
  if (options.engine && options.store && options.store !== options.engine.store)
    throw new InvalidOptionsError('createTasksHttpHandler: options.engine belongs to another store');
  const names = new Set<string>();
  for (const tool of options.tools) {
    for (const generation of tool.generations) {
      const key = `${generation} ${tool.name}`;
      if (names.has(key)) throw new InvalidOptionsError(`createTasksHttpHandler: two tools named ${tool.name} on ${generation}`);
      names.add(key);
    }
  }
}

/**
 * An engine passed in reports its tasks to the metrics and tracing it was made with: `observe`'s
 * would count only the HTTP side, silently. So they must be the same objects (or the engine's).
 */
function checkObservedEngine(options: TasksHttpOptions): void {
  const { engine, observe } = options;
  if (!engine || !observe) return;
  for (const key of ['metrics', 'tracing'] as const) {
    if (observe[key] !== undefined && observe[key] !== engine.observer[key])
      throw new InvalidOptionsError(
        `createTasksHttpHandler: observe.${key} would not reach the TaskEngine passed as options.engine; give the engine the same ${key} (new TaskEngine({ store, ${key} }))`,
      );
  }
}
