/**
 * `mcp-tasks/postgres`: the TaskStore on PostgreSQL (with `pg`) or embedded on PGlite (with
 * `@electric-sql/pglite`). Importing this entry point loads neither: pass your own Pool or
 * PGlite instance. Migrate the schema first (`migrate`, `mcp-tasks-server db migrate`).
 *
 * @example
 * ```ts
 * import pg from 'pg';
 * import { migrate, PostgresTaskStore } from 'mcp-tasks/postgres';
 * const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
 * await migrate({ pool });
 * const store = new PostgresTaskStore({ pool, cursorSecret: process.env.TASKS_CURSOR_SECRET });
 * ```
 * @example
 * ```ts
 * import { PGlite } from '@electric-sql/pglite';
 * const pglite = await PGlite.create('./tasks-data');
 * await migrate({ pglite });
 * const store = new PostgresTaskStore({ pglite });
 * ```
 */
export { PostgresTaskStore, DEFAULT_CLEANUP_INTERVAL_MS } from './store.js';
export type { PostgresTaskStoreOptions } from './store.js';
export { migrate, schemaVersion } from './migrate.js';
export { MIGRATIONS, SCHEMA_VERSION } from './migrations.js';
export type { Migration, MigrateResult } from './migrations.js';
export { DEFAULT_SCHEMA } from './schema.js';
export type { ConnectionOptions } from './connection.js';
export type { PgPoolLike, PgClientLike } from './node-postgres.js';
export type { PgliteLike } from './pglite.js';
