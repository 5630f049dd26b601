/**
 * Code mode: instead of calling tools one by one, the client submits a small PROGRAM (a JSON list
 * of tool calls whose arguments may refer to earlier outputs), which the server checks once and
 * then runs as a task.
 *
 *   npm run build && node dist/examples/code-mode.js
 *
 * The language (examples/code-mode/language.ts):
 *   [{ "tool": "add", "args": { "a": 1, "b": 2 } }, { "tool": "multiply", "args": { "a": "$0", "b": 10 } }]
 *   - arguments are numbers or "$k" = the output of EARLIER call k (0-based); the program's value
 *     is the output of its last call; tools: add {a,b}, multiply {a,b}, wait {ms,value} (slow);
 *   - at most 50 calls; no loops, branches or side effects.
 *
 * The flow (examples/code-mode/server.ts):
 *   1. `validate` (taskSupport 'forbidden', a plain call) checks the program (known tools,
 *      argument names, references only to earlier calls, <= 50 calls) and returns an approval
 *      token = HMAC-SHA256(per-server random secret, canonical JSON of the program).
 *   2. `execute` (taskSupport 'required') takes { program, token }. A missing token is rejected
 *      by the input schema with JSON-RPC -32602 and NO task is created. A token that is invalid
 *      or belongs to another program is checked first thing in the handler, before any call
 *      runs: the task (already created, as tools/call with `task` answers at once) ends `failed`
 *      with statusMessage explaining why, and tasks/result answers JSON-RPC -32602.
 *   3. With a valid token each call runs in order; after each one the task's variables
 *      (`step`, `results`) and statusMessage are updated and progress is reported; `signal` is
 *      checked between calls (and passed to the slow `wait`), so tasks/cancel stops the program.
 *
 * In your own code, import from 'mcp-tasks' instead of '../src/index.js'.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import {
  CallToolResultSchema,
  CancelTaskResultSchema,
  CreateTaskResultSchema,
  GetTaskResultSchema,
  McpError,
  type Progress,
  type Task,
} from '@modelcontextprotocol/sdk/types.js';
import { ANONYMOUS_OWNER, isTerminal, type TaskStore } from '../src/index.js';
import type { Program } from './code-mode/language.js';
import { createCodeModeServer } from './code-mode/server.js';

/** The client and the server's store: what every part of the demo uses. */
interface Demo {
  client: Client;
  store: TaskStore;
}

/** validate: a plain tools/call; returns the approval token. */
async function validate({ client }: Demo, program: Program): Promise<string> {
  const result = await client.request({ method: 'tools/call', params: { name: 'validate', arguments: { program } } }, CallToolResultSchema);
  const text = result.content.map((c) => (c.type === 'text' ? c.text : '')).join('');
  if (result.isError) throw new Error(text);
  return text;
}

/** execute as a task; returns the CreateTaskResult's task at once. */
async function execute({ client }: Demo, program: Program, token: string, onprogress?: (p: Progress) => void): Promise<Task> {
  const { task } = await client.request(
    { method: 'tools/call', params: { name: 'execute', arguments: { program, token }, task: { ttl: 60_000 } } },
    CreateTaskResultSchema,
    onprogress ? { onprogress } : {},
  );
  return task;
}

/** Poll tasks/get at the suggested interval until the task ends, printing statusMessage changes. */
async function waitForEnd({ client }: Demo, task: Task): Promise<Task> {
  let current = task;
  let shown = '';
  while (!isTerminal(current.status)) {
    await sleep(current.pollInterval ?? 1000);
    current = await client.request({ method: 'tasks/get', params: { taskId: task.taskId } }, GetTaskResultSchema);
    const line = `${current.status}: ${current.statusMessage ?? ''}`;
    if (line !== shown) console.log(`tasks/get: ${(shown = line)}`);
  }
  return current;
}

/** Server side: the task's variables, as the handler stored them (not sent on the wire). */
async function variablesOf({ store }: Demo, taskId: string): Promise<string> {
  return JSON.stringify((await store.get(ANONYMOUS_OWNER, taskId)).variables);
}

/** 1. Validate, execute as a task, follow progress, get the result; returns the program and its token. */
async function approved(demo: Demo): Promise<{ program: Program; token: string }> {
  console.log('== 1. validate + execute ==');
  const program: Program = [
    { tool: 'add', args: { a: 1, b: 2 } },
    { tool: 'multiply', args: { a: '$0', b: 10 } },
    { tool: 'wait', args: { ms: 50, value: '$1' } },
    { tool: 'add', args: { a: '$2', b: '$0' } },
  ];
  console.log(`program: ${JSON.stringify(program)}`);
  const token = await validate(demo, program);
  console.log(`validate: approved, token ${token.slice(0, 12)}...`);

  const task = await execute(demo, program, token, (p) => console.log(`progress: ${p.progress}/${p.total} ${p.message ?? ''}`));
  console.log(`execute: task ${task.taskId} status=${task.status}`);
  const ended = await waitForEnd(demo, task);
  console.log(`server variables: ${await variablesOf(demo, task.taskId)}`);
  const result = await demo.client.request({ method: 'tasks/result', params: { taskId: task.taskId } }, CallToolResultSchema);
  console.log(`final value: ${result.content.map((c) => (c.type === 'text' ? c.text : '')).join('')} (task ${ended.status})`);
  return { program, token };
}

/** 2. Refusals: a rejected program, no token, a token of another program. */
async function refusals(demo: Demo, program: Program, token: string): Promise<void> {
  console.log('\n== 2. refused executions ==');
  // A rejected program never gets a token.
  try {
    await validate(demo, [
      { tool: 'add', args: { a: '$1', b: 2 } },
      { tool: 'rm', args: {} },
    ]);
  } catch (error) {
    console.log(`validate rejected: ${(error as Error).message.replaceAll('\n', ' ')}`);
  }
  // No token at all: the input schema rejects the call, no task is created.
  const countTasks = async () => (await demo.store.list(ANONYMOUS_OWNER)).tasks.length;
  const before = await countTasks();
  try {
    await demo.client.request(
      { method: 'tools/call', params: { name: 'execute', arguments: { program }, task: {} } },
      CreateTaskResultSchema,
    );
  } catch (error) {
    console.log(
      `execute without token: rejected with JSON-RPC ${(error as McpError).code}, tasks created: ${(await countTasks()) - before}`,
    );
  }
  // The approved program with one number changed: the token no longer matches.
  const tampered: Program = program.map((call, i) => (i === 1 ? { tool: 'multiply', args: { a: '$0', b: 1000 } } : call));
  console.log(`tampered program (call 1 now multiplies by 1000), same token`);
  const refusedTask = await execute(demo, tampered, token);
  const refused = await waitForEnd(demo, refusedTask);
  console.log(
    `refused: task ${refused.taskId} status=${refused.status}, server variables ${await variablesOf(demo, refused.taskId)} (no call ran)`,
  );
  try {
    await demo.client.request({ method: 'tasks/result', params: { taskId: refusedTask.taskId } }, CallToolResultSchema);
  } catch (error) {
    console.log(`tasks/result: JSON-RPC error ${(error as McpError).code}`);
  }
}

/** 3. Cancel a slow program between steps. */
async function cancellation(demo: Demo): Promise<void> {
  console.log('\n== 3. cancellation ==');
  const slow: Program = [
    { tool: 'add', args: { a: 20, b: 22 } },
    { tool: 'wait', args: { ms: 1500, value: '$0' } },
    { tool: 'wait', args: { ms: 1500, value: '$1' } },
    { tool: 'multiply', args: { a: '$2', b: 2 } },
  ];
  console.log(`slow program: ${JSON.stringify(slow)}`);
  let firstStep!: () => void;
  const firstStepDone = new Promise<void>((resolve) => (firstStep = resolve));
  const slowTask = await execute(demo, slow, await validate(demo, slow), (p) => {
    console.log(`progress: ${p.progress}/${p.total} ${p.message ?? ''}`);
    firstStep();
  });
  console.log(`execute: task ${slowTask.taskId} status=${slowTask.status}`);
  await firstStepDone; // call 0 done; call 1 (wait 1500 ms) is running
  const { client } = demo;
  const cancel = await client.request({ method: 'tasks/cancel', params: { taskId: slowTask.taskId } }, CancelTaskResultSchema);
  console.log(`tasks/cancel: status=${cancel.status}`);
  const afterCancel = await client.request({ method: 'tasks/get', params: { taskId: slowTask.taskId } }, GetTaskResultSchema);
  const vars = JSON.parse(await variablesOf(demo, slowTask.taskId)) as { step?: number };
  console.log(`cancelled: task ${afterCancel.taskId} status=${afterCancel.status} after ${vars.step ?? 0} of ${slow.length} calls`);
}

async function main(): Promise<void> {
  // Server and client, linked in memory.
  const { mcp, store } = createCodeModeServer();
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  await mcp.connect(serverTransport);
  const client = new Client({ name: 'code-mode-client', version: '1.0.0' });
  await client.connect(clientTransport);
  const demo: Demo = { client, store };

  const { program, token } = await approved(demo);
  await refusals(demo, program, token);
  await cancellation(demo);

  // Close everything; nothing is left to keep the process alive.
  await client.close();
  await mcp.close();
  await store.close();
}

await main();
