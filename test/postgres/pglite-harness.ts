/**
 * The PGlite test harness: ONE in-memory PGlite instance per test file (starting one takes
 * seconds) and a fresh, migrated schema per store, as the PostgreSQL harness does.
 */
import { PGlite } from '@electric-sql/pglite';
import { migrate } from '../../src/stores/postgres/migrate.js';
import { PostgresTaskStore, type PostgresTaskStoreOptions } from '../../src/stores/postgres/store.js';

export interface Pglite {
  db: PGlite;
  freshSchema(): Promise<string>;
  openStore(options?: Partial<PostgresTaskStoreOptions>): Promise<PostgresTaskStore>;
  stop(): Promise<void>;
}

let schemas = 0;

export async function startPglite(dataDir?: string): Promise<Pglite> {
  const db = await PGlite.create(dataDir);
  const freshSchema = async (): Promise<string> => {
    const schema = `l_${process.pid}_${++schemas}`;
    await migrate({ pglite: db, schema });
    return schema;
  };
  return {
    db,
    freshSchema,
    async openStore(options = {}) {
      const schema = options.schema ?? (await freshSchema());
      return new PostgresTaskStore({ cleanupIntervalMs: null, ...options, pglite: db, schema });
    },
    stop: () => db.close(),
  };
}
