/** The SAME store conformance suite, against PostgresTaskStore embedded on PGlite (WASM PostgreSQL in this process). */
import { after } from 'node:test';
import { runStoreConformance } from '../../conformance/index.js';
import { startPglite } from './pglite-harness.js';

const pglite = await startPglite();
after(() => pglite.stop());

runStoreConformance({
  name: 'PostgresTaskStore (PGlite)',
  factory: ({ clock, security }) => pglite.openStore({ clock, ...(security && { security }) }),
});
