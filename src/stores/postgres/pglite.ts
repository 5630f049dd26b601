/**
 * The `SqlDriver` on PGlite (`@electric-sql/pglite`): PostgreSQL compiled to WASM, running in
 * this process on a data directory (or in memory). One PGlite instance per data directory, and
 * one process per instance: every store on it is in this process, so its LISTEN is in-process
 * and always live. The PGlite instance is the caller's; the store never closes it. The types
 * below are the members the store uses, so PGlite is needed only by whoever creates the instance.
 */
import type { ChannelListener, SqlDriver, SqlResult, SqlTransaction } from './driver.js';
import type { Row } from './marshal.js';

interface PgliteResultLike {
  rows: Row[];
  affectedRows?: number;
}

interface PgliteQueryable {
  query(text: string, params?: unknown[]): Promise<PgliteResultLike>;
  exec(script: string): Promise<unknown>;
}

/** The members of a `PGlite` instance the store uses. */
export interface PgliteLike extends PgliteQueryable {
  transaction<T>(body: (tx: PgliteQueryable) => Promise<T>): Promise<T>;
  listen(channel: string, callback: (payload: string) => void): Promise<() => Promise<void>>;
}

export class PgliteDriver implements SqlDriver {
  readonly kind = 'pglite' as const;
  readonly #db: PgliteLike;

  constructor(db: PgliteLike) {
    this.#db = db;
  }

  query = async (text: string, params: readonly unknown[] = []): Promise<SqlResult> => {
    const result = await this.#db.query(text, [...params]);
    return { rows: result.rows, rowCount: result.affectedRows ?? 0 };
  };

  transaction<T>(body: (tx: SqlTransaction) => Promise<T>): Promise<T> {
    return this.#db.transaction((tx) =>
      body({
        query: async (text, params = []) => {
          const result = await tx.query(text, [...params]);
          return { rows: result.rows, rowCount: result.affectedRows ?? 0 };
        },
        exec: async (script) => void (await tx.exec(script)),
      }),
    );
  }

  listen(channel: string, listener: ChannelListener): () => Promise<void> {
    let stopped = false;
    const subscribed = this.#db.listen(channel, (payload) => {
      if (!stopped) listener.notify(payload);
    });
    void subscribed.then(
      () => {
        if (!stopped) listener.live(true);
      },
      () => undefined, // a closed instance: the feed stays down
    );
    return async () => {
      stopped = true;
      const unsubscribe = await subscribed.catch(() => undefined);
      await unsubscribe?.().catch(() => undefined);
    };
  }
}
