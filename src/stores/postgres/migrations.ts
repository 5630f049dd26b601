/**
 * The schema's versions, in code: each migration is a script applied once, in order, recorded
 * in `<schema>.schema_migrations` (version, name, applied_at), so a later release adds a
 * migration and `migrate()` brings any older database up to it. `migrate()` is safe to run from
 * several processes at once (one transaction under an advisory lock) and again (idempotent).
 * Run by `migrate()`, `mcp-tasks-server db migrate --database-url URL`, `--create-table`, and
 * by the embedded PGlite store on open.
 */
import type { SqlDriver } from './driver.js';
import { schemaNames, type SchemaNames } from './schema.js';

export interface Migration {
  readonly version: number;
  readonly name: string;
  /** The DDL script (several statements) for the store's schema. */
  up(names: SchemaNames): string;
}

/** Bytes counted per stored task besides its JSON (as the other stores do): keeps tiny tasks honest. */
export const RECORD_OVERHEAD_BYTES = 512;

const ACTIVE = `('working', 'input_required')`;

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'tasks table, its indexes and the create function',
    up: (n) => `
CREATE TABLE ${n.tasks} (
  task_id text PRIMARY KEY,
  owner text NOT NULL,
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  status text NOT NULL CHECK (status IN ('working', 'input_required', 'completed', 'failed', 'cancelled')),
  status_message text,
  created_at bigint NOT NULL,
  last_updated_at bigint NOT NULL,
  ttl bigint,
  expires_at bigint,
  poll_interval integer,
  request text NOT NULL,
  variables text NOT NULL,
  outcome text,
  input text,
  stored_bytes bigint,
  resumable boolean NOT NULL DEFAULT false,
  lease_holder text,
  lease_expires_at bigint,
  version integer NOT NULL
);
-- list pages and the storage-cap count: one owner's tasks in creation order
CREATE INDEX tasks_owner_seq ON ${n.tasks} (owner, seq);
-- the quota count: one owner's active tasks
CREATE INDEX tasks_owner_active ON ${n.tasks} (owner) WHERE status IN ${ACTIVE};
-- cleanup
CREATE INDEX tasks_expires_at ON ${n.tasks} (expires_at) WHERE expires_at IS NOT NULL;

-- create: quota and storage caps exact across instances. The owner's advisory lock serialises
-- the owner's creates; each statement of a VOLATILE function takes a fresh snapshot, so the
-- counts after the lock see every create committed before it. One call = one round trip.
CREATE FUNCTION ${n.createTask}(
  p_task_id text, p_owner text, p_status text, p_status_message text, p_created_at bigint,
  p_last_updated_at bigint, p_ttl bigint, p_expires_at bigint, p_poll_interval integer,
  p_request text, p_variables text, p_stored_bytes bigint, p_resumable boolean,
  p_lease_holder text, p_lease_expires_at bigint,
  p_max_active integer, p_max_tasks integer, p_max_bytes bigint, p_origin text
) RETURNS text LANGUAGE plpgsql VOLATILE AS $fn$
DECLARE
  stored_count bigint;
  stored_total bigint;
  active_count bigint;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended('${n.schema}/' || p_owner, 0));
  IF p_max_tasks IS NOT NULL OR p_max_bytes IS NOT NULL THEN
    SELECT count(*), coalesce(sum(coalesce(stored_bytes, 0) + ${RECORD_OVERHEAD_BYTES}), 0) INTO stored_count, stored_total
      FROM ${n.tasks} WHERE owner = p_owner AND (expires_at IS NULL OR expires_at > p_created_at);
    IF p_max_tasks IS NOT NULL AND stored_count + 1 > p_max_tasks THEN RETURN 'stored_tasks'; END IF;
    IF p_max_bytes IS NOT NULL AND stored_total + coalesce(p_stored_bytes, 0) + ${RECORD_OVERHEAD_BYTES} > p_max_bytes THEN RETURN 'stored_bytes'; END IF;
  END IF;
  SELECT count(*) INTO active_count FROM ${n.tasks}
    WHERE owner = p_owner AND status IN ${ACTIVE} AND (expires_at IS NULL OR expires_at > p_created_at);
  IF active_count >= p_max_active THEN RETURN 'quota'; END IF;
  INSERT INTO ${n.tasks} (task_id, owner, status, status_message, created_at, last_updated_at, ttl, expires_at,
      poll_interval, request, variables, stored_bytes, resumable, lease_holder, lease_expires_at, version)
    VALUES (p_task_id, p_owner, p_status, p_status_message, p_created_at, p_last_updated_at, p_ttl, p_expires_at,
      p_poll_interval, p_request, p_variables, p_stored_bytes, p_resumable, p_lease_holder, p_lease_expires_at, 1);
  PERFORM pg_notify('${n.channel}', p_origin || ' ' || p_task_id || ' ' || p_owner);
  RETURN 'ok';
END
$fn$;
`,
  },
];

/** The schema version this release needs (its last migration). */
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

export interface MigrateResult {
  schema: string;
  /** The version found (0: none). */
  from: number;
  /** The version now. */
  to: number;
  /** The migrations applied by this call, in order. */
  applied: number[];
}

/** Bring the schema to `SCHEMA_VERSION`: create it if missing, apply each migration not yet recorded. */
export async function runMigrations(driver: SqlDriver, schema?: string): Promise<MigrateResult> {
  const names = schemaNames(schema);
  return driver.transaction(async (tx) => {
    // Two processes migrating at once: the second waits, then finds the work done.
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`mcp-tasks migrate ${names.schema}`]);
    await tx.exec(`CREATE SCHEMA IF NOT EXISTS "${names.schema}";
CREATE TABLE IF NOT EXISTS ${names.migrations} (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now());`);
    const from = await versionIn(tx.query, names);
    const applied: number[] = [];
    for (const migration of MIGRATIONS) {
      if (migration.version <= from) continue;
      await tx.exec(migration.up(names));
      await tx.query(`INSERT INTO ${names.migrations} (version, name) VALUES ($1, $2)`, [migration.version, migration.name]);
      applied.push(migration.version);
    }
    return { schema: names.schema, from, to: Math.max(from, SCHEMA_VERSION), applied };
  });
}

/** The schema's recorded version; 0 when the schema or its migrations table does not exist. */
export async function readSchemaVersion(driver: SqlDriver, schema?: string): Promise<number> {
  const names = schemaNames(schema);
  const { rows } = await driver.query(`SELECT to_regclass($1) IS NOT NULL AS present`, [`"${names.schema}".schema_migrations`]);
  if (rows[0]?.present !== true) return 0;
  return versionIn(driver.query, names);
}

async function versionIn(query: SqlDriver['query'], names: SchemaNames): Promise<number> {
  const { rows } = await query(`SELECT coalesce(max(version), 0) AS version FROM ${names.migrations}`);
  return Number(rows[0]?.version ?? 0);
}
