/** Lease rules (test/stores/lease-suite.ts) on the in-memory store. */
import { InMemoryTaskStore } from '../../src/stores/memory.js';
import { runLeaseSuite } from './lease-suite.js';

runLeaseSuite('InMemoryTaskStore', async (clock) => new InMemoryTaskStore({ clock }));
