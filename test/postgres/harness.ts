/**
 * The PostgreSQL test harness: a real server for the whole test file (./embedded.ts, or the
 * server at MCP_TASKS_POSTGRES_URL when set), one pool per file, and a fresh, migrated schema per
 * store, so tests are isolated (cleanup() deletes across a whole schema) without a server each.
 */
import pg from 'pg';
import { migrate } from '../../src/stores/postgres/migrate.js';
import { PostgresTaskStore, type PostgresTaskStoreOptions } from '../../src/stores/postgres/store.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded.js';

export const EXTERNAL_URL = process.env.MCP_TASKS_POSTGRES_URL;

export interface Postgres {
  /** Connection URL of the server's `postgres` database. */
  url: string;
  /** A pool shared by the tests of a file. */
  pool: pg.Pool;
  /** A pool of its own (ended by `stop`). */
  newPool(config?: pg.PoolConfig): pg.Pool;
  /** A schema name no other store of this run uses, migrated. */
  freshSchema(pool?: pg.Pool): Promise<string>;
  /** A store on a fresh schema (sweeper off: tests call cleanup() themselves). */
  openStore(options?: Partial<PostgresTaskStoreOptions>): Promise<PostgresTaskStore>;
  stop(): Promise<void>;
}

let schemas = 0;

export async function startPostgres(): Promise<Postgres> {
  const server: EmbeddedPostgres | undefined = EXTERNAL_URL === undefined ? await startEmbeddedPostgres() : undefined;
  const url = EXTERNAL_URL ?? server!.url;
  const pools: pg.Pool[] = [];
  const newPool = (config: pg.PoolConfig = {}): pg.Pool => {
    const pool = new pg.Pool({ connectionString: url, max: 20, ...config });
    pool.on('error', () => undefined); // a server shutting down at the end of the file
    pools.push(pool);
    return pool;
  };
  const pool = newPool();
  const freshSchema = async (via: pg.Pool = pool): Promise<string> => {
    const schema = `t_${process.pid}_${++schemas}`;
    await migrate({ pool: via, schema });
    return schema;
  };
  return {
    url,
    pool,
    newPool,
    freshSchema,
    async openStore(options = {}) {
      const via = (options.pool as pg.Pool | undefined) ?? pool;
      const schema = options.schema ?? (await freshSchema(via));
      return new PostgresTaskStore({ cleanupIntervalMs: null, ...options, pool: via, schema });
    },
    async stop() {
      await Promise.allSettled(pools.map((p) => p.end()));
      await server?.stop();
    },
  };
}
