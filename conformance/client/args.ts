/**
 * The flags of `mcp-tasks-conformance client` (node:util parseArgs) -> ClientConformanceOptions.
 * Every refusal is a UsageError naming the flag (exit code 2).
 */
import { parseArgs } from 'node:util';
import { UsageError } from '../core/cli.js';
import type { ClientConformanceOptions } from './runner.js';
import { CLIENT_ENV, SCENARIO_NAMES, SCENARIOS } from './scenarios.js';

export const CLIENT_USAGE = `Usage: mcp-tasks-conformance client --command "COMMAND" [options]

Checks an MCP client's Tasks behaviour as a requestor (spec 2025-11-25). For each scenario the kit
starts a scripted MCP server (Streamable HTTP on 127.0.0.1) and runs COMMAND through the shell with:
  ${CLIENT_ENV.url}       the server's URL
  ${CLIENT_ENV.scenario}  the scenario name
  ${CLIENT_ENV.tool}      the tool to call, ${CLIENT_ENV.args} its arguments (JSON)
then judges the recorded wire.

Scenarios:
${SCENARIOS.map((s) => `  ${s.name.padEnd(10)} ${s.tool}: ${s.task}`).join('\n')}

Options:
  --command "COMMAND"        the client program (required)
  --scenarios LIST           comma-separated scenario names (default: all)
  --poll-interval-ms N       the pollInterval the server gives (default 250)
  --timeout-ms N             time one client run may take before it is killed (default 20000)
  --json FILE                write the full results as JSON
  --junit FILE               write the results as JUnit XML, for CI
  --html FILE                write a self-contained HTML report (failed checks with their wire)
  --quiet                    print only failures, warnings, inconclusive results and the summary
  --strict                   exit 1 also when a check warns (a SHOULD not met) or a SHOULD fails
  -h, --help                 print this help

Exit codes: 0 no MUST check failed, 1 a MUST check failed (--strict: or any check failed or warned), 2 usage error.`;

const FLAGS = {
  command: { type: 'string' },
  scenarios: { type: 'string' },
  'poll-interval-ms': { type: 'string' },
  'timeout-ms': { type: 'string' },
  json: { type: 'string' },
  junit: { type: 'string' },
  html: { type: 'string' },
  quiet: { type: 'boolean' },
  strict: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export type ClientParsed =
  { options: ClientConformanceOptions; json?: string; junit?: string; html?: string; quiet: boolean; strict: boolean } | 'help';

export function parseClientArgs(argv: string[]): ClientParsed {
  let values: { [K in keyof typeof FLAGS]?: (typeof FLAGS)[K]['type'] extends 'boolean' ? boolean : string };
  try {
    values = parseArgs({ args: argv, strict: true, allowPositionals: false, options: FLAGS }).values;
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0]);
  }
  if (values.help) return 'help';
  if (!values.command?.trim()) throw new UsageError('client: give the client program with --command "COMMAND"');
  const options: ClientConformanceOptions = { command: values.command };
  if (values.scenarios !== undefined) {
    const names = values.scenarios
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const unknown = names.filter((n) => !SCENARIO_NAMES.includes(n));
    if (names.length === 0 || unknown.length)
      throw new UsageError(`--scenarios: unknown ${JSON.stringify(unknown.join(','))}; the scenarios are ${SCENARIO_NAMES.join(', ')}`);
    options.scenarios = names;
  }
  const poll = integer('--poll-interval-ms', values['poll-interval-ms'], 10);
  const timeout = integer('--timeout-ms', values['timeout-ms'], 1000);
  if (poll !== undefined) options.pollIntervalMs = poll;
  if (timeout !== undefined) options.timeoutMs = timeout;
  return {
    options,
    quiet: values.quiet === true,
    strict: values.strict === true,
    ...(values.json !== undefined && { json: values.json }),
    ...(values.junit !== undefined && { junit: values.junit }),
    ...(values.html !== undefined && { html: values.html }),
  };
}

function integer(flag: string, raw: string | undefined, min: number): number | undefined {
  if (raw === undefined) return undefined;
  const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(n) || n < min) throw new UsageError(`${flag} must be an integer >= ${min}, got ${JSON.stringify(raw)}`);
  return n;
}
