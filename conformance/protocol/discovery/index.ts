/**
 * Zero-config discovery, run once after `tools/list`: probe the task-capable tools the fixtures
 * and the configuration do not already cover, and derive how long a task may take on this server.
 */
import type { ResolvedOptions, ServerFacts } from '../context.js';
import type { WireSession } from '../session.js';
import { discoverRoles, type Discovery } from './roles.js';
import { isTaskCapable, rolesCoveredByFixtures } from './select.js';

export { ROLES, ROLE_MEANING, type Discovery, type Role, type RoleTool } from './roles.js';
export { synthesizeArguments, type Synthesized } from './synthesize.js';

/** Probe the server's task-capable tools (when it declares task-augmented tools/call). */
export async function discoverServer(
  run: { facts: ServerFacts; options: ResolvedOptions },
  session: WireSession,
): Promise<Discovery | undefined> {
  const tasks = run.facts.capabilities?.tasks as Record<string, unknown> | undefined;
  const requests = tasks?.requests as { tools?: { call?: unknown } } | undefined;
  if (requests?.tools?.call === undefined || requests.tools.call === null) return undefined;
  const names = new Set(run.facts.tools.map((t) => t.name));
  const covered = rolesCoveredByFixtures((n) => names.has(n));
  if (run.options.tool) covered.add('completes');
  const tools = run.facts.tools.filter(isTaskCapable).map((t) => ({ name: t.name, inputSchema: t.raw.inputSchema }));
  return discoverRoles({ session, tools, configured: run.options.roles, covered, budgetMs: run.options.probeBudgetMs });
}

/**
 * How long to wait for a task to end on this server: three times the slowest tool observed (a
 * loaded server may be slower than when probed), plus a few poll intervals.
 */
export function waitBudget(discovery: Discovery | undefined): number {
  if (!discovery) return 0;
  const durations = Object.values(discovery.roles).map((r) => r?.durationMs ?? 0);
  const slowest = Math.max(0, ...durations);
  return Math.round(3 * slowest + 4 * (discovery.pollIntervalMs ?? 0));
}
