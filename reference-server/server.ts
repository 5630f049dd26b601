/**
 * The reference server's stores and engine (from the flags), its name, and its JSON-line log;
 * over stdio also its one `McpServer` (+ `withTasks`) with the fixture tools
 * (`createReferenceServer`). Over HTTP the library's handler builds its servers (http.ts); all
 * share one TaskEngine on the store (`createEngine`), so a task started in one session can be
 * read, awaited and cancelled from another session of the same owner.
 */
import { readFileSync } from 'node:fs';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import {
  DEFAULT_SECURITY_CONFIG,
  InMemoryTaskStore,
  isTasksError,
  RateLimiter,
  TaskEngine,
  withTasks,
  type SecurityConfig,
  type TaskStore,
  type TasksLogger,
  type TasksMetrics,
  type TasksServer,
  type TasksTracing,
  type WithTasksOptions,
} from '../src/index.js';
import { CliError } from './cli-values.js';
import type { DynamoDbCliOptions, PgliteCliOptions, PostgresCliOptions, StoreKind } from './store-args.js';
import { registerConformanceFixtures } from '../src/fixtures/index.js';
import type { PollPolicy } from '../src/server/core/poll-policy.js';
import { loadOptionalPeer } from './optional-peer.js';

export const SERVER_NAME = 'mcp-tasks-reference';
export const SERVER_VERSION = packageVersion();
/** How often the in-memory store deletes expired tasks. */
export const CLEANUP_INTERVAL_MS = 60_000;

export interface StoreOptions {
  store?: StoreKind;
  /** Overrides of the library's defaults (docs/reference/limits.md). */
  security?: Partial<SecurityConfig>;
  /** With `store: 'dynamodb'`: table, endpoint, region, cursor secret. */
  dynamodb?: DynamoDbCliOptions;
  /** With `store: 'postgres'`: database URL, schema, migrate at start, cursor secret. */
  postgres?: PostgresCliOptions;
  /** With `store: 'pglite'`: data directory, schema, cursor secret. */
  pglite?: PgliteCliOptions;
  /** Task lease on a shared store (ms; default 30 000). */
  leaseMs?: number;
  /**
   * On close, how long running tasks may go on before they are failed with the shutdown message
   * (ms). Default 0 here; the command line's default is 10 000 (`--shutdown-grace-ms`).
   */
  shutdownGraceMs?: number;
  /** Task operations per second per owner, bursts up to twice that (R81); 0 or absent: no limit. */
  rateLimit?: number;
  /** The engine's metrics and tracing (observability.ts, `--metrics`, `--otel`). */
  metrics?: TasksMetrics;
  tracing?: TasksTracing;
  /** The 2026-07-28 sync window (ms; 0: a task at once); absent: the poll policy's floor. */
  syncWindowMs?: number;
  /** The 2026-07-28 poll intervals (`--poll-policy`); absent settings: DEFAULT_POLL_POLICY. */
  pollPolicy?: Partial<PollPolicy>;
}

/** The one engine of every session on `store`: lease and rate limit from the store options, and the logger. */
export function createEngine(store: TaskStore, options: StoreOptions, logger: TasksLogger): TaskEngine {
  return new TaskEngine({
    store,
    logger,
    ...(options.leaseMs !== undefined && { leaseMs: options.leaseMs }),
    ...(options.syncWindowMs !== undefined && { syncWindowMs: options.syncWindowMs }),
    ...(options.pollPolicy !== undefined && { pollPolicy: options.pollPolicy }),
    ...(options.rateLimit ? { rateLimiter: new RateLimiter({ perSecond: options.rateLimit, burst: 2 * options.rateLimit }) } : {}),
    ...(options.metrics && { metrics: options.metrics }),
    ...(options.tracing && { tracing: options.tracing }),
  });
}

/** The in-memory task store (`--store memory`); for the other stores use `openStore`. */
export function createStore(options: StoreOptions = {}): TaskStore {
  const kind = options.store ?? 'memory';
  if (kind !== 'memory') throw new CliError(`the ${kind} store is opened asynchronously: use openStore()`);
  const security = resolveSecurity(options);
  try {
    return new InMemoryTaskStore({ security, cleanupIntervalMs: CLEANUP_INTERVAL_MS });
  } catch (error) {
    throw new CliError(`invalid security limits: ${(error as Error).message}`);
  }
}

/** The task store for `--store` (memory, DynamoDB, PostgreSQL, PGlite); throws CliError on a bad configuration. */
export async function openStore(options: StoreOptions = {}): Promise<TaskStore> {
  const kind = options.store ?? 'memory';
  if (kind === 'memory') return createStore(options);
  const security = resolveSecurity(options);
  const opened = async (): Promise<TaskStore> => {
    // Each store's package is loaded only on its own path (optional peer dependencies).
    if (kind === 'dynamodb') {
      if (options.dynamodb === undefined) throw new CliError('--store dynamodb needs --table NAME');
      return (await loadOptionalPeer(() => import('./dynamodb.js'), '@aws-sdk/client-dynamodb', '--store dynamodb')).openDynamoDbStore(
        options.dynamodb,
        security,
      );
    }
    if (kind === 'postgres') {
      if (options.postgres === undefined) throw new CliError('--store postgres needs --database-url URL');
      return (await import('./postgres.js')).openPostgresStore(options.postgres, security);
    }
    if (options.pglite === undefined) throw new CliError('--store pglite needs --data-dir DIR');
    return (await import('./postgres.js')).openPgliteStore(options.pglite, security);
  };
  return opened().catch((error: unknown) => {
    throw isTasksError(error, 'INVALID_ARGUMENT') ? new CliError(`invalid security limits: ${(error as Error).message}`) : error;
  });
}

function resolveSecurity(options: StoreOptions): Partial<SecurityConfig> {
  const security = { ...options.security };
  // A lone --max-ttl-ms below the default TTL lowers the default with it.
  const defaultTtl = DEFAULT_SECURITY_CONFIG.defaultTtlMs;
  if (
    security.defaultTtlMs === undefined &&
    typeof security.maxTtlMs === 'number' &&
    defaultTtl !== null &&
    security.maxTtlMs < defaultTtl
  ) {
    security.defaultTtlMs = security.maxTtlMs;
  }
  return security;
}

export interface ReferenceServerOptions {
  /** The engine shared by every session (`createEngine`). */
  engine: TaskEngine;
  /** Declare and serve tasks/list. The transports set it: every requestor they serve is identified. */
  list: boolean;
  /** Serving without sessions (mcp-tasks/http, stateless). */
  stateless?: WithTasksOptions['stateless'];
}

export interface ReferenceServer {
  mcp: McpServer;
  tasks: TasksServer;
}

/** One MCP server (`mcp-tasks-reference`) with Tasks and the fixture tools, on the shared engine. */
export function createReferenceServer(options: ReferenceServerOptions): ReferenceServer {
  const mcp = new McpServer(
    { name: SERVER_NAME, version: SERVER_VERSION },
    {
      capabilities: { tools: {} },
      instructions:
        'Reference server of mcp-tasks for the MCP Tasks utility (2025-11-25). The fixture tools are documented in reference-server/FIXTURES.md.',
    },
  );
  const tasks = withTasks(mcp, {
    engine: options.engine,
    list: options.list,
    ...(options.stateless !== undefined && { stateless: options.stateless }),
  });
  registerConformanceFixtures(tasks);
  return { mcp, tasks };
}

/** A JSON line on stderr in the same shape as the library's audit log. */
export function logLine(entry: { event: string; [key: string]: unknown }): void {
  process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), ...entry })}\n`);
}

function packageVersion(): string {
  // dist/reference-server/server.js -> package.json at the package root.
  for (const relative of ['../../package.json', '../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(relative, import.meta.url), 'utf8')) as { name?: unknown; version?: unknown };
      if (pkg.name === 'mcp-tasks' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // try the next candidate
    }
  }
  return '0.0.0';
}
