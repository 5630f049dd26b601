/**
 * runClientConformance: for each scenario, start a scripted server, run the client command
 * against it, stop the server; then judge every requestor check from the recordings.
 */
import type { CheckResult, WireExchange } from '../core/check.js';
import { EVIDENCE_LIMIT } from '../core/html.js';
import type { ClientCheck, Evidence, ScenarioRun } from './check.js';
import { CLIENT_CHECKS } from './checks/index.js';
import { declaredReceiverRequests } from './receiver-wire.js';
import { buildClientReport, type ClientReport } from './report.js';
import { runClientCommand } from './run-client.js';
import { SCENARIOS, type Scenario } from './scenarios.js';
import { startScriptedServer } from './scripted-server.js';
import { Wire } from './wire.js';

export interface ClientConformanceOptions {
  /** The client program, run through the shell once per scenario. */
  command: string;
  /** Scenario names (default: all). */
  scenarios?: readonly string[];
  /** The pollInterval the scripted server gives (default 250 ms). */
  pollIntervalMs?: number;
  /** Time one client run may take before it is killed (default 20 000 ms). */
  timeoutMs?: number;
  /** Called as each scenario ends (CLI progress). */
  onScenario?: (run: ScenarioRun) => void;
}

export const DEFAULT_POLL_INTERVAL_MS = 250;
export const DEFAULT_CLIENT_TIMEOUT_MS = 20_000;

export async function runClientConformance(options: ClientConformanceOptions): Promise<ClientReport> {
  const startedAt = new Date();
  const pollIntervalMs = options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
  const chosen = options.scenarios ? SCENARIOS.filter((s) => options.scenarios!.includes(s.name)) : SCENARIOS;
  const runs: ScenarioRun[] = [];
  for (const scenario of chosen) {
    if (scenario.receiver && !mayReceive(runs)) continue;
    const run = await runScenario(options.command, scenario, pollIntervalMs, options.timeoutMs ?? DEFAULT_CLIENT_TIMEOUT_MS);
    runs.push(run);
    options.onScenario?.(run);
  }
  const evidence: Evidence = { runs, pollIntervalMs };
  return buildClientReport({ command: options.command, startedAt, evidence, results: CLIENT_CHECKS.map((c) => judge(c, evidence)) });
}

/**
 * The receiver scenario is played only by a client that declares a task-augmentable request; the
 * earlier runs' initialize says whether it does. Without earlier runs it is played (the probe
 * tool sends nothing to a client that declares nothing).
 */
function mayReceive(runs: readonly ScenarioRun[]): boolean {
  const declared = runs.map((r) => r.wire.initialize).filter((init) => init !== undefined);
  return declared.length === 0 || declared.some((init) => declaredReceiverRequests(init.capabilities).length > 0);
}

async function runScenario(command: string, scenario: Scenario, pollIntervalMs: number, timeoutMs: number): Promise<ScenarioRun> {
  const server = await startScriptedServer({ pollIntervalMs, quiet: scenario.quiet === true });
  try {
    const exit = await runClientCommand(command, scenario, server.url, timeoutMs);
    return { scenario, exit, wire: new Wire([...server.recorder.entries]), dropped: server.recorder.dropped };
  } finally {
    await server.close();
  }
}

/** One check's result; a check that throws is reported as failed, with its error. */
export function judge(check: ClientCheck, evidence: Evidence): CheckResult {
  const started = performance.now();
  const info = { id: check.id, rule: check.rule, level: check.level, area: check.area, title: check.title };
  let outcome;
  try {
    outcome = check.judge(evidence);
  } catch (error) {
    outcome = { status: 'fail' as const, observed: `the check threw: ${(error as Error).message}`, expected: 'a verdict' };
  }
  const { status, ...details } = outcome;
  const wire = status === 'fail' || status === 'warn' ? recordedWire(evidence) : undefined;
  return { ...info, status, ...details, durationMs: Math.round(performance.now() - started), ...(wire && { wire }) };
}

/**
 * A failed requestor check's evidence: the checks judge every scenario's recording, so all of
 * them, each session named by its scenario, at most EVIDENCE_LIMIT messages.
 */
function recordedWire(evidence: Evidence): WireExchange[] {
  return evidence.runs
    .flatMap((run) =>
      run.wire.entries.map((e) => ({
        t: e.t,
        session: `${run.scenario.name}/${e.session}`,
        from: e.dir === 'in' ? ('client' as const) : ('server' as const),
        message: e.message,
      })),
    )
    .slice(0, EVIDENCE_LIMIT);
}
