/**
 * Interop on the 2026-07-28 wire (issue 14, item 7): `@modelcontextprotocol/ext-tasks` 0.2.2 on
 * `@modelcontextprotocol/client` 2.4.0 with automatic version negotiation (`mode: 'auto'`, the
 * `server/discover` probe) against the reference server over HTTP, and an SDK 1.32 client at the
 * same URL in the same run keeping the whole 2025-11-25 behaviour.
 *
 * ext-tasks needs, for a 2026 server, a `rawDispatch` that sends its framed task requests as they
 * are: the SDK client itself rejects a `resultType: "task"` answer to `tools/call` and strips
 * `resultType` from what it returns. `rawHttpDispatch` below is that host coordinator, as a real
 * application would write it: one POST per request (the 2026 wire has no session), the headers
 * of the Streamable HTTP binding, a JSON or SSE answer. It also logs what came back, so the test
 * can prove the 2026 wire was used (`resultType: "task"`, `tasks/update`).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import {
  createApplicationInputHandler,
  createTaskSessionFromClient,
  resultFromTaskOutcome,
  TaskFailedError,
  type JsonRpcResponse,
  type RawClientDispatch,
} from '@modelcontextprotocol/ext-tasks/client';
import type { JsonValue } from '@modelcontextprotocol/ext-tasks/core';
import { Client as ClientV1 } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport as TransportV1 } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { CallToolResultSchema, ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { startHttpServer, type HttpServerHandle } from '../../reference-server/http.js';
import { PROTOCOL_ERROR } from '../../src/fixtures/v2026.js';

const T = { timeout: 30_000 };
const MODERN = '2026-07-28';
const CAPABILITIES = { elicitation: { form: {} } };
const CLIENT_INFO = { name: 'ext-tasks-2026-interop', version: '1.0.0' };

type Json = JsonValue;
type JsonRecord = { readonly [key: string]: Json };
/** One exchange the raw dispatcher saw: what was asked, and the `resultType` or error code of the answer. */
type Exchange = { method: string; name?: string; taskId?: Json; resultType?: Json; status?: Json; errorCode?: number };

/** Reject after `ms` (a hang guard). */
function within<V>(promise: Promise<V>, ms: number, what: string): Promise<V> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out: ${what}`)), ms))),
  ]).finally(() => clearTimeout(timer));
}

/** The JSON-RPC message answering `id` in a response body, JSON or an SSE stream. */
function answerIn(body: string, contentType: string, id: string): JsonRecord | undefined {
  if (!contentType.includes('text/event-stream')) return JSON.parse(body) as JsonRecord;
  for (const event of body.split(/\r?\n\r?\n/)) {
    const data = event
      .split(/\r?\n/)
      .filter((line) => line.startsWith('data:'))
      .map((line) => line.slice(5).trimStart())
      .join('\n');
    if (data === '') continue;
    const message = JSON.parse(data) as JsonRecord;
    if (message.id === id) return message;
  }
  return undefined;
}

/** ext-tasks' `rawDispatch` for the 2026 wire: one POST per request, answers logged in `log`. */
function rawHttpDispatch(url: string, log: Exchange[]): RawClientDispatch {
  let next = 0;
  return async (request, options = {}): Promise<JsonRpcResponse> => {
    const { method, params = {} } = request as { method: string; params?: JsonRecord };
    const id = `raw-${++next}`;
    const name = method === 'tools/call' ? params.name : params.taskId;
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        'mcp-protocol-version': MODERN,
        'mcp-method': method,
        ...(typeof name === 'string' && { 'mcp-name': name }),
      },
      body: JSON.stringify({ jsonrpc: '2.0', id, method, params }),
      ...(options.signal && { signal: options.signal }),
    });
    const answer = answerIn(await response.text(), response.headers.get('content-type') ?? '', id);
    if (answer === undefined) throw new Error(`no answer to ${method} (HTTP ${response.status})`);
    const exchange: Exchange = { method, ...(typeof params.name === 'string' && { name: params.name }) };
    log.push(exchange);
    if (answer.error !== undefined) {
      const error = answer.error as { code: number; message: string };
      exchange.errorCode = error.code;
      return { kind: 'error', error };
    }
    const result = answer.result as JsonRecord;
    Object.assign(exchange, { taskId: result.taskId ?? params.taskId, resultType: result.resultType, status: result.status });
    return { kind: 'result', result };
  };
}

type Outcome = { status: string; result?: { content?: { text?: string }[]; isError?: boolean } };

describe('interop: two generations at one URL (ext-tasks 0.2.2 on 2026-07-28, SDK 1.32 on 2025-11-25)', () => {
  let server: HttpServerHandle;
  let client: Client;
  let session: ReturnType<typeof createTaskSessionFromClient>;
  const log: Exchange[] = [];
  /** How each question reached the application: 'request-retry' (MRTR) or 'task-update'. */
  const deliveries: { delivery: string; message: string }[] = [];

  before(async () => {
    server = await startHttpServer({ port: 0, logger: () => {} });
    client = new Client(CLIENT_INFO, { capabilities: CAPABILITIES, versionNegotiation: { mode: 'auto' } });
    await client.connect(new StreamableHTTPClientTransport(new URL(server.url)));
    session = createTaskSessionFromClient(client, {
      endpointId: 'reference-server',
      rawDispatch: rawHttpDispatch(server.url, log),
      v2RequestFraming: {
        protocolVersion: client.getNegotiatedProtocolVersion()!,
        clientInfo: CLIENT_INFO,
        clientCapabilities: CAPABILITIES,
      },
      onInputRequest: createApplicationInputHandler({
        elicitation: async (request, context) => {
          const message = String((request.params as { message?: unknown }).message);
          deliveries.push({ delivery: context.delivery, message });
          const content: Record<string, string | boolean> = /name/.test(message) ? { name: 'Alice' } : { confirm: true };
          return { action: 'accept', content };
        },
        sampling: async () => {
          throw new Error('not used');
        },
        roots: async () => ({ roots: [] }),
      }),
    });
  });
  after(async () => {
    await session?.close();
    await client?.close();
    await server?.close();
  });

  const settle = async (name: string, args: Record<string, Json>) => {
    const execution = await session.callTool(name, args);
    assert.equal(execution.kind, 'task', `${name} runs as a task`);
    return (await within(execution.settle(), 20_000, `${name} to settle`)).outcome as Outcome;
  };
  const createdAsTask = (name: string) => log.some((e) => e.method === 'tools/call' && e.name === name && e.resultType === 'task');

  it('negotiates the 2026-07-28 era by itself (server/discover), not the 2025 initialize', () => {
    assert.equal(client.getProtocolEra(), 'modern');
    assert.equal(client.getNegotiatedProtocolVersion(), MODERN);
    assert.deepEqual(client.getServerCapabilities()?.extensions?.['io.modelcontextprotocol/tasks'], {});
  });

  it('a task to completion: a flat CreateTaskResult (resultType "task"), then the result inlined in tasks/get', T, async () => {
    const outcome = await settle('slow_compute', { seconds: 0.2, label: 'interop' });
    assert.equal(outcome.status, 'completed');
    assert.equal(outcome.result?.content?.[0]?.text, 'slow_compute (interop): done after 0.2 s');
    assert.ok(createdAsTask('slow_compute'), 'tools/call answered resultType "task"');
    assert.ok(log.some((e) => e.method === 'tasks/get' && e.resultType === 'complete' && e.status === 'completed'));
  });

  it('a tool error: completed with isError (2026 semantics, not failed)', T, async () => {
    const outcome = await settle('failing_job', {});
    assert.equal(outcome.status, 'completed');
    assert.equal(outcome.result?.isError, true);
    assert.ok(createdAsTask('failing_job'));
  });

  it('a protocol error: failed, the JSON-RPC error reaches the application', T, async () => {
    const execution = await session.callTool('protocol_error_job', {});
    assert.equal(execution.kind, 'task');
    const { outcome } = await within(execution.settle(), 20_000, 'protocol_error_job to settle');
    assert.equal(outcome.status, 'failed');
    assert.throws(
      () => resultFromTaskOutcome(outcome),
      (err) => err instanceof TaskFailedError && err.code === PROTOCOL_ERROR.code,
    );
    assert.ok(log.some((e) => e.method === 'tasks/get' && e.status === 'failed'));
  });

  it('a cancel: execution.cancel() while it runs; tasks/cancel acks, the task ends cancelled', T, async () => {
    const execution = await session.callTool('slow_compute', { seconds: 60 });
    assert.equal(execution.kind, 'task');
    const taskId = execution.handle!.taskId;
    await within(execution.cancel(), 10_000, 'cancel');
    const { outcome } = await within(execution.settle(), 10_000, 'settle after cancel');
    assert.equal(outcome.status, 'cancelled');
    assert.equal((await session.task(taskId).snapshot()).status, 'cancelled');
    assert.ok(log.some((e) => e.method === 'tasks/cancel' && e.resultType === 'complete'));
  });

  it('input during a task: inputRequests in tasks/get, answered through tasks/update (confirm_delete)', T, async () => {
    const outcome = await settle('confirm_delete', { filename: 'notes.txt' });
    assert.equal(outcome.status, 'completed');
    assert.equal(outcome.result?.content?.[0]?.text, 'Deleted notes.txt');
    assert.ok(deliveries.some((d) => d.delivery === 'task-update' && d.message === 'Delete notes.txt?'));
    assert.ok(log.some((e) => e.method === 'tasks/get' && e.status === 'input_required'));
    assert.ok(log.some((e) => e.method === 'tasks/update' && e.resultType === 'complete'));
  });

  it('MRTR escalating to a task: input_required before any task, then a task (test_tool_with_task)', T, async () => {
    const outcome = await settle('test_tool_with_task', {});
    assert.equal(outcome.status, 'completed');
    assert.equal(outcome.result?.content?.[0]?.text, 'Hello, Alice!');
    assert.ok(deliveries.some((d) => d.delivery === 'request-retry' && d.message === 'What is your name?'));
    const calls = log.filter((e) => e.method === 'tools/call' && e.name === 'test_tool_with_task').map((e) => e.resultType);
    assert.deepEqual(calls, ['input_required', 'task']);
  });

  describe('an SDK 1.32 client at the same URL, same run: the full 2025-11-25 behaviour', () => {
    let v1: ClientV1;
    before(async () => {
      v1 = new ClientV1({ name: 'sdk-v1-beside-2026', version: '1.0.0' }, { capabilities: CAPABILITIES });
      v1.setRequestHandler(ElicitRequestSchema, async () => ({ action: 'accept', content: { answer: 'v1' } }));
      await v1.connect(new TransportV1(new URL(server.url)));
    });
    after(async () => {
      await v1?.close();
    });

    it('negotiated 2025-11-25 through initialize (a session)', () => {
      assert.equal(v1.getServerCapabilities()?.tasks !== undefined, true, 'the 2025 tasks capability');
      const transport = v1.transport as TransportV1;
      assert.equal(typeof transport.sessionId, 'string');
      assert.equal(transport.protocolVersion, '2025-11-25');
    });

    it('a task-augmented call, tasks/get, tasks/result and tasks/list', T, async () => {
      const stream = v1.experimental.tasks.callToolStream(
        { name: 'delay', arguments: { ms: 50, text: 'done on 2025' } },
        CallToolResultSchema,
        { task: { ttl: 60_000 } },
      );
      let taskId: string | undefined;
      let last: { type: string; result?: { content?: { text?: string }[] } } | undefined;
      for await (const message of stream as AsyncGenerator<{
        type: string;
        task?: { taskId: string };
        result?: { content?: { text?: string }[] };
      }>) {
        if (message.type === 'taskCreated') taskId = message.task!.taskId;
        last = message;
      }
      assert.ok(taskId !== undefined, 'taskCreated came first');
      assert.equal(last?.result?.content?.[0]?.text, 'done on 2025');
      assert.equal((await v1.experimental.tasks.getTask(taskId)).status, 'completed');
      const result = await v1.experimental.tasks.getTaskResult(taskId, CallToolResultSchema);
      assert.equal((result.content[0] as { text: string }).text, 'done on 2025');
      const listed = await v1.experimental.tasks.listTasks();
      assert.ok(listed.tasks.some((t) => t.taskId === taskId));
    });

    it('a cancel of a running task', T, async () => {
      const stream = v1.experimental.tasks.callToolStream({ name: 'until_cancelled', arguments: {} }, CallToolResultSchema, {
        task: { ttl: 60_000 },
      });
      const first = (await stream.next()).value as { type: string; task: { taskId: string } };
      assert.equal(first.type, 'taskCreated');
      const cancelled = await v1.experimental.tasks.cancelTask(first.task.taskId);
      assert.equal(cancelled.status, 'cancelled');
      assert.equal((await v1.experimental.tasks.getTask(first.task.taskId)).status, 'cancelled');
      await stream.return(undefined);
    });

    it("the 2026 tasks are not in the 2025 session's listing (different owners), and the 2026 leg was used throughout", T, async () => {
      const listed = await v1.experimental.tasks.listTasks();
      const created2026 = log.filter((e) => e.resultType === 'task').length;
      assert.ok(created2026 >= 6, `ext-tasks created its tasks on the 2026 wire (${created2026})`);
      const ids2026 = new Set(log.filter((e) => e.resultType === 'task').map((e) => e.taskId));
      assert.ok(listed.tasks.length > 0);
      assert.ok(
        listed.tasks.every((t) => !ids2026.has(t.taskId)),
        "a 2026 tokenless task is not the 2025 session's (R77)",
      );
    });
  });
});
