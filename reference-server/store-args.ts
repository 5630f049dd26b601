/**
 * The store flags of `mcp-tasks-server` (`--store` and what each store takes) and the store
 * commands `table ...` (DynamoDB) and `db migrate` (PostgreSQL, PGlite). Every refusal is a
 * `CliError` naming the flag.
 */
import { parseArgs } from 'node:util';
import { CliError, flagError, integerFlag, nonEmpty } from './cli-values.js';

export type StoreKind = 'memory' | 'dynamodb' | 'postgres' | 'pglite';
export const STORE_KINDS: readonly StoreKind[] = ['memory', 'dynamodb', 'postgres', 'pglite'];

/** The environment variable `--database-url` defaults to. */
export const DATABASE_URL_ENV = 'DATABASE_URL';

export interface DynamoDbCliOptions {
  table: string;
  endpoint?: string;
  region?: string;
  createTable: boolean;
  cursorSecret?: string;
}

export interface PostgresCliOptions {
  databaseUrl: string;
  /** The PostgreSQL schema of the store (default mcp_tasks). */
  schema?: string;
  /** Run the migrations at start (`--create-table`). */
  createTable: boolean;
  cursorSecret?: string;
}

export interface PgliteCliOptions {
  dataDir: string;
  schema?: string;
  cursorSecret?: string;
}

/** What the store flags set. */
export interface StoreCliOptions {
  dynamodb?: DynamoDbCliOptions;
  postgres?: PostgresCliOptions;
  pglite?: PgliteCliOptions;
  leaseMs?: number;
}

/** `mcp-tasks-server table ...` */
export type TableCommand =
  { command: 'create'; table: string; endpoint?: string; region?: string } | { command: 'print-template'; table?: string };

/** `mcp-tasks-server db migrate ...` */
export type DbCommand = { command: 'migrate' } & (
  { databaseUrl: string; dataDir?: undefined } | { dataDir: string; databaseUrl?: undefined }
) & { schema?: string };

export const STORE_FLAGS = {
  store: { type: 'string' },
  table: { type: 'string' },
  'dynamodb-endpoint': { type: 'string' },
  region: { type: 'string' },
  'create-table': { type: 'boolean' },
  'cursor-secret': { type: 'string' },
  'lease-ms': { type: 'string' },
  'database-url': { type: 'string' },
  'data-dir': { type: 'string' },
  schema: { type: 'string' },
} as const;

export type StoreFlagValues = { [K in keyof typeof STORE_FLAGS]?: (typeof STORE_FLAGS)[K]['type'] extends 'boolean' ? boolean : string };

/** Which stores each store flag applies to. */
const APPLIES_TO: { readonly [K in Exclude<keyof typeof STORE_FLAGS, 'store'>]: readonly StoreKind[] } = {
  table: ['dynamodb'],
  'dynamodb-endpoint': ['dynamodb'],
  region: ['dynamodb'],
  'create-table': ['dynamodb', 'postgres'],
  'cursor-secret': ['dynamodb', 'postgres', 'pglite'],
  'lease-ms': ['dynamodb', 'postgres', 'pglite'],
  'database-url': ['postgres'],
  'data-dir': ['pglite'],
  schema: ['postgres', 'pglite'],
};

/** The store kind of `--store`, after refusing flags of another store. */
export function storeKind(values: StoreFlagValues): StoreKind {
  const store = values.store ?? 'memory';
  if (!(STORE_KINDS as readonly string[]).includes(store))
    throw new CliError(`--store must be ${STORE_KINDS.join(', ')}, got ${JSON.stringify(store)}`);
  for (const [flag, stores] of Object.entries(APPLIES_TO)) {
    if (values[flag as keyof StoreFlagValues] !== undefined && !stores.includes(store as StoreKind)) {
      throw new CliError(`--${flag} applies to --store ${stores.join(' or --store ')} only`);
    }
  }
  return store as StoreKind;
}

/** The options of the chosen store; `env` gives DATABASE_URL. */
export function storeFlags(store: StoreKind, values: StoreFlagValues, env: NodeJS.ProcessEnv): StoreCliOptions {
  const options: StoreCliOptions = {};
  if (values['lease-ms'] !== undefined) options.leaseMs = integerFlag('--lease-ms', values['lease-ms'], 3);
  const cursorSecret = values['cursor-secret'] === undefined ? {} : { cursorSecret: nonEmpty('--cursor-secret', values['cursor-secret']) };
  const schema = values.schema === undefined ? {} : { schema: schemaFlag(values.schema) };
  if (store === 'dynamodb') {
    if (values.table === undefined)
      throw new CliError('--store dynamodb needs --table NAME (create the table with `mcp-tasks-server table create --table NAME`)');
    options.dynamodb = {
      table: tableName(values.table),
      createTable: values['create-table'] === true,
      ...(values['dynamodb-endpoint'] !== undefined && { endpoint: endpointFlag(values['dynamodb-endpoint']) }),
      ...(values.region !== undefined && { region: nonEmpty('--region', values.region) }),
      ...cursorSecret,
    };
  } else if (store === 'postgres') {
    options.postgres = {
      databaseUrl: databaseUrl(values['database-url'] ?? env[DATABASE_URL_ENV], '--store postgres'),
      createTable: values['create-table'] === true,
      ...schema,
      ...cursorSecret,
    };
  } else if (store === 'pglite') {
    if (values['data-dir'] === undefined)
      throw new CliError('--store pglite needs --data-dir DIR (the directory of the embedded database; created if missing)');
    options.pglite = { dataDir: nonEmpty('--data-dir', values['data-dir']), ...schema, ...cursorSecret };
  }
  return options;
}

/** Parse the arguments after `db`; throws `CliError`. */
export function parseDbCli(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): DbCommand | { help: true } {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: true,
      options: {
        'database-url': { type: 'string' },
        'data-dir': { type: 'string' },
        schema: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw flagError(error);
  }
  const { values, positionals } = parsed;
  if (values.help) return { help: true };
  if (positionals.length !== 1 || positionals[0] !== 'migrate')
    throw new CliError('usage: mcp-tasks-server db migrate --database-url URL | --data-dir DIR [--schema NAME]');
  const schema = values.schema === undefined ? {} : { schema: schemaFlag(values.schema) };
  if (values['data-dir'] !== undefined) {
    if (values['database-url'] !== undefined)
      throw new CliError('db migrate takes --database-url (PostgreSQL) or --data-dir (PGlite), not both');
    return { command: 'migrate', dataDir: nonEmpty('--data-dir', values['data-dir']), ...schema };
  }
  return { command: 'migrate', databaseUrl: databaseUrl(values['database-url'] ?? env[DATABASE_URL_ENV], 'db migrate'), ...schema };
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
    throw flagError(error);
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
    throw new CliError(
      'usage: mcp-tasks-server table create --table NAME [--dynamodb-endpoint URL] [--region R] | table --print-template [--table NAME]',
    );
  }
  if (values.table === undefined) throw new CliError('table create needs --table NAME');
  return {
    command: 'create',
    table: tableName(values.table),
    ...(values['dynamodb-endpoint'] !== undefined && { endpoint: endpointFlag(values['dynamodb-endpoint']) }),
    ...(values.region !== undefined && { region: nonEmpty('--region', values.region) }),
  };
}

function databaseUrl(raw: string | undefined, what: string): string {
  if (raw === undefined || raw.trim() === '')
    throw new CliError(`${what} needs --database-url URL (or the ${DATABASE_URL_ENV} environment variable)`);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new CliError('--database-url must be a postgres:// or postgresql:// URL'); // never echo it: it may hold a password
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:')
    throw new CliError('--database-url must be a postgres:// or postgresql:// URL');
  return raw;
}

function schemaFlag(raw: string): string {
  if (!/^[a-z_][a-z0-9_]{0,47}$/.test(raw))
    throw new CliError(`--schema must be a lower-case identifier of at most 48 characters (a-z 0-9 _), got ${JSON.stringify(raw)}`);
  return raw;
}

function tableName(raw: string): string {
  if (!/^[A-Za-z0-9_.-]{3,255}$/.test(raw))
    throw new CliError(`--table must be a DynamoDB table name (3-255 of A-Z a-z 0-9 _ . -), got ${JSON.stringify(raw)}`);
  return raw;
}

function endpointFlag(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new CliError(`--dynamodb-endpoint must be a URL, got ${JSON.stringify(raw)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new CliError(`--dynamodb-endpoint must be an http(s) URL, got ${JSON.stringify(raw)}`);
  return raw;
}
