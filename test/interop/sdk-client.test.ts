/**
 * Interop with a real client (issue "Every real client works"): the SDK 1.32 client's
 * experimental tasks API (`client.experimental.tasks`) against the reference server over
 * Streamable HTTP. Known SDK-side behaviours are asserted as they are, named here:
 * - `callToolStream` ends a failed task with a generic -32603 "Task ... failed" message (the
 *   stored outcome is still what `getTaskResult` returns);
 * - `getTaskResult` needs a result schema (without one it throws).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { CallToolResultSchema, ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { startHttpServer, type HttpServerHandle } from '../../reference-server/http.js';

type Message = {
  type: string;
  task?: { taskId: string; status: string };
  result?: { content?: { text?: string }[]; isError?: boolean };
  error?: { code?: number; message?: string };
};

const T = { timeout: 30_000 };

async function collect(stream: AsyncGenerator<unknown>, onCreated?: (taskId: string) => Promise<void>): Promise<Message[]> {
  const messages: Message[] = [];
  for await (const message of stream as AsyncGenerator<Message>) {
    messages.push(message);
    if (message.type === 'taskCreated' && onCreated) await onCreated(message.task!.taskId);
  }
  return messages;
}

describe('interop: SDK 1.32 client.experimental.tasks against the reference server (HTTP)', () => {
  let server: HttpServerHandle;
  let client: Client;
  before(async () => {
    server = await startHttpServer({ port: 0, logger: () => {} });
    client = new Client({ name: 'sdk-interop', version: '1.0.0' }, { capabilities: { elicitation: { form: {} } } });
    client.setRequestHandler(ElicitRequestSchema, async () => ({ action: 'accept', content: { answer: 'from the SDK client' } }));
    await client.connect(new StreamableHTTPClientTransport(new URL(server.url)));
  });
  after(async () => {
    await client?.close();
    await server?.close();
  });

  const stream = (name: string, args: Record<string, unknown>) =>
    client.experimental.tasks.callToolStream({ name, arguments: args }, CallToolResultSchema, { task: { ttl: 60_000 } });

  it('a task to completion: taskCreated, then the result', T, async () => {
    const messages = await collect(stream('delay', { ms: 50, text: 'done by delay' }));
    assert.equal(messages[0]!.type, 'taskCreated');
    const last = messages.at(-1)!;
    assert.equal(last.type, 'result');
    assert.equal(last.result!.content![0]!.text, 'done by delay');
  });

  it('a tool reporting an error: failed, and getTaskResult returns the isError result', T, async () => {
    const messages = await collect(stream('fail_result', { text: 'nope' }));
    const taskId = messages[0]!.task!.taskId;
    assert.equal((await client.experimental.tasks.getTask(taskId)).status, 'failed');
    const result = await client.experimental.tasks.getTaskResult(taskId, CallToolResultSchema);
    assert.equal(result.isError, true);
    assert.equal((result.content[0] as { text: string }).text, 'nope');
  });

  it('a tool throwing: failed, and getTaskResult rejects with the thrown JSON-RPC error', T, async () => {
    const messages = await collect(stream('throw_error', { message: 'boom', code: -32050 }));
    const taskId = messages[0]!.task!.taskId;
    assert.equal(messages.at(-1)!.type, 'error');
    await assert.rejects(
      client.experimental.tasks.getTaskResult(taskId, CallToolResultSchema),
      (e: { code?: number; message?: string }) => e.code === -32050 && /boom/.test(String(e.message)),
    );
  });

  it('a cancel: cancelTask while it runs; the task is cancelled', T, async () => {
    let cancelled: string | undefined;
    await collect(stream('until_cancelled', {}), async (taskId) => {
      await client.experimental.tasks.cancelTask(taskId);
      cancelled = taskId;
    });
    assert.ok(cancelled);
    assert.equal((await client.experimental.tasks.getTask(cancelled)).status, 'cancelled');
  });

  it('a listing: listTasks shows the tasks of this session', T, async () => {
    const messages = await collect(stream('delay', { ms: 1 }));
    const taskId = messages[0]!.task!.taskId;
    const { tasks } = await client.experimental.tasks.listTasks();
    assert.ok(tasks.some((t) => t.taskId === taskId));
  });

  it('an elicitation answered through to the result (ask_input)', T, async () => {
    const messages = await collect(stream('ask_input', { message: 'who are you?' }));
    const last = messages.at(-1)!;
    assert.equal(last.type, 'result', JSON.stringify(last));
    assert.equal(last.result!.content![0]!.text, 'from the SDK client');
  });
});
