/**
 * What the store needs from a database connection, and nothing more: one statement at a time,
 * a transaction (migrations only) and one listening connection for the change feed. Two
 * implementations: ./node-postgres.ts (a `pg` Pool: a PostgreSQL server) and ./pglite.ts
 * (PGlite: PostgreSQL compiled to WASM, in this process). The SQL is the same on both.
 */
import type { Row } from './marshal.js';

export interface SqlResult {
  rows: Row[];
  /** Rows inserted, updated or deleted by the statement. */
  rowCount: number;
}

/** One statement with `$n` parameters. */
export type Query = (text: string, params?: readonly unknown[]) => Promise<SqlResult>;

/** A transaction's connection: parameterised statements, and scripts of several statements (DDL). */
export interface SqlTransaction {
  query: Query;
  exec(script: string): Promise<void>;
}

/** What the change feed receives from the listening connection. */
export interface ChannelListener {
  /** One NOTIFY payload on the channel. */
  notify(payload: string): void;
  /** The connection is listening (true) or lost (false; it reconnects by itself). */
  live(isLive: boolean): void;
}

export interface SqlDriver {
  readonly kind: 'postgres' | 'pglite';
  query: Query;
  /** Run `body` in one transaction on one connection: committed when it resolves, rolled back when it throws. */
  transaction<T>(body: (tx: SqlTransaction) => Promise<T>): Promise<T>;
  /** Keep ONE connection listening on `channel` (reconnecting when it drops) until the returned function is called. */
  listen(channel: string, listener: ChannelListener): () => Promise<void>;
}
