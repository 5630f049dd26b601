/**
 * `createTasksHttpHandler`: one call, and both generations of Tasks are served at one URL, on
 * one engine and one store: the 2025-11-25 Tasks utility (SDK 1.x, sessions or stateless) and
 * the 2026-07-28 Tasks extension (SDK v2, no sessions), routed by the SDK v2's own
 * `isLegacyRequest`. Node's `(req, res)` (`handler.node`, or `handler.listen()`) and web `fetch`
 * (`handler.fetch`) are two faces of one router (router.ts), with the bounds the reference server
 * was built with (docs/reference/limits.md): tokens -> owners, body size and budget, sessions
 * capped and expired when idle, per-client request rate, initialize rate, JSON depth, graceful
 * close; and, with `observe`, metrics at GET /metrics, a span per request, the task monitor.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { TaskStore } from '../contract.js';
import { InMemoryTaskStore } from '../stores/memory.js';
import { TaskEngine } from '../server/core/engine.js';
import { RateLimiter } from '../server/core/rate-limit.js';
import { BodyBudget } from './body.js';
import { serveFetch, type FetchInfo } from './fetch.js';
import { ModernLeg } from './modern.js';
import { listenNode, nodeListener } from './node.js';
import { checkOptions, DEFAULT_REQUESTS_PER_SECOND, DEFAULT_SERVER_INFO, type HttpLogger, type TasksHttpOptions } from './options.js';
import { HttpWatch, observedStore } from './observe.js';
import { Router } from './router.js';
import { Servers2025 } from './server-2025.js';
import { Sessions2025 } from './sessionful.js';
import { ASSUMED_CLIENT_CAPABILITIES, StatelessRequests } from './stateless.js';

/** The handler of both generations (see `createTasksHttpHandler`). */
export interface TasksHttpHandler {
  /** Node's request listener: `http.createServer(handler.node)`, or a route of your framework. */
  readonly node: (req: IncomingMessage, res: ServerResponse) => void;
  /** The web face: a `Request` in, a `Response` out (`info.remoteAddress`: rate limits of tokenless clients). */
  fetch(request: Request, info?: FetchInfo): Promise<Response>;
  /** Listen on node:http (headers within 10 s, a whole request within 30 s); `close()` closes it and the handler. */
  listen(options?: { port?: number; host?: string }): Promise<TasksHttpListener>;
  readonly engine: TaskEngine;
  readonly store: TaskStore;
  /** Open 2025-11-25 sessions. */
  readonly sessions: number;
  /**
   * Graceful close: new requests get 503; running tasks get `shutdownGraceMs`, then fail with the
   * shutdown message, which answers every pending `tasks/result`; then the sessions and the 2026
   * leg close, and the engine and store if the handler made them.
   */
  close(): Promise<void>;
}

/** A handler listening on node:http. */
export interface TasksHttpListener {
  /** The endpoint, e.g. `http://127.0.0.1:3000/mcp`. */
  readonly url: string;
  readonly port: number;
  readonly server: Server;
  /** Stop listening and close the handler (gracefully, as `handler.close()`). */
  close(): Promise<void>;
}

/**
 * Serve tools declared once (`defineTool`) on both generations at one URL.
 *
 * @example
 * ```ts
 * const ping = defineTool({ name: 'ping', run: () => ({ content: [{ type: 'text', text: 'pong' }] }) });
 * const http = createTasksHttpHandler({ tools: [ping] });
 * const { url } = await http.listen({ port: 3000 }); // or createServer(http.node), or http.fetch(request)
 * ```
 */
export function createTasksHttpHandler(options: TasksHttpOptions): TasksHttpHandler {
  checkOptions(options);
  const log: HttpLogger = options.httpLogger ?? (() => undefined);
  const anonymous = options.allowAnonymous === true || options.tokens === undefined;
  const store = options.engine?.store ?? options.store ?? new InMemoryTaskStore({ security: { allowAnonymous: anonymous } });
  const engine = options.engine ?? newEngine(observedStore(store, options.observe), options);
  const owns = { engine: options.engine === undefined, store: options.engine === undefined && options.store === undefined };
  const serverInfo = options.serverInfo ?? DEFAULT_SERVER_INFO;
  const hooks = options.hooks ?? {};
  const servers = new Servers2025({
    engine,
    tools: options.tools,
    serverInfo,
    instructions: options.instructions,
    connect: hooks.server2025?.bind(hooks),
  });
  const sessions = new Sessions2025(servers, options.sessions ?? {}, log);
  const stateless = options.stateless
    ? new StatelessRequests({ engine, servers, log, clientCapabilities: clientCapabilitiesOf(options.stateless) })
    : undefined;
  const modern = new ModernLeg({ engine, tools: options.tools, serverInfo, wrap: hooks.handler2026?.bind(hooks) });
  const perSecond = options.requestsPerSecond ?? DEFAULT_REQUESTS_PER_SECOND;
  let closing: Promise<void> | undefined;
  const watch = options.observe && new HttpWatch(options.observe, { engine, tokens: options.tokens, sessions: () => sessions.size });
  const router = new Router({
    path: options.path === undefined ? '/mcp' : options.path,
    tokens: options.tokens,
    allowAnonymous: options.allowAnonymous === true,
    realm: serverInfo.name,
    budget: new BodyBudget(options.bodyBudgetBytes),
    limiter: perSecond > 0 ? new RateLimiter({ perSecond, burst: 2 * perSecond }) : undefined,
    modern,
    stateless,
    sessions,
    closing: () => closing !== undefined,
    log,
    watch,
  });

  /** The close, with `interlude` (a node server's connections) between the sessions and the 2026 leg. */
  const close = (interlude?: () => Promise<void>): Promise<void> => {
    closing ??= (async () => {
      await engine.shutdown(options.shutdownGraceMs ?? 0);
      await new Promise((resolve) => setTimeout(resolve, 50)); // let those answers reach their streams
      await sessions.close();
      watch?.close();
      await interlude?.();
      await modern.close();
      if (owns.engine) engine.close(); // aborts running tasks
      if (owns.store) await store.close();
    })();
    return closing;
  };

  const node = nodeListener(router, log);
  return {
    node,
    fetch: (request, info = {}) => serveFetch(router, request, info, log),
    listen: (listenOptions = {}) => listen(node, close, listenOptions, options.path ?? '/mcp'),
    engine,
    store,
    get sessions() {
      return sessions.size;
    },
    close: () => close(),
  };
}

/** `node` listening on node:http; its close stops the server, then closes the handler with the server's connections in between. */
async function listen(
  node: TasksHttpHandler['node'],
  close: (interlude: () => Promise<void>) => Promise<void>,
  where: { port?: number; host?: string },
  path: string,
): Promise<TasksHttpListener> {
  const listening = await listenNode(node, where.port ?? 3000, where.host ?? '127.0.0.1');
  const stopped = new Promise<void>((resolve) => listening.server.once('close', () => resolve()));
  return {
    url: `${listening.url}${path}`,
    port: listening.port,
    server: listening.server,
    close: () => {
      listening.server.close();
      return close(async () => {
        listening.server.closeAllConnections();
        await stopped;
      });
    },
  };
}

function newEngine(store: TaskStore, options: TasksHttpOptions): TaskEngine {
  return new TaskEngine({
    store,
    ...(options.logger && { logger: options.logger }),
    ...(options.leaseMs !== undefined && { leaseMs: options.leaseMs }),
    ...(options.rateLimit && { rateLimit: options.rateLimit }),
    ...(options.observe?.metrics && { metrics: options.observe.metrics }),
    ...(options.observe?.tracing && { tracing: options.observe.tracing }),
  });
}

function clientCapabilitiesOf(stateless: NonNullable<TasksHttpOptions['stateless']>): { [key: string]: unknown } {
  return (typeof stateless === 'object' && stateless.clientCapabilities) || ASSUMED_CLIENT_CAPABILITIES;
}
