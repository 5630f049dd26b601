/**
 * `createTasksHttpHandler` (mcp-tasks/http) through its web face, in process (`handler.fetch`,
 * no listener, no network): one defined tool on both generations at one URL, and no
 * configuration leaves a question unanswerable: in sessions without tokens, in sessions with
 * tokens and stateless, a task that asks gets its answer on the 2025-11-25 wire (carried on
 * `tasks/result`) and on the 2026-07-28 wire (`inputRequests` in `tasks/get`, `tasks/update`).
 * Refusals of the web face, and settings that cannot work together.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ElicitRequestSchema, ResultSchema } from '@modelcontextprotocol/sdk/types.js';
import * as z from 'zod';
import { createTasksHttpHandler, tokenTable, type TasksHttpHandler, type TasksHttpOptions } from '../../src/http/index.js';
import { defineTool, InMemoryTaskStore, TaskEngine, type JsonObject } from '../../src/index.js';
import { TextMetrics } from '../../src/observe/text-metrics.js';
import { bounded } from '../server/waits.js';
import { rpcRequest, WITH_TASKS } from '../server/v2026/harness.js';

const URL_ = 'http://in-process/mcp';
const TOKEN = 'token-a';
const ANSWER = { action: 'accept', content: { answer: 'yes' } };

/** A task-only tool that asks one question, and says on which wire it got which answer. */
const ask = defineTool({
  name: 'ask',
  inputSchema: z.object({ who: z.string() }),
  taskSupport: 'required',
  async run({ who }, { task, generation }) {
    const answer = await task!.elicit({
      message: `${who}?`,
      requestedSchema: { type: 'object', properties: { answer: { type: 'string' } } },
    });
    return { content: [{ type: 'text', text: `${generation}: ${who} said ${String((answer.content as { answer?: unknown }).answer)}` }] };
  },
});

const CONFIGS: { name: string; options: Omit<TasksHttpOptions, 'tools'>; token?: string }[] = [
  { name: 'sessions, no tokens', options: {} },
  { name: 'sessions, tokens', options: { tokens: tokenTable({ [TOKEN]: 'alice' }) }, token: TOKEN },
  { name: 'stateless, tokens', options: { tokens: tokenTable({ [TOKEN]: 'alice' }), stateless: true }, token: TOKEN },
];

/** An SDK 1.x client whose HTTP goes to `handler.fetch`, answering every elicitation with ANSWER. */
async function client2025(handler: TasksHttpHandler, token: string | undefined): Promise<Client> {
  const client = new Client({ name: 'in-process-2025', version: '1' }, { capabilities: { elicitation: { form: {} } } });
  client.setRequestHandler(ElicitRequestSchema, async () => ANSWER as never);
  const transport = new StreamableHTTPClientTransport(new URL(URL_), {
    fetch: (url, init) => handler.fetch(new Request(url, init)),
    ...(token && { requestInit: { headers: { Authorization: `Bearer ${token}` } } }),
  });
  await client.connect(transport);
  return client;
}

/** One 2026 request through `handler.fetch`; the JSON-RPC result or error. */
async function rpc2026(
  handler: TasksHttpHandler,
  method: string,
  params: JsonObject,
  token: string | undefined,
  capabilities: JsonObject = { ...WITH_TASKS, elicitation: {} },
) {
  const response = await handler.fetch(
    rpcRequest(method, params, { capabilities, ...(token && { headers: { authorization: `Bearer ${token}` } }) }),
  );
  const text = await response.text();
  const json = text.startsWith('{')
    ? text
    : (
        text
          .split('\n')
          .filter((l) => l.startsWith('data:'))
          .pop() ?? ''
      ).slice(5);
  return JSON.parse(json) as { result?: JsonObject; error?: { code: number; message: string } };
}

async function answer2026(handler: TasksHttpHandler, token: string | undefined): Promise<JsonObject> {
  const created = await rpc2026(handler, 'tools/call', { name: 'ask', arguments: { who: 'carol' } }, token);
  const taskId = created.result?.taskId as string;
  assert.ok(taskId, JSON.stringify(created));
  return bounded(
    (async () => {
      for (;;) {
        const task = (await rpc2026(handler, 'tasks/get', { taskId }, token)).result!;
        if (task.status === 'completed' || task.status === 'failed') return task;
        const questions = task.inputRequests as JsonObject | undefined;
        if (questions)
          for (const key of Object.keys(questions))
            await rpc2026(handler, 'tasks/update', { taskId, inputResponses: { [key]: ANSWER } }, token);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })(),
    'the 2026 task to end',
  );
}

describe('createTasksHttpHandler: no configuration leaves a question unanswerable (web face)', () => {
  for (const config of CONFIGS) {
    it(
      `${config.name}: a task asks on the 2025 wire and on the 2026 wire, and completes with the answer`,
      { timeout: 30_000 },
      async () => {
        const handler = createTasksHttpHandler({ tools: [ask], ...config.options });
        try {
          const client = await client2025(handler, config.token);
          try {
            const created = await client.request(
              { method: 'tools/call', params: { name: 'ask', arguments: { who: 'bob' }, task: {} } },
              ResultSchema,
            );
            const taskId = (created.task as { taskId: string }).taskId;
            const result = await client.request({ method: 'tasks/result', params: { taskId } }, ResultSchema, { timeout: 10_000 });
            assert.deepEqual(result.content, [{ type: 'text', text: '2025-11-25: bob said yes' }]);
          } finally {
            await client.close();
          }
          const done = await answer2026(handler, config.token);
          assert.equal(done.status, 'completed');
          assert.deepEqual((done.result as JsonObject).content, [{ type: 'text', text: '2026-07-28: carol said yes' }]);
        } finally {
          await handler.close();
        }
      },
    );
  }
});

describe('createTasksHttpHandler: the web face', () => {
  it('lists the same tool on both generations at one URL', async () => {
    const handler = createTasksHttpHandler({ tools: [ask] });
    try {
      const client = await client2025(handler, undefined);
      const listed2025 = (await client.listTools()).tools.map((t) => [t.name, t.inputSchema]);
      await client.close();
      const listed2026 = ((await rpc2026(handler, 'tools/list', {}, undefined)).result!.tools as JsonObject[]).map((t) => [
        t.name,
        t.inputSchema,
      ]);
      assert.deepEqual(listed2026, listed2025);
      assert.deepEqual(
        listed2025.map(([name]) => name),
        ['ask'],
      );
    } finally {
      await handler.close();
    }
  });

  it('refuses as the Node face does, with Connection: close: 404 off the path, 405, 401 without a token; 503 once closing', async () => {
    const handler = createTasksHttpHandler({ tools: [ask], tokens: tokenTable({ [TOKEN]: 'alice' }) });
    const off = await handler.fetch(new Request('http://in-process/other', { method: 'POST', body: '{}' }));
    assert.equal(off.status, 404);
    assert.equal(off.headers.get('connection'), 'close');
    assert.equal(((await off.json()) as { error: string }).error, 'not_found');
    const put = await handler.fetch(new Request(URL_, { method: 'PUT' }));
    assert.equal(put.status, 405);
    assert.equal(put.headers.get('allow'), 'POST, GET, DELETE');
    const anonymous = await handler.fetch(rpcRequest('tools/list', {}));
    assert.equal(anonymous.status, 401);
    assert.match(anonymous.headers.get('www-authenticate') ?? '', /^Bearer realm="mcp-tasks", error="invalid_token"$/);
    const closing = handler.close();
    assert.equal((await handler.fetch(rpcRequest('tools/list', {}, { headers: { authorization: `Bearer ${TOKEN}` } }))).status, 503);
    await closing;
  });

  it('413 for a body over 4 MiB, -32700 for bad JSON, -32600 for a bad envelope, -32602 for JSON nested too deep', async () => {
    const handler = createTasksHttpHandler({ tools: [ask] });
    try {
      const post = (body: string) =>
        handler.fetch(
          new Request(URL_, {
            method: 'POST',
            body,
            headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
          }),
        );
      assert.equal((await post('x'.repeat(4 * 1024 * 1024 + 1))).status, 413);
      assert.equal(((await (await post('{')).json()) as { error: { code: number } }).error.code, -32700);
      assert.equal(((await (await post('[]')).json()) as { error: { code: number } }).error.code, -32600);
      const deep = `{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"a":${'['.repeat(200)}${']'.repeat(200)}}}`;
      assert.equal(((await (await post(deep)).json()) as { error: { code: number } }).error.code, -32602);
    } finally {
      await handler.close();
    }
  });

  it('settings that cannot work together are INVALID_OPTIONS at creation', async () => {
    const invalid = (options: TasksHttpOptions, pattern: RegExp) =>
      assert.throws(
        () => createTasksHttpHandler(options),
        (e: unknown) => (e as { code?: string }).code === 'INVALID_OPTIONS' && pattern.test((e as Error).message),
      );
    invalid({ tools: [ask], stateless: true }, /stateless serving needs tokens/);
    invalid(
      { tools: [ask], stateless: true, tokens: tokenTable({ [TOKEN]: 'alice' }), allowAnonymous: true },
      /stateless serving needs tokens/,
    );
    invalid({ tools: [ask, ask] }, /two tools named ask/);
    // An engine passed in keeps the metrics it was made with: observe's would count HTTP only.
    const metrics = new TextMetrics();
    const store = new InMemoryTaskStore();
    const plain = new TaskEngine({ store });
    invalid({ tools: [ask], engine: plain, observe: { metrics } }, /observe\.metrics would not reach the TaskEngine/);
    const measured = new TaskEngine({ store, metrics });
    await createTasksHttpHandler({ tools: [ask], engine: measured, observe: { metrics } }).close(); // the same metrics: fine
    plain.close();
    measured.close();
  });
});
