/**
 * The `SqlDriver` on a node-postgres (`pg`) Pool. The pool is the caller's (size, TLS,
 * credentials, statement timeout); the store never ends it. The types below are the few members
 * of `pg` the store uses, so `mcp-tasks/postgres` needs neither `pg` nor its types at run time
 * or compile time: a `pg.Pool` fits them.
 *
 * The change feed holds ONE of the pool's connections for LISTEN (size the pool one larger).
 * When that connection fails (server restart, `pg_terminate_backend`, network), it is discarded
 * and a new one is taken after a backoff of 100 ms doubling to 5 s, reset once listening again.
 */
import { createHash } from 'node:crypto';
import type { ChannelListener, SqlDriver, SqlResult, SqlTransaction } from './driver.js';
import type { Row } from './marshal.js';

interface PgQueryConfig {
  text: string;
  values?: unknown[];
  name?: string;
}

interface PgResultLike {
  rows: Row[];
  rowCount: number | null;
}

/** The members of a `pg` PoolClient the store uses. */
export interface PgClientLike {
  query(config: PgQueryConfig): Promise<PgResultLike>;
  release(destroy?: boolean | Error): void;
  on(event: 'notification', listener: (message: { channel: string; payload?: string | undefined }) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
}

/** The members of a `pg` Pool the store uses. */
export interface PgPoolLike {
  query(config: PgQueryConfig): Promise<PgResultLike>;
  connect(): Promise<PgClientLike>;
  on(event: 'error', listener: (error: Error, client: unknown) => void): unknown;
  removeListener(event: 'error', listener: (error: Error, client: unknown) => void): unknown;
}

const RECONNECT_FIRST_MS = 100;
const RECONNECT_MAX_MS = 5_000;
/** Statements are prepared once per connection under a name derived from their text; at most this many names. */
const MAX_PREPARED = 2_000;

export class NodePostgresDriver implements SqlDriver {
  readonly kind = 'postgres' as const;
  readonly #pool: PgPoolLike;
  readonly #names = new Map<string, string>();

  constructor(pool: PgPoolLike) {
    this.#pool = pool;
  }

  query = async (text: string, params: readonly unknown[] = []): Promise<SqlResult> => {
    const result = await this.#pool.query({ text, values: [...params], ...this.#prepared(text) });
    return { rows: result.rows, rowCount: result.rowCount ?? 0 };
  };

  async transaction<T>(body: (tx: SqlTransaction) => Promise<T>): Promise<T> {
    const client = await this.#pool.connect();
    const tx: SqlTransaction = {
      query: async (text, params = []) => {
        const result = await client.query({ text, values: [...params] });
        return { rows: result.rows, rowCount: result.rowCount ?? 0 };
      },
      // A query without parameters goes through the simple protocol, which runs several statements.
      exec: async (script) => void (await client.query({ text: script })),
    };
    try {
      await client.query({ text: 'BEGIN' });
      const value = await body(tx);
      await client.query({ text: 'COMMIT' });
      client.release();
      return value;
    } catch (error) {
      await client.query({ text: 'ROLLBACK' }).catch(() => undefined);
      client.release(error instanceof Error ? error : true);
      throw error;
    }
  }

  listen(channel: string, listener: ChannelListener): () => Promise<void> {
    let stopped = false;
    let current: { client: PgClientLike; discard(error?: Error): void } | undefined;
    let timer: NodeJS.Timeout | undefined;
    let delay = RECONNECT_FIRST_MS;
    const retry = (): void => {
      if (stopped) return;
      timer = setTimeout(() => void connect(), delay);
      timer.unref();
      delay = Math.min(delay * 2, RECONNECT_MAX_MS);
    };
    const connect = async (): Promise<void> => {
      let client: PgClientLike;
      try {
        client = await this.#pool.connect();
      } catch {
        return retry();
      }
      let released = false;
      const discard = (error?: Error): void => {
        if (released) return;
        released = true;
        if (current?.client === client) {
          current = undefined;
          listener.live(false);
        }
        client.release(error ?? true); // destroys the connection: never back into the pool
        retry();
      };
      client.on('error', discard);
      client.on('end', () => discard());
      client.on('notification', (message) => {
        if (message.channel === channel && message.payload !== undefined) listener.notify(message.payload);
      });
      try {
        await client.query({ text: `LISTEN "${channel}"` });
      } catch (error) {
        return discard(error as Error);
      }
      if (released) return;
      if (stopped) return discard();
      current = { client, discard };
      delay = RECONNECT_FIRST_MS;
      listener.live(true);
    };
    void connect();
    return async () => {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      current?.discard();
    };
  }

  /** A name for `text`, so each connection parses and plans it once (statements are a small fixed set). */
  #prepared(text: string): { name?: string } {
    let name = this.#names.get(text);
    if (name === undefined) {
      if (this.#names.size >= MAX_PREPARED) return {};
      name = `mcp_tasks_${createHash('sha256').update(text).digest('base64url').slice(0, 24)}`;
      this.#names.set(text, name);
    }
    return { name };
  }
}
