#!/usr/bin/env node
/**
 * `mcp-tasks-conformance`: parse the flags, run the protocol conformance suite, print progress and
 * the report. Exit 0 only if no MUST check failed (1 otherwise); 2 for a usage error.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { AREAS } from './protocol/check.js';
import { PROTOCOL_CHECKS } from './protocol/checks/index.js';
import { ConsoleReporter } from './protocol/console.js';
import { toJUnitXml } from './protocol/junit.js';
import { exitCodeOf } from './protocol/report.js';
import { ProtocolRun, selectChecks, type ProtocolConformanceOptions } from './protocol/runner.js';
import { parseIdentity, splitCommandLine } from './protocol/target.js';
import { ConfigError, loadConfig, parseToolRole } from './protocol/discovery/config.js';
import { describeRoles } from './protocol/discovery/roles.js';

const USAGE = `Usage: mcp-tasks-conformance (--url URL | --stdio "COMMAND") [options]

Checks an MCP server's Tasks utility (spec 2025-11-25) from the outside, as a real MCP client.

Target (one of):
  --url URL                  a Streamable HTTP endpoint, e.g. http://127.0.0.1:3000/mcp
  --stdio "COMMAND"          spawn the server and talk over stdin/stdout, e.g. "node server.js --stdio"

Identities (url only):
  --auth-a VALUE             identity A: a bearer token, or "Header: value" (repeat for several headers)
  --auth-b VALUE             identity B (another owner): enables the owner-isolation checks

Knowledge of the server (all optional):
  --tool NAME                a task-capable tool that completes (for servers without the fixture tools)
  --args JSON                its arguments (default {})
  --max-tasks-per-owner N    the server's limit of active tasks per requestor
  --max-ttl-ms N             the server's maximum ttl
  --answer TEXT              what to answer to elicitations (default "conformance-answer")
  --tool-role ROLE=NAME[:JSON]  the tool (and arguments) for a role discovery did not fill:
                             completes, long, input, fails, errors (repeatable)
  --allow-tool NAME          a forbidden tool without side effects the kit may call (R11; repeatable)
  --config FILE              JSON: roles, tokens, limits, allowTools, answer, timeoutMs, probeBudgetMs
                             (flags win over the file; see conformance/README.md)

Run:
  --only LIST                comma-separated check ids, rules (R13) or areas (listing)
  --timeout-ms N             time limit of one check (default 15000)
  --json FILE                write the full results as JSON
  --junit FILE               write the results as JUnit XML (one testsuite per area), for CI
  --quiet                    print only failures, warnings and the summary
  --list                     list the checks and exit
  -h, --help                 print this help

Exit codes: 0 no MUST check failed, 1 a MUST check failed, 2 usage error.`;

class UsageError extends Error {}

function parse(argv: string[]): { options: ProtocolConformanceOptions; json?: string; junit?: string; quiet: boolean } | 'help' | 'list' {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        url: { type: 'string' },
        stdio: { type: 'string' },
        'auth-a': { type: 'string', multiple: true },
        'auth-b': { type: 'string', multiple: true },
        tool: { type: 'string' },
        args: { type: 'string' },
        'max-tasks-per-owner': { type: 'string' },
        'max-ttl-ms': { type: 'string' },
        answer: { type: 'string' },
        'tool-role': { type: 'string', multiple: true },
        'allow-tool': { type: 'string', multiple: true },
        config: { type: 'string' },
        only: { type: 'string' },
        'timeout-ms': { type: 'string' },
        json: { type: 'string' },
        junit: { type: 'string' },
        quiet: { type: 'boolean' },
        list: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0]);
  }
  if (values.help) return 'help';
  if (values.list) return 'list';
  if ((values.url === undefined) === (values.stdio === undefined)) throw new UsageError('give exactly one target: --url URL or --stdio "COMMAND"');
  let target: ProtocolConformanceOptions['target'];
  if (values.url !== undefined) {
    try {
      const url = new URL(values.url);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error();
    } catch {
      throw new UsageError(`--url must be an http(s) URL, got ${JSON.stringify(values.url)}`);
    }
    target = { url: values.url };
  } else {
    try {
      if (splitCommandLine(values.stdio!).length === 0) throw new Error('the command is empty');
    } catch (error) {
      throw new UsageError(`--stdio: ${(error as Error).message}`);
    }
    target = { stdio: values.stdio! };
    if (values['auth-a'] || values['auth-b']) throw new UsageError('--auth-a/--auth-b apply to --url only: a stdio server has one client and no authentication');
  }
  let config;
  try {
    config = values.config === undefined ? {} : loadConfig(values.config);
    for (const v of values['tool-role'] ?? []) {
      const { role, name, args } = parseToolRole(v);
      config.roles = { ...config.roles, [role]: { name, args } };
    }
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
  if ('stdio' in target && (config.authA || config.authB)) throw new UsageError('--config tokens apply to --url only: a stdio server has one client and no authentication');
  const { authA: configA, authB: configB, ...fromConfig } = config;
  const options: ProtocolConformanceOptions = { target, ...fromConfig };
  if (values['allow-tool']) options.allowTools = [...(config.allowTools ?? []), ...values['allow-tool']];
  const identity = (flag: string, v: string[] | undefined) => {
    if (!v) return undefined;
    try {
      return parseIdentity(v);
    } catch (error) {
      throw new UsageError(`${flag}: ${(error as Error).message}`);
    }
  };
  const asList = (v: string | string[] | undefined) => (v === undefined ? undefined : typeof v === 'string' ? [v] : v);
  const a = identity('--auth-a', values['auth-a'] ?? asList(configA));
  const b = identity('--auth-b', values['auth-b'] ?? asList(configB));
  if (b && !a) throw new UsageError('--auth-b needs --auth-a');
  if (a) options.authA = a;
  if (b) options.authB = b;
  if (values.args !== undefined && values.tool === undefined) throw new UsageError('--args needs --tool');
  if (values.tool !== undefined) {
    let args: unknown = {};
    if (values.args !== undefined) {
      try {
        args = JSON.parse(values.args);
      } catch {
        throw new UsageError('--args must be a JSON object');
      }
      if (typeof args !== 'object' || args === null || Array.isArray(args)) throw new UsageError('--args must be a JSON object');
    }
    options.tool = { name: values.tool, args: args as Record<string, unknown> };
  }
  const integer = (flag: string, raw: string | undefined, min: number) => {
    if (raw === undefined) return undefined;
    const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isSafeInteger(n) || n < min) throw new UsageError(`${flag} must be an integer >= ${min}, got ${JSON.stringify(raw)}`);
    return n;
  };
  const maxTasks = integer('--max-tasks-per-owner', values['max-tasks-per-owner'], 1);
  const maxTtl = integer('--max-ttl-ms', values['max-ttl-ms'], 1);
  const timeout = integer('--timeout-ms', values['timeout-ms'], 1000);
  if (maxTasks !== undefined) options.maxTasksPerOwner = maxTasks;
  if (maxTtl !== undefined) options.maxTtlMs = maxTtl;
  if (timeout !== undefined) options.checkTimeoutMs = timeout;
  if (values.answer !== undefined) options.elicitationAnswer = values.answer;
  if (values.only !== undefined) {
    options.only = values.only.split(',').map((s) => s.trim()).filter(Boolean);
    try {
      selectChecks(options.only);
    } catch (error) {
      throw new UsageError(`--only: ${(error as Error).message}`);
    }
  }
  return { options, quiet: values.quiet === true, ...(values.json !== undefined && { json: values.json }), ...(values.junit !== undefined && { junit: values.junit }) };
}

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parse(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`mcp-tasks-conformance: ${error.message}\nRun mcp-tasks-conformance --help for usage.\n`);
    return 2;
  }
  if (parsed === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (parsed === 'list') {
    for (const area of AREAS) for (const c of PROTOCOL_CHECKS.filter((x) => x.area === area)) process.stdout.write(`${c.rule.padEnd(4)} ${c.level.padEnd(6)} ${c.id}: ${c.title}\n`);
    return 0;
  }
  const { options, json, junit, quiet } = parsed;
  const run = await ProtocolRun.open(options);
  const out = new ConsoleReporter(process.stdout, { quiet });
  try {
    out.header(run.report());
    const roles = describeRoles(run.discovery);
    if (roles) process.stdout.write(`${roles}\n`);
    for (const [index, check] of run.checks.entries()) {
      out.starting(check, index, run.checks.length);
      out.result(await run.run(check));
    }
  } finally {
    await run.close();
  }
  const report = run.report();
  out.finish(report);
  // What discovery observed goes beside the results, to explain the roles the checks used.
  const discovery = run.discovery && { roles: run.discovery.roles, probes: run.discovery.probes, probeMs: run.discovery.probeMs };
  if (json !== undefined) writeFileSync(json, `${JSON.stringify({ ...report, ...(discovery && { discovery }) }, null, 2)}\n`);
  if (junit !== undefined) writeFileSync(junit, toJUnitXml(report));
  return exitCodeOf(report);
}

// A closed pipe (e.g. `| head`) ends the output quietly.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`mcp-tasks-conformance: ${(error as Error)?.stack ?? String(error)}\n`);
    process.exitCode = 1;
  },
);
