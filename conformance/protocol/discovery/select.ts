/**
 * Which tool a check gets for a role: the documented fixture tools first (a fast path, their
 * behaviour is known exactly), then the operator's configuration, then what discovery observed.
 * Also the forbidden tools that are safe to call (R11): annotated `readOnlyHint: true`, or listed
 * with `--allow-tool` (config `allowTools`): calling a forbidden tool runs it.
 */
import { isObject, type Json } from '../../core/json.js';
import { FIXTURE_NAMES } from '../run-state.js';
import type { Discovery, Role, RoleTool } from './roles.js';
import { synthesizeArguments } from './synthesize.js';

export interface ToolLike {
  name: string;
  taskSupport: unknown;
  raw: Json;
}

/** The fixture tool (and arguments) filling `role` when the server offers it. `ms`: the wanted duration. */
export function fixtureFor(role: Role, has: (name: string) => boolean, ms = 0): { name: string; args: Json } | undefined {
  switch (role) {
    case 'completes':
      for (const name of ['support_optional', 'support_required']) if (has(name)) return { name, args: {} };
      return has('delay') ? { name: 'delay', args: { ms: 0 } } : undefined;
    case 'long':
      if (has('delay')) return { name: 'delay', args: { ms } };
      return has('until_cancelled') ? { name: 'until_cancelled', args: { maxMs: ms } } : undefined;
    case 'input':
      return has('ask_input') ? { name: 'ask_input', args: { message: 'conformance: what is your answer?' } } : undefined;
    case 'fails':
      return has('fail_result') ? { name: 'fail_result', args: { text: 'conformance: isError result' } } : undefined;
    case 'errors':
      return has('throw_error') ? { name: 'throw_error', args: { message: 'conformance: deliberate failure', code: -32050 } } : undefined;
  }
}

/** The roles the fixtures fill (discovery need not probe for them). */
export function rolesCoveredByFixtures(has: (name: string) => boolean): Set<Role> {
  return new Set((['completes', 'long', 'input', 'fails', 'errors'] as const).filter((r) => fixtureFor(r, has, 1_000)));
}

export function roleFromDiscovery(discovery: Discovery | undefined, role: Role): RoleTool | undefined {
  return discovery?.roles[role];
}

export const isTaskCapable = (t: ToolLike) => t.taskSupport === 'optional' || t.taskSupport === 'required';
export const isFixtureName = (name: string) => (FIXTURE_NAMES as readonly string[]).includes(name);

const readOnly = (t: ToolLike) => isObject(t.raw.annotations) && t.raw.annotations.readOnlyHint === true;

/** A forbidden tool the kit may call (read-only, or allowed by the operator), with arguments. */
export function safeForbiddenTool(
  tools: readonly ToolLike[],
  allowed: readonly string[],
): { name: string; args: Json; why: string } | undefined {
  const forbidden = tools.filter((t) => !isTaskCapable(t) && !isFixtureName(t.name));
  const pick = forbidden.find((t) => allowed.includes(t.name)) ?? forbidden.find(readOnly);
  if (!pick) return undefined;
  return {
    name: pick.name,
    args: synthesizeArguments(pick.raw.inputSchema).args,
    why: allowed.includes(pick.name) ? '--allow-tool' : 'readOnlyHint',
  };
}

/** The skip reason when no forbidden tool is safe to call. */
export function forbiddenSkipReason(tools: readonly ToolLike[]): string {
  const forbidden = tools.filter((t) => !isTaskCapable(t)).map((t) => t.name);
  const found = forbidden.length
    ? `candidates (not annotated readOnlyHint: true): ${forbidden.join(', ')}`
    : 'the server lists no forbidden tool';
  return `no forbidden tool known to be safe to call: pass --allow-tool NAME (config key allowTools) for a tool without side effects; ${found}`;
}
