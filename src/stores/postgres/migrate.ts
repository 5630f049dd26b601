/**
 * `migrate()` and `schemaVersion()`: the migrations of ./migrations.ts on a Pool or a PGlite
 * instance, with failures as STORE_UNAVAILABLE like every other statement of the store.
 */
import { driverFor, type ConnectionOptions } from './connection.js';
import { storeError } from './errors.js';
import { readSchemaVersion, runMigrations, type MigrateResult } from './migrations.js';

/** Create or upgrade the store's schema to `SCHEMA_VERSION`; safe to run again and from several processes. */
export async function migrate(options: ConnectionOptions): Promise<MigrateResult> {
  const driver = driverFor(options, 'migrate');
  return runMigrations(driver, options.schema).catch((error: unknown) => {
    throw storeError(error);
  });
}

/** The schema version recorded in the database (0: never migrated). */
export async function schemaVersion(options: ConnectionOptions): Promise<number> {
  const driver = driverFor(options, 'schemaVersion');
  return readSchemaVersion(driver, options.schema).catch((error: unknown) => {
    throw storeError(error);
  });
}
