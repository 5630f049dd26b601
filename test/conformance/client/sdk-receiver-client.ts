/**
 * The SDK 1.32 Client as a receiver of task-augmented elicitation, for the requestor kit's
 * `receiver` scenario: the Client's own task support (a `taskStore`, the SDK's experimental
 * InMemoryTaskStore) answers tasks/get, tasks/result (blocking) and tasks/cancel; the elicitation
 * handler only creates the task and stores its result when the "user" has answered. This is how
 * an application on the SDK would do it; the kit's tests show it passes every receiver check.
 * Other scenarios are not its job: it says so and exits 0.
 */
import * as z from 'zod/v4';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { InMemoryTaskStore } from '@modelcontextprotocol/sdk/experimental/tasks/stores/in-memory.js';
import { ElicitRequestSchema, type ElicitResult } from '@modelcontextprotocol/sdk/types.js';
import { play, readScenarioEnv } from '../../interop/clients/scenario-env.js';

/** How long the "user" takes to answer. */
const ANSWER_MS = 600;

const env = readScenarioEnv();
const client = new Client(
  { name: 'sdk-receiver-client', version: '1.0.0' },
  { capabilities: { elicitation: { form: {} }, tasks: { requests: { elicitation: { create: {} } } } }, taskStore: new InMemoryTaskStore() },
);
const answer: ElicitResult = { action: 'accept', content: { answer: 'from the SDK receiver' } };

client.setRequestHandler(ElicitRequestSchema, async (request, extra) => {
  if (!request.params.task || !extra.taskStore) return answer;
  const store = extra.taskStore;
  const task = await store.createTask({ ttl: request.params.task.ttl ?? null });
  // A cancelled task is terminal: storing its result then is refused, and that is as it should be.
  setTimeout(() => void store.storeTaskResult(task.taskId, 'completed', answer).catch(() => {}), ANSWER_MS);
  return { task };
});

play(async () => {
  if (env.scenario !== 'receiver') return `sdk-receiver-client plays only the receiver scenario, not ${env.scenario}`;
  await client.connect(new StreamableHTTPClientTransport(env.url));
  try {
    const result = await client.request({ method: 'tools/call', params: { name: env.tool, arguments: env.args } }, z.looseObject({}));
    return JSON.stringify(result);
  } finally {
    await client.close();
  }
});
