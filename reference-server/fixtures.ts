/**
 * The fixture tools of the reference server. They live in the library (`mcp-tasks/fixtures`,
 * src/fixtures/) so any server built on `withTasks` can offer them; their behaviour is documented
 * in ONE place, reference-server/FIXTURES.md.
 */
import { registerConformanceFixtures } from '../src/fixtures/index.js';
import type { TasksServer } from '../src/index.js';

export { FIXTURE_TOOLS, MAX_DELAY_MS, THROW_ERROR_DEFAULT_CODE } from '../src/fixtures/index.js';

/** Register every fixture tool on a `TasksServer` (kept for callers of the reference server's API). */
export function registerFixtures(tasks: TasksServer): void {
  registerConformanceFixtures(tasks);
}
