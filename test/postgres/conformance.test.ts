/** The SAME store conformance suite the memory store passes, against PostgresTaskStore on a real PostgreSQL server. */
import { after } from 'node:test';
import { runStoreConformance } from '../../conformance/index.js';
import { startPostgres } from './harness.js';

const postgres = await startPostgres();
after(() => postgres.stop());

runStoreConformance({
  name: 'PostgresTaskStore (PostgreSQL)',
  factory: ({ clock, security }) => postgres.openStore({ clock, ...(security && { security }) }),
});
