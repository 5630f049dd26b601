/**
 * `mcp-tasks-conformance client`: parse the flags, play every scenario with the client command,
 * print a line per scenario as it ends and the report; write --json / --junit / --html. Returns the exit
 * code: 0 no MUST check failed, 1 one did, 2 usage error.
 */
import { UsageError, writeReportFiles } from '../core/cli.js';
import { CLIENT_USAGE, parseClientArgs } from './args.js';
import { formatClientReport, formatScenarioLine, scenarioLine } from './report.js';
import { runClientConformance } from './runner.js';
import { muteSessionEvents } from './server-log.js';

export async function clientMain(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseClientArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`mcp-tasks-conformance client: ${error.message}\nRun mcp-tasks-conformance client --help for usage.\n`);
    return 2;
  }
  if (parsed === 'help') {
    process.stdout.write(`${CLIENT_USAGE}\n`);
    return 0;
  }
  const { options, json, junit, html, quiet, strict } = parsed;
  const unmute = muteSessionEvents();
  const report = await runClientConformance({
    ...options,
    onScenario: (run) => {
      if (!quiet) process.stdout.write(`scenario ${formatScenarioLine(scenarioLine(run))}\n`);
    },
  }).finally(unmute);
  process.stdout.write(`\n${formatClientReport(report, { quiet })}\n`);
  return writeReportFiles(report, { json, junit, html }, {}, { strict });
}
