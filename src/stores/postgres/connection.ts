/**
 * Which database a store or `migrate()` talks to: a node-postgres Pool (a PostgreSQL server) or a
 * PGlite instance (embedded), exactly one of them. Neither package is imported here: the caller
 * creates the pool or the instance, so `mcp-tasks/postgres` loads neither.
 */
import { InvalidOptionsError } from '../../errors/index.js';
import type { SqlDriver } from './driver.js';
import { NodePostgresDriver, type PgPoolLike } from './node-postgres.js';
import { PgliteDriver, type PgliteLike } from './pglite.js';

export interface ConnectionOptions {
  /** A `pg` Pool on a PostgreSQL server; the caller's (the store never ends it). */
  pool?: PgPoolLike;
  /** A PGlite instance (one per data directory, in this process); the caller's (the store never closes it). */
  pglite?: PgliteLike;
  /** The PostgreSQL schema of the store's objects (default `mcp_tasks`). */
  schema?: string;
}

export function driverFor(options: ConnectionOptions, who: string): SqlDriver {
  const { pool, pglite } = options ?? {};
  if ((pool === undefined) === (pglite === undefined))
    throw new InvalidOptionsError(`${who}: pass exactly one of options.pool (a pg Pool) and options.pglite (a PGlite instance)`);
  if (pool !== undefined) {
    if (typeof pool.query !== 'function' || typeof pool.connect !== 'function')
      throw new InvalidOptionsError(`${who}: options.pool must be a pg Pool`);
    return new NodePostgresDriver(pool);
  }
  if (typeof pglite!.query !== 'function' || typeof pglite!.listen !== 'function')
    throw new InvalidOptionsError(`${who}: options.pglite must be a PGlite instance`);
  return new PgliteDriver(pglite!);
}
