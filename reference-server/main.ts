#!/usr/bin/env node
/**
 * `mcp-tasks-server` (`npm start`): flags -> the reference server. Wiring only; see USAGE in
 * args.ts and the fixture tools in FIXTURES.md.
 */
import { CliError, parseCli, parseDbCli, parseTableCli, USAGE, type CliOptions } from './args.js';
import { loadOptionalPeer, MissingPeerError } from './optional-peer.js';
import type { TasksHttpObserve } from '../src/http/index.js';
import type { StoreOptions } from './server.js';
import { loadTokens } from './tokens.js';

const PROGRAM = 'mcp-tasks-server';
/** Beyond the tasks' grace period, what closing sessions and the store may take. */
const SHUTDOWN_MARGIN_MS = 5_000;
let shutdownTimeoutMs = SHUTDOWN_MARGIN_MS;

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv[0] === 'table') return tableCommand(argv.slice(1));
  if (argv[0] === 'db') return dbCommand(argv.slice(1));
  const cli = parseCli(argv);
  if (cli.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const { options } = cli;
  const storeOptions = toStoreOptions(options);
  shutdownTimeoutMs = options.shutdownGraceMs + SHUTDOWN_MARGIN_MS;
  // A signal during startup: nothing to close yet.
  let stop: () => void = () => process.exit(0);
  process.on('SIGINT', () => stop()).on('SIGTERM', () => stop());

  // The OpenTelemetry SDK only with --otel (optional peers, each named when missing).
  const otel =
    options.otel === undefined
      ? undefined
      : await (await import('./otel.js')).startOtel(options.otel, (await import('./server.js')).SERVER_VERSION);
  const flushTraces = async () => otel?.shutdown();
  // The SDK is loaded only now, so that --help and bad flags answer at once.
  if (options.transport === 'stdio') {
    const { startStdioServer } = await import('./stdio.js');
    const server = await startStdioServer({ ...storeOptions, ...(otel && { tracing: otel.tracing }) });
    process.stderr.write(`mcp-tasks reference server listening on stdio (store: ${storeLabel(options)})\n`);
    stop = onceOnly(() => server.close().finally(flushTraces));
    void server.ended.then(stop);
    return;
  }

  const tokens = options.tokensFile === undefined ? undefined : loadTokens(options.tokensFile);
  const { startHttpServer } = await import('./http.js');
  const { TextMetrics } = await import('../src/index.js');
  // TextMetrics rather than prom-client: the server runs with its required packages only.
  const metrics = options.metricsPath === false ? undefined : new TextMetrics();
  const observe: TasksHttpObserve = {
    metricsPath: options.metricsPath,
    ...(metrics && { metrics }),
    ...(options.dashboard && { dashboard: true }),
    ...(otel && { tracing: otel.tracing }),
  };
  const server = await startHttpServer({
    observe,
    ...storeOptions,
    port: options.port,
    host: options.host,
    allowAnonymous: options.allowAnonymous,
    sessions: options.sessions,
    ...(options.requestsPerSecond !== undefined && { requestsPerSecond: options.requestsPerSecond }),
    ...(tokens && { tokens }),
    ...(options.stateless && { stateless: true }),
  });
  const owner =
    options.tokensFile === undefined
      ? 'each session is its own owner (no --tokens)'
      : `bearer tokens required${options.allowAnonymous ? ' (requests without one: owned by their session)' : ''}${options.stateless ? ', stateless (no sessions)' : ''}`;
  process.stderr.write(`mcp-tasks reference server listening on ${server.url} (store: ${storeLabel(options)})\n`);
  process.stderr.write(`mcp-tasks reference server: ${owner}\n`);
  const origin = server.url.slice(0, -'/mcp'.length);
  const watched = [
    options.metricsPath !== false && `metrics at ${origin}${options.metricsPath}`,
    options.dashboard &&
      `task monitor at ${origin}/dashboard${tokens ? ' (asks for a token; operators see every owner)' : ' (loopback clients only: no --tokens)'}`,
    otel && `traces: ${options.otel}`,
  ].filter(Boolean);
  if (watched.length > 0) process.stderr.write(`mcp-tasks reference server: ${watched.join(', ')}\n`);
  stop = onceOnly(() => server.close().finally(flushTraces));
}

async function tableCommand(argv: readonly string[]): Promise<void> {
  const command = parseTableCli(argv);
  if ('help' in command) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const { runTableCommand } = await loadOptionalPeer(() => import('./dynamodb.js'), '@aws-sdk/client-dynamodb', `${PROGRAM} table`);
  process.stdout.write(await runTableCommand(command));
}

async function dbCommand(argv: readonly string[]): Promise<void> {
  const command = parseDbCli(argv);
  if ('help' in command) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const { runDbCommand } = await import('./postgres.js');
  process.stdout.write(await runDbCommand(command));
}

function toStoreOptions(options: CliOptions): StoreOptions {
  return {
    store: options.store,
    ...(options.dynamodb && { dynamodb: options.dynamodb }),
    ...(options.postgres && { postgres: options.postgres }),
    ...(options.pglite && { pglite: options.pglite }),
    ...(options.leaseMs !== undefined && { leaseMs: options.leaseMs }),
    rateLimit: options.rateLimit,
    ...(options.syncWindowMs !== undefined && { syncWindowMs: options.syncWindowMs }),
    shutdownGraceMs: options.shutdownGraceMs,
    security: {
      ...(options.maxTasksPerOwner !== undefined && { maxActiveTasksPerOwner: options.maxTasksPerOwner }),
      ...(options.defaultTtlMs !== undefined && { defaultTtlMs: options.defaultTtlMs }),
      ...(options.maxTtlMs !== undefined && { maxTtlMs: options.maxTtlMs }),
    },
  };
}

/** The store, for the listening line (never the database URL: it may hold a password). */
function storeLabel(options: CliOptions): string {
  if (options.dynamodb) return `dynamodb, table ${options.dynamodb.table}`;
  if (options.postgres) return `postgres, schema ${options.postgres.schema ?? 'mcp_tasks'}`;
  if (options.pglite) return `pglite, data dir ${options.pglite.dataDir}`;
  return options.store;
}

/** Shut down once (later signals are ignored), then exit 0; 1 if closing fails or hangs. */
function onceOnly(close: () => Promise<void>): () => void {
  let started = false;
  return () => {
    if (started) return;
    started = true;
    setTimeout(() => fail(new Error(`shutdown took longer than ${shutdownTimeoutMs} ms`), 1), shutdownTimeoutMs).unref();
    close().then(
      () => process.exit(0),
      (error: unknown) => fail(error, 1),
    );
  };
}

function fail(error: unknown, code: number): never {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`${PROGRAM}: ${message}\n`);
  if (error instanceof CliError) process.stderr.write(`Run ${PROGRAM} --help for usage.\n`);
  process.exit(code);
}

main().catch((error: unknown) => fail(error, error instanceof CliError || error instanceof MissingPeerError ? error.exitCode : 1));
