/**
 * Command-line flags of `mcp-tasks-server` (node:util parseArgs). Every refusal is a `CliError`
 * naming the flag; `main.ts` prints it and exits with code 2.
 */
import { parseArgs } from 'node:util';

export { USAGE } from './usage.js';

/** A refusal of the command line or the configuration; exit code 2. */
export class CliError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}

export type StoreKind = 'memory' | 'dynamodb';

export interface CliOptions {
  transport: 'http' | 'stdio';
  port: number;
  host: string;
  store: StoreKind;
  maxTasksPerOwner?: number;
  defaultTtlMs?: number;
  maxTtlMs?: number;
  allowAnonymous: boolean;
  tokensFile?: string;
  dynamodb?: DynamoDbCliOptions;
  leaseMs?: number;
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
}

/** Default grace period of running tasks when the server is stopped (ms). */
export const DEFAULT_SHUTDOWN_GRACE_MS = 10_000;

/** Default task operations per second per owner (bursts up to twice that). */
export const DEFAULT_RATE_LIMIT = 100;

export interface DynamoDbCliOptions {
  table: string;
  endpoint?: string;
  region?: string;
  createTable: boolean;
  cursorSecret?: string;
}

/** `mcp-tasks-server table ...` */
export type TableCommand =
  | { command: 'create'; table: string; endpoint?: string; region?: string }
  | { command: 'print-template'; table?: string };

export type Cli = { help: true } | { help: false; options: CliOptions };

export const DEFAULT_PORT = 3000;
export const DEFAULT_HOST = '127.0.0.1';

const FLAGS = {
  port: { type: 'string' },
  host: { type: 'string' },
  stdio: { type: 'boolean' },
  store: { type: 'string' },
  'max-tasks-per-owner': { type: 'string' },
  'default-ttl-ms': { type: 'string' },
  'max-ttl-ms': { type: 'string' },
  'allow-anonymous': { type: 'boolean' },
  tokens: { type: 'string' },
  table: { type: 'string' },
  'dynamodb-endpoint': { type: 'string' },
  region: { type: 'string' },
  'create-table': { type: 'boolean' },
  'cursor-secret': { type: 'string' },
  'lease-ms': { type: 'string' },
  'rate-limit': { type: 'string' },
  'max-sessions': { type: 'string' },
  'max-sessions-per-client': { type: 'string' },
  'session-idle-ms': { type: 'string' },
  'initialize-rate': { type: 'string' },
  'requests-per-second': { type: 'string' },
  'shutdown-grace-ms': { type: 'string' },
  stateless: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

type FlagValues = { [K in keyof typeof FLAGS]?: (typeof FLAGS)[K]['type'] extends 'boolean' ? boolean : string };

const SESSION_ONLY = ['max-sessions', 'max-sessions-per-client', 'session-idle-ms', 'initialize-rate'] as const;
const HTTP_ONLY = ['port', 'host', 'tokens', 'stateless', ...SESSION_ONLY, 'requests-per-second'] as const;
const DYNAMODB_ONLY = ['table', 'dynamodb-endpoint', 'region', 'create-table', 'cursor-secret', 'lease-ms'] as const;

/** Parse `process.argv.slice(2)`; throws `CliError` on any bad flag or value. */
export function parseCli(argv: readonly string[]): Cli {
  const values = readFlags(argv);
  if (values.help) return { help: true };
  checkCombinations(values);
  const store = values.store ?? 'memory';
  if (store !== 'memory' && store !== 'dynamodb') throw new CliError(`--store must be memory or dynamodb, got ${JSON.stringify(store)}`);
  const options: CliOptions = {
    transport: values.stdio === true ? 'stdio' : 'http',
    port: values.port === undefined ? DEFAULT_PORT : integerFlag('--port', values.port, 0, 65535),
    host: values.host ?? DEFAULT_HOST,
    store,
    allowAnonymous: values['allow-anonymous'] === true,
    rateLimit: values['rate-limit'] === undefined ? DEFAULT_RATE_LIMIT : integerFlag('--rate-limit', values['rate-limit'], 0),
    sessions: sessionFlags(values),
    shutdownGraceMs: values['shutdown-grace-ms'] === undefined ? DEFAULT_SHUTDOWN_GRACE_MS : integerFlag('--shutdown-grace-ms', values['shutdown-grace-ms'], 0, 600_000),
    ...(values.stateless === true && { stateless: true as const }),
  };
  if (options.host.trim() === '') throw new CliError('--host must not be empty');
  if (values['requests-per-second'] !== undefined) options.requestsPerSecond = integerFlag('--requests-per-second', values['requests-per-second'], 0);
  limitFlags(values, options);
  if (values.tokens !== undefined) {
    if (values.tokens === '') throw new CliError('--tokens needs a file name');
    options.tokensFile = values.tokens;
  }
  if (store === 'dynamodb') dynamoDbFlags(values, options);
  return { help: false, options };
}

function readFlags(argv: readonly string[]): FlagValues {
  try {
    return parseArgs({ args: [...argv], strict: true, allowPositionals: false, options: FLAGS }).values as FlagValues;
  } catch (error) {
    // parseArgs messages already name the flag ("Unknown option '--foo'", "Option '--port <value>' argument missing").
    throw new CliError(error instanceof Error ? error.message.split('\n')[0]! : String(error));
  }
}

/** Flags that only make sense together (or never together). */
function checkCombinations(values: FlagValues): void {
  if (values.stdio === true) {
    for (const flag of HTTP_ONLY) {
      if (values[flag] !== undefined) throw new CliError(`--${flag} applies to HTTP only; it cannot be combined with --stdio`);
    }
    if (values['allow-anonymous']) throw new CliError('--allow-anonymous applies to HTTP with --tokens; over --stdio the client is always anonymous');
  }
  if (values['allow-anonymous'] && values.tokens === undefined) {
    throw new CliError('--allow-anonymous needs --tokens (without --tokens every HTTP session is already its own owner)');
  }
  if (values.stateless === true) statelessCombinations(values);
  if ((values.store ?? 'memory') !== 'dynamodb') {
    for (const flag of DYNAMODB_ONLY) {
      if (values[flag] !== undefined) throw new CliError(`--${flag} applies to --store dynamodb only`);
    }
  }
}

/** Without sessions, every request needs a token: it is the only owner a request can carry. */
function statelessCombinations(values: FlagValues): void {
  if (values.tokens === undefined) {
    throw new CliError('--stateless needs --tokens FILE: without sessions, owners come only from bearer tokens (a session owner would be another owner on every request)');
  }
  if (values['allow-anonymous']) throw new CliError('--allow-anonymous cannot be combined with --stateless: requests without a token would have no owner of their own');
  for (const flag of SESSION_ONLY) {
    if (values[flag] !== undefined) throw new CliError(`--${flag} limits sessions; --stateless has none`);
  }
}

function limitFlags(values: FlagValues, options: CliOptions): void {
  if (values['max-tasks-per-owner'] !== undefined) options.maxTasksPerOwner = integerFlag('--max-tasks-per-owner', values['max-tasks-per-owner'], 1);
  if (values['default-ttl-ms'] !== undefined) options.defaultTtlMs = integerFlag('--default-ttl-ms', values['default-ttl-ms'], 1);
  if (values['max-ttl-ms'] !== undefined) options.maxTtlMs = integerFlag('--max-ttl-ms', values['max-ttl-ms'], 1);
  if (options.defaultTtlMs !== undefined && options.maxTtlMs !== undefined && options.defaultTtlMs > options.maxTtlMs) {
    throw new CliError(`--default-ttl-ms (${options.defaultTtlMs}) must not exceed --max-ttl-ms (${options.maxTtlMs})`);
  }
}

function dynamoDbFlags(values: FlagValues, options: CliOptions): void {
  if (values.table === undefined) throw new CliError('--store dynamodb needs --table NAME (create the table with `mcp-tasks-server table create --table NAME`)');
  options.dynamodb = {
    table: tableName(values.table),
    createTable: values['create-table'] === true,
    ...(values['dynamodb-endpoint'] !== undefined && { endpoint: endpointFlag(values['dynamodb-endpoint']) }),
    ...(values.region !== undefined && { region: nonEmpty('--region', values.region) }),
    ...(values['cursor-secret'] !== undefined && { cursorSecret: nonEmpty('--cursor-secret', values['cursor-secret']) }),
  };
  if (values['lease-ms'] !== undefined) options.leaseMs = integerFlag('--lease-ms', values['lease-ms'], 3);
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

/** Parse the arguments after `table`; throws `CliError`. */
export function parseTableCli(argv: readonly string[]): TableCommand | { help: true } {
  let values;
  let positionals;
  try {
    ({ values, positionals } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: true,
      options: {
        table: { type: 'string' },
        'dynamodb-endpoint': { type: 'string' },
        region: { type: 'string' },
        'print-template': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new CliError(error instanceof Error ? error.message.split('\n')[0]! : String(error));
  }
  if (values.help) return { help: true };
  if (values['print-template']) {
    if (positionals.length > 0) throw new CliError(`table --print-template takes no command, got ${JSON.stringify(positionals[0])}`);
    for (const flag of ['dynamodb-endpoint', 'region'] as const) {
      if (values[flag] !== undefined) throw new CliError(`--${flag} does not apply to table --print-template`);
    }
    return { command: 'print-template', ...(values.table !== undefined && { table: tableName(values.table) }) };
  }
  if (positionals.length !== 1 || positionals[0] !== 'create') {
    throw new CliError('usage: mcp-tasks-server table create --table NAME [--dynamodb-endpoint URL] [--region R] | table --print-template [--table NAME]');
  }
  if (values.table === undefined) throw new CliError('table create needs --table NAME');
  return {
    command: 'create',
    table: tableName(values.table),
    ...(values['dynamodb-endpoint'] !== undefined && { endpoint: endpointFlag(values['dynamodb-endpoint']) }),
    ...(values.region !== undefined && { region: nonEmpty('--region', values.region) }),
  };
}

function tableName(raw: string): string {
  if (!/^[A-Za-z0-9_.-]{3,255}$/.test(raw)) throw new CliError(`--table must be a DynamoDB table name (3-255 of A-Z a-z 0-9 _ . -), got ${JSON.stringify(raw)}`);
  return raw;
}

function endpointFlag(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new CliError(`--dynamodb-endpoint must be a URL, got ${JSON.stringify(raw)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new CliError(`--dynamodb-endpoint must be an http(s) URL, got ${JSON.stringify(raw)}`);
  return raw;
}

function nonEmpty(flag: string, raw: string): string {
  if (raw.trim() === '') throw new CliError(`${flag} must not be empty`);
  return raw;
}

function integerFlag(flag: string, raw: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const value = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `an integer >= ${min}` : `an integer from ${min} to ${max}`;
    throw new CliError(`${flag} must be ${range}, got ${JSON.stringify(raw)}`);
  }
  return value;
}
