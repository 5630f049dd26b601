/**
 * What a client program of the requestor kit reads from its environment (see
 * conformance/client/scenarios.ts): the server URL, the scenario, the tool and its arguments.
 */
export interface ScenarioEnv {
  url: URL;
  scenario: string;
  tool: string;
  args: Record<string, unknown>;
}

export function readScenarioEnv(env: NodeJS.ProcessEnv = process.env): ScenarioEnv {
  const url = env.MCP_CONFORMANCE_URL;
  const scenario = env.MCP_CONFORMANCE_SCENARIO;
  if (!url || !scenario)
    throw new Error('MCP_CONFORMANCE_URL and MCP_CONFORMANCE_SCENARIO must be set (run me with mcp-tasks-conformance client)');
  return {
    url: new URL(url),
    scenario,
    tool: env.MCP_CONFORMANCE_TOOL ?? '',
    args: JSON.parse(env.MCP_CONFORMANCE_ARGS ?? '{}') as Record<string, unknown>,
  };
}

/** How many tasks the list scenario creates (conformance/client/scenarios.ts LIST_TASKS). */
export const LIST_TASKS = 3;

/** Run a client program's body: print what it returns, exit 1 on an unexpected error. */
export function play(body: () => Promise<string>): void {
  body().then(
    (line) => {
      process.stdout.write(`${line}\n`);
      process.exit(0);
    },
    (error: unknown) => {
      process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
      process.exit(1);
    },
  );
}
