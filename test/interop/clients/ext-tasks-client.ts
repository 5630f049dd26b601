/**
 * A requestor-kit client on `@modelcontextprotocol/ext-tasks` 0.2.2 (on
 * `@modelcontextprotocol/client` 2.4.0, its 2025-11-25 path): reads the scenario from its
 * environment and plays it the way an application would.
 * Run: mcp-tasks-conformance client --command "node dist/test/interop/clients/ext-tasks-client.js".
 */
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { createApplicationInputHandler, createTaskSessionFromClient } from '@modelcontextprotocol/ext-tasks/client';
import { LIST_TASKS, play, readScenarioEnv } from './scenario-env.js';

const env = readScenarioEnv();
const client = new Client(
  { name: '@modelcontextprotocol/ext-tasks client', version: '0.2.2' },
  { capabilities: { elicitation: { form: {} } } },
);

play(async () => {
  await client.connect(new StreamableHTTPClientTransport(env.url));
  const session = createTaskSessionFromClient(client, {
    endpointId: 'mcp-tasks-conformance',
    onInputRequest: createApplicationInputHandler({
      elicitation: async () => ({ action: 'accept', content: { answer: 'from ext-tasks' } }),
      sampling: async () => {
        throw new Error('sampling is not used by the scenarios');
      },
      roots: async () => ({ roots: [] }),
    }),
  });
  // "prefer": a task wherever the tool allows one (the default, "allow", augments required tools only).
  const call = () => session.callTool(env.tool, env.args as never, { task: { preference: 'prefer' } });
  try {
    switch (env.scenario) {
      case 'cancel': {
        const execution = await call();
        await execution.cancel();
        return JSON.stringify((await execution.settle()).outcome.status);
      }
      case 'list': {
        for (let i = 0; i < LIST_TASKS; i++) await (await call()).settle();
        let count = 0;
        let cursor: string | undefined;
        do {
          const page = await session.listTasks(cursor);
          count += page.tasks.length;
          cursor = page.nextCursor;
        } while (cursor !== undefined);
        return `listed ${count} tasks`;
      }
      default:
        // A failed task settles as a "failed" outcome; a call refused before any task rejects.
        return await call()
          .then((execution) => execution.settle())
          .then(
            (settled) => JSON.stringify(settled.outcome),
            (error: Error) => `the call failed: ${error.message}`,
          );
    }
  } finally {
    await session.close();
    await client.close();
  }
});
