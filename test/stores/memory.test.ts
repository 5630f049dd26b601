import { runStoreConformance } from '../../conformance/index.js';
import { InMemoryTaskStore } from '../../src/stores/memory.js';

runStoreConformance({
  name: 'InMemoryTaskStore',
  factory: ({ clock, security }) => new InMemoryTaskStore({ clock, ...(security && { security }) }),
});
