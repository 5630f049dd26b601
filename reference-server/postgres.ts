/**
 * `--store postgres`, `--store pglite` and `mcp-tasks-server db migrate`: the pool or PGlite
 * instance, migrations and store of the reference server. `pg` and `@electric-sql/pglite` are
 * optional peer dependencies of mcp-tasks, loaded only here and only when asked for; when one is
 * missing, the command says in one line which package to install.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import {
  migrate,
  PostgresTaskStore,
  schemaVersion,
  SCHEMA_VERSION,
  type PgliteLike,
  type PgPoolLike,
} from '../src/stores/postgres/index.js';
import type { SecurityConfig } from '../src/index.js';
import { loadOptionalPeer } from './optional-peer.js';
import { CURSOR_SECRET_ENV, stderrWarn, type Warn } from './store-common.js';
import type { DbCommand, PgliteCliOptions, PostgresCliOptions } from './store-args.js';

/** `import(name)`, or MissingPeerError (one line, exit 1) when the package itself is not installed. */
function loadPeer<T>(name: string, what: string): Promise<T> {
  return loadOptionalPeer(() => import(name) as Promise<T>, name, what);
}

interface PgModule {
  default: {
    Pool: new (config: { connectionString: string; max?: number; application_name?: string }) => PgPoolLike & { end(): Promise<void> };
  };
}

interface PgliteModule {
  PGlite: { create(dataDir: string): Promise<PgliteLike & { close(): Promise<void> }> };
}

/** A pool for `url` whose idle-connection errors are logged, not fatal. */
async function openPool(url: string, what: string): Promise<PgPoolLike & { end(): Promise<void> }> {
  const pg = await loadPeer<PgModule>('pg', what);
  const pool = new pg.default.Pool({ connectionString: url, max: 10, application_name: 'mcp-tasks-server' });
  pool.on('error', (error) => stderrWarn(`a PostgreSQL connection failed: ${error.message}`));
  return pool;
}

/**
 * The cursor secret: `--cursor-secret`, else MCP_TASKS_CURSOR_SECRET, else (PostgreSQL) derived
 * from the schema name with a warning, as for a DynamoDB table: cursors only ever position a
 * requestor inside its own tasks, but production should set a shared secret. PGlite serves one
 * process: a random secret (cursors from before a restart are refused as expired would be).
 */
function cursorSecret(given: string | undefined, derivedFrom: string | undefined, warn: Warn): string {
  const secret = given ?? process.env[CURSOR_SECRET_ENV];
  if (secret !== undefined && secret !== '') return secret;
  if (derivedFrom === undefined) return randomBytes(32).toString('base64url');
  warn(
    `no --cursor-secret or ${CURSOR_SECRET_ENV}: list cursors are signed with a secret derived from the schema name; set a shared secret in production`,
  );
  return createHash('sha256').update(`mcp-tasks-reference-server\0postgres\0${derivedFrom}`).digest('base64url');
}

/** A store that owns its connection: closing it ends the pool or closes PGlite. */
class OwningStore extends PostgresTaskStore {
  readonly #release: () => Promise<void>;
  constructor(options: ConstructorParameters<typeof PostgresTaskStore>[0], release: () => Promise<void>) {
    super(options);
    this.#release = release;
  }
  override async close(): Promise<void> {
    await super.close();
    await this.#release();
  }
}

export async function openPostgresStore(
  options: PostgresCliOptions,
  security: Partial<SecurityConfig>,
  warn: Warn = stderrWarn,
): Promise<PostgresTaskStore> {
  const pool = await openPool(options.databaseUrl, '--store postgres');
  const schema = options.schema;
  try {
    if (options.createTable) await migrate({ pool, ...(schema && { schema }) });
    else {
      const version = await schemaVersion({ pool, ...(schema && { schema }) });
      if (version < SCHEMA_VERSION) {
        throw new Error(
          `the database schema ${schema ?? 'mcp_tasks'} is at version ${version}, this release needs ${SCHEMA_VERSION}: run mcp-tasks-server db migrate --database-url URL (or start with --create-table)`,
        );
      }
    }
    const secret = cursorSecret(options.cursorSecret, schema ?? 'mcp_tasks', warn);
    return new OwningStore({ pool, ...(schema && { schema }), security, cursorSecret: secret }, () => pool.end());
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
}

/** The embedded store: PGlite on `--data-dir` (created if missing), migrated on open (one process owns it). */
export async function openPgliteStore(
  options: PgliteCliOptions,
  security: Partial<SecurityConfig>,
  warn: Warn = stderrWarn,
): Promise<PostgresTaskStore> {
  const { PGlite } = await loadPeer<PgliteModule>('@electric-sql/pglite', '--store pglite');
  mkdirSync(options.dataDir, { recursive: true });
  const db = await PGlite.create(options.dataDir);
  const schema = options.schema;
  try {
    await migrate({ pglite: db, ...(schema && { schema }) });
    const secret = cursorSecret(options.cursorSecret, undefined, warn);
    return new OwningStore({ pglite: db, ...(schema && { schema }), security, cursorSecret: secret }, () => db.close());
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
}

/** `mcp-tasks-server db migrate`: what to print on stdout (one JSON line). */
export async function runDbCommand(command: DbCommand): Promise<string> {
  const schema = command.schema === undefined ? {} : { schema: command.schema };
  if (command.dataDir !== undefined) {
    const { PGlite } = await loadPeer<PgliteModule>('@electric-sql/pglite', 'db migrate --data-dir');
    mkdirSync(command.dataDir, { recursive: true });
    const db = await PGlite.create(command.dataDir);
    try {
      return `${JSON.stringify(await migrate({ pglite: db, ...schema }))}\n`;
    } finally {
      await db.close();
    }
  }
  const pool = await openPool(command.databaseUrl, 'db migrate');
  try {
    return `${JSON.stringify(await migrate({ pool, ...schema }))}\n`;
  } finally {
    await pool.end();
  }
}
