/**
 * The scenarios the requestor kit plays, one client run each. A scenario names the fixture tool
 * (src/fixtures, documented in reference-server/FIXTURES.md) the client calls, its arguments, and
 * what the scripted server does differently (e.g. no status notifications, R58). The client gets
 * the scenario name, tool and arguments in its environment (CLIENT_ENV).
 */
export interface Scenario {
  readonly name: string;
  /** What the client is asked to do (README, --help). */
  readonly task: string;
  readonly tool: string;
  readonly args: Readonly<Record<string, unknown>>;
  /** The scripted server sends no `notifications/tasks/status` in this scenario (R58). */
  readonly quiet?: boolean;
  /**
   * The server makes the client a receiver of task-augmented requests (R16): played only by a
   * client that declares tasks.requests.elicitation.create or tasks.requests.sampling.createMessage.
   */
  readonly receiver?: boolean;
}

export const SCENARIOS: readonly Scenario[] = [
  {
    name: 'complete',
    tool: 'delay',
    args: { ms: 1200, text: 'scripted: done' },
    quiet: true,
    task: 'call the tool as a task and print its result (the server sends no status notifications)',
  },
  { name: 'fail', tool: 'fail_result', args: { text: 'scripted: failed' }, task: 'call the tool as a task; its result has isError: true' },
  {
    name: 'error',
    tool: 'throw_error',
    args: { message: 'scripted: thrown', code: -32050 },
    task: 'call the tool as a task; tasks/result answers with a JSON-RPC error',
  },
  { name: 'cancel', tool: 'until_cancelled', args: {}, task: 'call the tool as a task, then cancel the task' },
  {
    name: 'list',
    tool: 'delay',
    args: { ms: 1 },
    task: 'call the tool as a task 3 times, wait for each, then list every page of tasks/list',
  },
  {
    name: 'input',
    tool: 'ask_then_work',
    args: { message: 'scripted: your name?', workMs: 1500 },
    task: 'call the tool as a task; answer its elicitation (accept, content.answer a string); it works 1.5 s more',
  },
  {
    name: 'forbidden',
    tool: 'support_forbidden',
    args: {},
    task: 'call this tool (taskSupport forbidden) the way the library calls tools',
  },
  {
    name: 'receiver',
    tool: 'probe_receiver',
    args: {},
    receiver: true,
    task: 'call the tool plainly; it makes the client the receiver of task-augmented elicitation/create or sampling/createMessage (played only when the client declares one in tasks.requests)',
  },
];

export const SCENARIO_NAMES: readonly string[] = SCENARIOS.map((s) => s.name);

/** Tasks the `list` scenario asks for; the server's page size is smaller, so listing pages. */
export const LIST_TASKS = 3;
export const LIST_PAGE_SIZE = 2;

/** The environment variables a client command reads. */
export const CLIENT_ENV = {
  url: 'MCP_CONFORMANCE_URL',
  scenario: 'MCP_CONFORMANCE_SCENARIO',
  tool: 'MCP_CONFORMANCE_TOOL',
  args: 'MCP_CONFORMANCE_ARGS',
} as const;

export function scenarioNamed(name: string): Scenario | undefined {
  return SCENARIOS.find((s) => s.name === name);
}
