/**
 * Command-line flags of `mcp-tasks-server` (node:util parseArgs). Every refusal is a `CliError`
 * naming the flag; `main.ts` prints it and exits with code 2.
 */
import { parseArgs } from 'node:util';
import { MAX_SYNC_WINDOW_MS } from '../src/server/core/engine-options.js';
import type { PollPolicy } from '../src/server/core/poll-policy.js';
import { CliError, flagError, integerFlag, pollPolicyFlag } from './cli-values.js';
import { OTEL_MODES, type OtelMode } from './otel.js';
import { STORE_FLAGS, storeFlags, storeKind, type StoreCliOptions, type StoreFlagValues, type StoreKind } from './store-args.js';

export { USAGE } from './usage.js';
export { CliError } from './cli-values.js';
export { parseDbCli, parseTableCli, DATABASE_URL_ENV } from './store-args.js';
export type { DbCommand, DynamoDbCliOptions, PgliteCliOptions, PostgresCliOptions, StoreKind, TableCommand } from './store-args.js';

export interface CliOptions extends StoreCliOptions {
  transport: 'http' | 'stdio';
  port: number;
  host: string;
  store: StoreKind;
  maxTasksPerOwner?: number;
  defaultTtlMs?: number;
  maxTtlMs?: number;
  allowAnonymous: boolean;
  tokensFile?: string;
  /** Task operations per second per owner; 0 = no limit. */
  rateLimit: number;
  /** HTTP session caps (absent: the defaults of sessions.ts). */
  sessions: { maxSessions?: number; maxSessionsPerOwner?: number; idleMs?: number; initializePerSecond?: number };
  /** Grace period for running tasks on shutdown (ms). */
  shutdownGraceMs: number;
  /** POST requests per second per client (HTTP); absent: the default of http.ts. */
  requestsPerSecond?: number;
  /** HTTP without sessions: a fresh server per POST, owners from --tokens only. */
  stateless?: true;
  /** Where GET answers with the Prometheus metrics (HTTP); false: none. */
  metricsPath: string | false;
  /** Serve the live task monitor at /dashboard (HTTP). */
  dashboard?: true;
  /** Export OpenTelemetry traces. */
  otel?: OtelMode;
  /** The 2026-07-28 sync window (ms); absent: the engine's default. */
  syncWindowMs?: number;
  /** The 2026-07-28 poll intervals told to requestors; absent settings: the library's defaults. */
  pollPolicy?: Partial<PollPolicy>;
}

/** Where GET answers with the metrics unless --metrics says otherwise (the library's default too). */
export const DEFAULT_METRICS_PATH = '/metrics';

/** Default grace period of running tasks when the server is stopped (ms). */
export const DEFAULT_SHUTDOWN_GRACE_MS = 10_000;

/** Default task operations per second per owner (bursts up to twice that). */
export const DEFAULT_RATE_LIMIT = 100;

export type Cli = { help: true } | { help: false; options: CliOptions };

export const DEFAULT_PORT = 3000;
export const DEFAULT_HOST = '127.0.0.1';

const FLAGS = {
  port: { type: 'string' },
  host: { type: 'string' },
  stdio: { type: 'boolean' },
  ...STORE_FLAGS,
  'max-tasks-per-owner': { type: 'string' },
  'default-ttl-ms': { type: 'string' },
  'max-ttl-ms': { type: 'string' },
  'allow-anonymous': { type: 'boolean' },
  tokens: { type: 'string' },
  'rate-limit': { type: 'string' },
  'max-sessions': { type: 'string' },
  'max-sessions-per-client': { type: 'string' },
  'session-idle-ms': { type: 'string' },
  'initialize-rate': { type: 'string' },
  'requests-per-second': { type: 'string' },
  'shutdown-grace-ms': { type: 'string' },
  stateless: { type: 'boolean' },
  metrics: { type: 'string' },
  dashboard: { type: 'boolean' },
  otel: { type: 'string' },
  'sync-window-ms': { type: 'string' },
  'poll-policy': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type FlagValues = StoreFlagValues & { [K in keyof typeof FLAGS]?: (typeof FLAGS)[K]['type'] extends 'boolean' ? boolean : string };

const SESSION_ONLY = ['max-sessions', 'max-sessions-per-client', 'session-idle-ms', 'initialize-rate'] as const;
const HTTP_ONLY = [
  'port',
  'host',
  'tokens',
  'stateless',
  ...SESSION_ONLY,
  'requests-per-second',
  'metrics',
  'dashboard',
  'sync-window-ms',
  'poll-policy',
] as const;

/** Parse `process.argv.slice(2)`; throws `CliError` on any bad flag or value. `env` gives DATABASE_URL. */
export function parseCli(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Cli {
  const values = readFlags(argv);
  if (values.help) return { help: true };
  checkCombinations(values);
  const store = storeKind(values);
  const options: CliOptions = {
    transport: values.stdio === true ? 'stdio' : 'http',
    port: values.port === undefined ? DEFAULT_PORT : integerFlag('--port', values.port, 0, 65535),
    host: values.host ?? DEFAULT_HOST,
    store,
    allowAnonymous: values['allow-anonymous'] === true,
    rateLimit: values['rate-limit'] === undefined ? DEFAULT_RATE_LIMIT : integerFlag('--rate-limit', values['rate-limit'], 0),
    sessions: sessionFlags(values),
    shutdownGraceMs:
      values['shutdown-grace-ms'] === undefined
        ? DEFAULT_SHUTDOWN_GRACE_MS
        : integerFlag('--shutdown-grace-ms', values['shutdown-grace-ms'], 0, 600_000),
    ...(values.stateless === true && { stateless: true as const }),
    metricsPath: metricsPathOf(values.metrics),
    ...(values.dashboard === true && { dashboard: true as const }),
  };
  if (values.otel !== undefined) {
    if (!OTEL_MODES.includes(values.otel as OtelMode)) throw new CliError(`--otel must be one of ${OTEL_MODES.join(', ')}`);
    options.otel = values.otel as OtelMode;
  }
  if (options.host.trim() === '') throw new CliError('--host must not be empty');
  if (values['sync-window-ms'] !== undefined)
    options.syncWindowMs = integerFlag('--sync-window-ms', values['sync-window-ms'], 0, MAX_SYNC_WINDOW_MS);
  if (values['poll-policy'] !== undefined) options.pollPolicy = pollPolicyFlag(values['poll-policy']);
  if (values['requests-per-second'] !== undefined)
    options.requestsPerSecond = integerFlag('--requests-per-second', values['requests-per-second'], 0);
  limitFlags(values, options);
  if (values.tokens !== undefined) {
    if (values.tokens === '') throw new CliError('--tokens needs a file name');
    options.tokensFile = values.tokens;
  }
  Object.assign(options, storeFlags(store, values, env));
  return { help: false, options };
}

/** `--metrics PATH|off`: a path of its own (not /mcp, not under /dashboard), or off. */
function metricsPathOf(value: string | undefined): string | false {
  if (value === undefined) return DEFAULT_METRICS_PATH;
  if (value === 'off') return false;
  if (!/^\/[\w./-]*$/.test(value) || value === '/mcp' || value === '/dashboard' || value.startsWith('/dashboard/')) {
    throw new CliError('--metrics takes a path such as /metrics (not /mcp or /dashboard), or off');
  }
  return value;
}

function readFlags(argv: readonly string[]): FlagValues {
  try {
    return parseArgs({ args: [...argv], strict: true, allowPositionals: false, options: FLAGS }).values as FlagValues;
  } catch (error) {
    throw flagError(error);
  }
}

/** Flags that only make sense together (or never together). */
function checkCombinations(values: FlagValues): void {
  if (values.stdio === true) {
    for (const flag of HTTP_ONLY) {
      if (values[flag] !== undefined) throw new CliError(`--${flag} applies to HTTP only; it cannot be combined with --stdio`);
    }
    if (values['allow-anonymous'])
      throw new CliError('--allow-anonymous applies to HTTP with --tokens; over --stdio the client is always anonymous');
  }
  if (values['allow-anonymous'] && values.tokens === undefined) {
    throw new CliError('--allow-anonymous needs --tokens (without --tokens every HTTP session is already its own owner)');
  }
  if (values.stateless === true) statelessCombinations(values);
}

/** Without sessions, every request needs a token: it is the only owner a request can carry. */
function statelessCombinations(values: FlagValues): void {
  if (values.tokens === undefined) {
    throw new CliError(
      '--stateless needs --tokens FILE: without sessions, owners come only from bearer tokens (a session owner would be another owner on every request)',
    );
  }
  if (values['allow-anonymous'])
    throw new CliError('--allow-anonymous cannot be combined with --stateless: requests without a token would have no owner of their own');
  for (const flag of SESSION_ONLY) {
    if (values[flag] !== undefined) throw new CliError(`--${flag} limits sessions; --stateless has none`);
  }
}

function limitFlags(values: FlagValues, options: CliOptions): void {
  if (values['max-tasks-per-owner'] !== undefined)
    options.maxTasksPerOwner = integerFlag('--max-tasks-per-owner', values['max-tasks-per-owner'], 1);
  if (values['default-ttl-ms'] !== undefined) options.defaultTtlMs = integerFlag('--default-ttl-ms', values['default-ttl-ms'], 1);
  if (values['max-ttl-ms'] !== undefined) options.maxTtlMs = integerFlag('--max-ttl-ms', values['max-ttl-ms'], 1);
  if (options.defaultTtlMs !== undefined && options.maxTtlMs !== undefined && options.defaultTtlMs > options.maxTtlMs) {
    throw new CliError(`--default-ttl-ms (${options.defaultTtlMs}) must not exceed --max-ttl-ms (${options.maxTtlMs})`);
  }
}

function sessionFlags(values: FlagValues): CliOptions['sessions'] {
  const flag = (name: string): number | undefined => {
    const value = values[name as keyof FlagValues];
    return typeof value === 'string' ? integerFlag(`--${name}`, value, 1) : undefined;
  };
  const sessions: CliOptions['sessions'] = {};
  const maxSessions = flag('max-sessions');
  const maxSessionsPerOwner = flag('max-sessions-per-client');
  const idleMs = flag('session-idle-ms');
  const initializePerSecond = flag('initialize-rate');
  if (maxSessions !== undefined) sessions.maxSessions = maxSessions;
  if (maxSessionsPerOwner !== undefined) sessions.maxSessionsPerOwner = maxSessionsPerOwner;
  if (idleMs !== undefined) sessions.idleMs = idleMs;
  if (initializePerSecond !== undefined) sessions.initializePerSecond = initializePerSecond;
  return sessions;
}
