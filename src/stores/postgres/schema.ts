/**
 * THE schema of the PostgreSQL store: names of its objects (one PostgreSQL schema per store, so
 * several stores or test runs share a database without sharing tasks) and the table's columns.
 * Migrations (./migrations.ts) create these objects; statements (./statements.ts) use them.
 */
import { InvalidOptionsError } from '../../errors/index.js';

/** The PostgreSQL schema a store uses when none is given. */
export const DEFAULT_SCHEMA = 'mcp_tasks';

/**
 * Schema names: lower-case identifiers, short enough that `<schema>_changes` (the NOTIFY
 * channel) stays within PostgreSQL's 63-byte identifiers and needs no quoting anywhere (PGlite's
 * `listen` does not quote channel names).
 */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,47}$/;

/** Every column of the tasks table, in the order statements select them. */
export const COLUMNS = [
  'task_id',
  'owner',
  'status',
  'status_message',
  'created_at',
  'last_updated_at',
  'ttl',
  'expires_at',
  'poll_interval',
  'request',
  'variables',
  'outcome',
  'input',
  'stored_bytes',
  'resumable',
  'lease_holder',
  'lease_expires_at',
  'version',
  'seq',
] as const;

export type Column = (typeof COLUMNS)[number];

/** The names a store's statements use, all derived from its schema name. */
export interface SchemaNames {
  readonly schema: string;
  /** `"<schema>".tasks` */
  readonly tasks: string;
  /** `"<schema>".schema_migrations` */
  readonly migrations: string;
  /** `"<schema>".create_task`: the create function (quota and storage caps under an owner lock). */
  readonly createTask: string;
  /** The NOTIFY channel of the change feed. */
  readonly channel: string;
}

export function schemaNames(schema: string = DEFAULT_SCHEMA): SchemaNames {
  if (typeof schema !== 'string' || !SCHEMA_NAME.test(schema)) {
    throw new InvalidOptionsError(
      `PostgresTaskStore: schema must match ${SCHEMA_NAME.source} (lower-case letters, digits, _), got ${JSON.stringify(schema)}`,
    );
  }
  const quoted = `"${schema}"`;
  return Object.freeze({
    schema,
    tasks: `${quoted}.tasks`,
    migrations: `${quoted}.schema_migrations`,
    createTask: `${quoted}.create_task`,
    channel: `${schema}_changes`,
  });
}
