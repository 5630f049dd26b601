/**
 * A requestor-kit client on the SDK 1.32 client's experimental tasks API
 * (`client.experimental.tasks`): reads the scenario from its environment and plays it the way
 * an application would. Run: mcp-tasks-conformance client --command "node dist/test/interop/clients/sdk-client.js".
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { CallToolResultSchema, ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { LIST_TASKS, play, readScenarioEnv } from './scenario-env.js';

type Message = { type: string; task?: { taskId: string; status: string }; result?: unknown; error?: { message?: string } };

const env = readScenarioEnv();
const client = new Client({ name: '@modelcontextprotocol/sdk client', version: '1.32.2' }, { capabilities: { elicitation: { form: {} } } });
client.setRequestHandler(ElicitRequestSchema, async () => ({ action: 'accept', content: { answer: 'from the SDK client' } }));

/** Run one tool call as a stream to its end; `onCreated` runs when the task exists. */
async function stream(onCreated?: (taskId: string) => Promise<void>): Promise<Message> {
  let last: Message = { type: 'none' };
  for await (const message of client.experimental.tasks.callToolStream(
    { name: env.tool, arguments: env.args },
    CallToolResultSchema,
  ) as AsyncGenerator<Message>) {
    last = message;
    if (message.type === 'taskCreated' && onCreated) await onCreated(message.task!.taskId);
  }
  return last;
}

async function listAll(): Promise<number> {
  let count = 0;
  let cursor: string | undefined;
  do {
    const page = await client.experimental.tasks.listTasks(cursor);
    count += page.tasks.length;
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return count;
}

play(async () => {
  await client.connect(new StreamableHTTPClientTransport(env.url));
  try {
    await client.listTools(); // the SDK learns each tool's taskSupport from tools/list
    switch (env.scenario) {
      case 'cancel':
        return JSON.stringify(await stream((taskId) => client.experimental.tasks.cancelTask(taskId).then(() => undefined)));
      case 'list': {
        for (let i = 0; i < LIST_TASKS; i++) await stream();
        return `listed ${await listAll()} tasks`;
      }
      default:
        return JSON.stringify(await stream());
    }
  } finally {
    await client.close();
  }
});
