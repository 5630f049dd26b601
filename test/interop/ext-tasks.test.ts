/**
 * Interop with `@modelcontextprotocol/ext-tasks` 0.2.2 (the MCP organisation's
 * generation-agnostic task client, on `@modelcontextprotocol/client` 2.x, its 2025-11-25 path)
 * against the reference server over Streamable HTTP. This client polls `tasks/get` and never
 * calls `tasks/result` while a task waits for input, so `ask_input` completes only because the
 * server carries the question on a `tasks/get` stream (R51; it used to hang forever). Also a
 * cancel and a listing that pages through `nextCursor`. The requestor kit's report on this client
 * is test/conformance/client/real-clients.test.ts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { createApplicationInputHandler, createTaskSessionFromClient } from '@modelcontextprotocol/ext-tasks/client';
import { startHttpServer, type HttpServerHandle } from '../../reference-server/http.js';

const T = { timeout: 30_000 };

/** Reject after `ms` (a hang guard: a hang is what this test exists to catch). */
function within<V>(promise: Promise<V>, ms: number, what: string): Promise<V> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out: ${what}`)), ms))),
  ]).finally(() => clearTimeout(timer));
}

describe('interop: @modelcontextprotocol/ext-tasks 0.2.2 against the reference server (HTTP, 2025-11-25)', () => {
  let server: HttpServerHandle;
  let client: Client;
  let session: ReturnType<typeof createTaskSessionFromClient>;
  before(async () => {
    // A small page, so the listing below goes through nextCursor.
    server = await startHttpServer({ port: 0, logger: () => {}, security: { defaultPageSize: 2, maxPageSize: 2 } });
    client = new Client({ name: 'ext-tasks-interop', version: '1.0.0' }, { capabilities: { elicitation: { form: {} } } });
    await client.connect(new StreamableHTTPClientTransport(new URL(server.url)));
    session = createTaskSessionFromClient(client, {
      endpointId: 'reference-server',
      onInputRequest: createApplicationInputHandler({
        elicitation: async () => ({ action: 'accept', content: { answer: 'from ext-tasks' } }),
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

  const settle = async (name: string, args: Record<string, string | number>) => {
    const execution = await session.callTool(name, args);
    return (await within(execution.settle(), 20_000, `${name} to settle`)).outcome as {
      status: string;
      result?: { content?: { text?: string }[]; isError?: boolean };
    };
  };

  it('a task to completion (a required tool runs as a task)', T, async () => {
    const outcome = await settle('support_required', {});
    assert.equal(outcome.status, 'completed');
    assert.equal(outcome.result?.content?.[0]?.text, 'support_required: ok');
  });

  it('a tool reporting an error: the isError result comes back', T, async () => {
    const outcome = await settle('fail_result', { text: 'nope' });
    assert.equal(outcome.result?.isError, true);
    assert.equal(outcome.result?.content?.[0]?.text, 'nope');
  });

  it('a thrown error: the call rejects with its message', T, async () => {
    await assert.rejects(settle('throw_error', { message: 'boom' }), /boom/);
  });

  it('a cancel: execution.cancel() while it runs; the outcome and the server say cancelled', T, async () => {
    const execution = await session.callTool('until_cancelled', {});
    assert.equal(execution.kind, 'task');
    const taskId = execution.handle!.taskId;
    await within(execution.cancel(), 10_000, 'cancel');
    const { outcome } = await within(execution.settle(), 10_000, 'settle after cancel');
    assert.equal(outcome.status, 'cancelled');
    assert.equal((await session.task(taskId).snapshot()).status, 'cancelled');
  });

  it("a listing: listTasks pages through tasks/list and shows this session's tasks", T, async () => {
    const execution = await session.callTool('delay', { ms: 1 }, { task: { preference: 'prefer' } });
    assert.equal(execution.kind, 'task');
    await within(execution.settle(), 10_000, 'delay to settle');
    const seen: string[] = [];
    let pages = 0;
    let cursor: string | undefined;
    do {
      const page = await session.listTasks(cursor);
      pages++;
      seen.push(...page.tasks.map((t) => t.taskId));
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    assert.ok(seen.includes(execution.handle!.taskId));
    assert.ok(pages > 1, 'the earlier tests left more tasks than one page holds');
    assert.equal(new Set(seen).size, seen.length, 'no task listed twice');
  });

  it('an elicitation answered through to the result (ask_input), although the client only polls tasks/get', T, async () => {
    const outcome = await settle('ask_input', { message: 'name?' });
    assert.equal(outcome.status, 'completed');
    assert.equal(outcome.result?.content?.[0]?.text, 'from ext-tasks');
  });
});
