/**
 * Roles a check can ask for, filled from what the probes observed (never from names): a tool that
 * `completes`; a `long` one (runs long enough to be cancelled or waited on); one that asks for
 * `input`; one that `fails` with an isError result; one that `errors` with a JSON-RPC error.
 * The operator's configuration (`--tool-role`, config `roles`) wins over discovery.
 */
import type { Json } from '../../core/json.js';
import type { WireSession } from '../session.js';
import { probeCancel, probeTool, type Probe } from './probe.js';
import { synthesizeArguments, type Synthesized } from './synthesize.js';

export const ROLES = ['completes', 'long', 'input', 'fails', 'errors'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_MEANING: Readonly<Record<Role, string>> = {
  completes: 'task-capable tool that completes',
  long: 'task-capable tool that runs for a second or more (to be waited on or cancelled)',
  input: 'task-capable tool that asks for input (enters input_required)',
  fails: 'task-capable tool whose result has isError: true',
  errors: 'task-capable tool that ends in a JSON-RPC error',
};

/** A long tool must run at least this long to be waited on (result.blocks sleeps 300 ms). */
export const LONG_MIN_MS = 1_000;

export interface RoleTool {
  name: string;
  args: Json;
  source: 'config' | 'discovered';
  /** Observed: from the CreateTaskResult to terminal (absent when it ran past the probe). */
  durationMs?: number;
  progress?: boolean;
  cancelHonoured?: boolean;
  /** For `input`: the probe's task failed after the kit answered it (what the kit said, what the server said). */
  failedAfterAnswer?: string;
}

export interface Candidate {
  name: string;
  synthesized: Synthesized;
}

export interface Discovery {
  roles: Partial<Record<Role, RoleTool>>;
  candidates: Candidate[];
  probes: Probe[];
  /** The largest pollInterval any probed task announced (ms). */
  pollIntervalMs?: number;
  /** How long the probes took together. */
  probeMs: number;
}

export interface DiscoverInput {
  session: WireSession;
  /** Task-capable tools (taskSupport optional or required) with their inputSchema. */
  tools: { name: string; inputSchema: unknown }[];
  configured: Partial<Record<Role, { name: string; args: Json }>>;
  /** Roles the fixtures already fill: not probed for. */
  covered: ReadonlySet<Role>;
  budgetMs: number;
}

const MAX_PROBED = 12;

/** Probe every task-capable tool once (concurrently) and assign the roles. */
export async function discoverRoles(input: DiscoverInput): Promise<Discovery> {
  const started = Date.now();
  const roles: Partial<Record<Role, RoleTool>> = {};
  for (const role of ROLES) {
    const given = input.configured[role];
    if (given) roles[role] = { name: given.name, args: given.args, source: 'config' };
  }
  const candidates: Candidate[] = input.tools
    .slice(0, MAX_PROBED)
    .map((t) => ({ name: t.name, synthesized: synthesizeArguments(t.inputSchema, 'short') }));
  const missing = ROLES.filter((r) => !roles[r] && !input.covered.has(r));
  if (!missing.length || !candidates.length) return { roles, candidates, probes: [], probeMs: 0 };
  const runs = candidates.flatMap((c) => {
    const list = [probeTool(input.session, c.name, c.synthesized.args, { budgetMs: input.budgetMs })];
    const long = c.synthesized.hasDuration
      ? synthesizeArguments(input.tools.find((t) => t.name === c.name)?.inputSchema, 'long')
      : undefined;
    if (long && JSON.stringify(long.args) !== JSON.stringify(c.synthesized.args))
      list.push(probeTool(input.session, c.name, long.args, { budgetMs: input.budgetMs }));
    return list;
  });
  const probes = await Promise.all(runs);
  assign(roles, probes);
  const long = roles.long;
  if (long?.source === 'discovered' && long.cancelHonoured === undefined)
    long.cancelHonoured = await probeCancel(input.session, long.name, long.args, 300);
  const intervals = probes.map((p) => p.pollInterval).filter((n): n is number => typeof n === 'number');
  return { roles, candidates, probes, probeMs: Date.now() - started, ...(intervals.length && { pollIntervalMs: Math.max(...intervals) }) };
}

function fromProbe(p: Probe): RoleTool {
  const failedAfterAnswer = p.outcome === 'failed' && p.answered?.length ? afterAnswer(p) : undefined;
  return {
    name: p.tool,
    args: p.args,
    source: 'discovered',
    progress: p.progress,
    ...(p.durationMs !== undefined && { durationMs: p.durationMs }),
    ...(p.cancelHonoured !== undefined && { cancelHonoured: p.cancelHonoured }),
    ...(failedAfterAnswer && { failedAfterAnswer }),
  };
}

/** A failure that followed the kit's own answer, said as such (never passed off as the tool's). */
function afterAnswer(p: Probe): string {
  const said = p.failureMessage ? `: ${JSON.stringify(p.failureMessage)}` : '';
  return `failed after the kit's answer (${(p.answered ?? []).join('; ')}), so the server may have refused the kit's answer${said}; --answer TEXT sets the text fields of a form`;
}

/**
 * Fill the roles not configured from the observations. A tool seen asking for input is the
 * `input` tool, even when its task then failed (the kit's answer may have been refused: the input
 * checks still see the question), and never the `fails`, `errors` or `long` tool: how it ends or how
 * long it waits depends on the kit's answer, not on the tool alone.
 */
export function assign(roles: Partial<Record<Role, RoleTool>>, probes: readonly Probe[]): void {
  const byDuration = (x: Probe, y: Probe) => (x.durationMs ?? Infinity) - (y.durationMs ?? Infinity);
  const completed = probes.filter((p) => p.outcome === 'completed').sort(byDuration);
  const plain = completed.filter((p) => !p.inputRequired);
  const own = probes.filter((p) => !p.inputRequired);
  const pick = (role: Role, p: Probe | undefined) => {
    if (!roles[role] && p) roles[role] = fromProbe(p);
  };
  pick('completes', plain[0]);
  // Long: the longest tool that completes, else one that ran past the probe and honoured cancel.
  pick(
    'long',
    plain.filter((p) => (p.durationMs ?? 0) >= LONG_MIN_MS).at(-1) ?? own.find((p) => p.outcome === 'running' && p.cancelHonoured),
  );
  pick('input', completed.find((p) => p.inputRequired) ?? probes.find((p) => p.inputRequired));
  pick(
    'fails',
    own.find((p) => p.outcome === 'failed' && p.failure === 'is-error'),
  );
  pick(
    'errors',
    own.find((p) => p.outcome === 'failed' && p.failure === 'jsonrpc-error'),
  );
}

/** The roles as one report line: `completes=lookup (20 ms), long=build (4196 ms, progress), …`. */
export function describeRoles(discovery: Discovery | undefined): string | undefined {
  const filled = ROLES.filter((r) => discovery?.roles[r]).map((r) => {
    const t = discovery!.roles[r]!;
    const notes = [
      t.source === 'config' ? 'configured' : t.durationMs !== undefined ? `${t.durationMs} ms` : 'runs until cancelled',
      t.progress && 'progress',
      t.failedAfterAnswer,
    ].filter(Boolean);
    return `${r}=${t.name} (${notes.join(', ')})`;
  });
  if (!discovery || (!filled.length && !discovery.probes.length)) return undefined;
  return `discovered roles: ${filled.join(', ') || 'none'} (${discovery.probes.length} probe(s), ${discovery.probeMs} ms)`;
}

/** One line per candidate for a skip message: what the kit found and what it observed. */
export function describeCandidates(discovery: Discovery | undefined): string {
  if (!discovery?.candidates.length) return 'the server lists no task-capable tool';
  return discovery.candidates
    .map((c) => {
      const seen = discovery.probes.filter((p) => p.tool === c.name).map(describeProbe);
      return `${c.name} ${JSON.stringify(c.synthesized.args)}${c.synthesized.valid ? '' : ` (guess not valid: ${c.synthesized.problem ?? '?'})`}: ${seen.join('; ') || 'not probed'}`;
    })
    .join(', ');
}

function describeProbe(p: Probe): string {
  if (p.outcome === 'refused') return `refused (${p.problem ?? '?'})`;
  if (p.outcome === 'running') return `still running after the probe${p.cancelHonoured ? ', cancel honoured' : ''}`;
  const extras = [p.inputRequired && 'asked for input', p.progress && 'progress', p.failure].filter(Boolean).join(', ');
  const cause = p.outcome === 'failed' && p.answered?.length ? `: ${afterAnswer(p)}` : '';
  return `${p.outcome} in ${p.durationMs ?? '?'} ms${extras ? ` (${extras})` : ''}${cause}`;
}

/** The skip reason for a role nobody fills: the flag, the config key, and the candidates. */
export function roleSkipReason(role: Role, discovery: Discovery | undefined): string {
  return `no ${ROLE_MEANING[role]} was found: pass --tool-role ${role}=NAME[:JSON] (config key roles.${role}); candidates: ${describeCandidates(discovery)}`;
}
