/**
 * `mcp-tasks-conformance` against a server: parse the flags, run the protocol conformance suite,
 * print progress and the report. Returns the exit code: 0 only if no MUST check failed (1
 * otherwise; with --strict, also when any check failed or warned); 2 for a usage error.
 */
import { AREAS } from '../core/check.js';
import { UsageError, writeReportFiles } from '../core/cli.js';
import { parse } from './args.js';
import { PROTOCOL_CHECKS } from './checks/index.js';
import { ConsoleReporter } from './console.js';
import { describeRoles } from './discovery/roles.js';
import { ProtocolRun } from './runner.js';
import { V2026_CHECKS } from './v2026/index.js';

const USAGE = `Usage: mcp-tasks-conformance (--url URL | --stdio "COMMAND") [options]
       mcp-tasks-conformance client --command "COMMAND" [options]   (a client as requestor: client --help)

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
  --rate-limit N             the server's task operations per second per requestor (R81)
  --max-request-bytes N      the server's largest request params (bytes) for a task (R38)
  --answer TEXT              the text of the free-text fields of elicitation forms (default "conformance-answer")
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
  --html FILE                write a self-contained HTML report (failed checks with their wire)
  --quiet                    print only failures, warnings and the summary
  --strict                   exit 1 also when a check warns (a SHOULD not met) or a SHOULD fails
  --list                     list the checks and exit
  -h, --help                 print this help

Exit codes: 0 no MUST check failed, 1 a MUST check failed, 2 usage error.`;

export async function protocolMain(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parse(argv);
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
    for (const area of AREAS)
      for (const c of [...PROTOCOL_CHECKS, ...V2026_CHECKS].filter((x) => x.area === area))
        process.stdout.write(`${c.rule.padEnd(4)} ${c.level.padEnd(6)} ${c.id}: ${c.title}\n`);
    return 0;
  }
  const { options, json, junit, html, quiet, strict } = parsed;
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
    for (const result of await run.finish()) out.result(result);
  } finally {
    await run.close();
  }
  const report = run.report();
  out.finish(report);
  // What discovery observed goes beside the results, to explain the roles the checks used.
  const discovery = run.discovery && { roles: run.discovery.roles, probes: run.discovery.probes, probeMs: run.discovery.probeMs };
  return writeReportFiles(report, { json, junit, html }, discovery ? { discovery } : {}, { strict });
}
