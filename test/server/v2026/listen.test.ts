/**
 * Push on the 2026 wire (issue 25, part 2): `subscriptions/listen` with `taskIds` through the
 * leg's fetch face. The ack comes first and names only the requestor's own tasks (another
 * owner's and unknown IDs left out alike); then `notifications/tasks` carry each task as
 * `tasks/get` shows it (valid `notifications/tasks` messages, the subscription's id in `_meta`),
 * at each change of status or questions, the last at its terminal status; then the listen's
 * result ends the stream. -32021 without the extension; a listen without `taskIds` is the SDK's.
 * Cross-instance: a subscriber on another engine sees a completion it learns only by reading
 * the shared store (the poll a store without a change feed gets).
 */
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import type { AuthInfo } from '@modelcontextprotocol/server';
import type { StoreCapabilities, TaskChange } from '../../../src/contract.js';
import { FIXTURES_2026 } from '../../../src/fixtures/v2026.js';
import type { JsonObject } from '../../../src/json.js';
import { TaskEngine } from '../../../src/server/core/engine.js';
import type { DefinedTool } from '../../../src/server/core/tool-definition.js';
import { createTasksHandler2026, type Tool2026 } from '../../../src/server/v2026/index.js';
import { InMemoryTaskStore } from '../../../src/stores/memory.js';
import { formatIssues, validate2026 } from '../../../src/validate/index.js';
import { bounded } from '../waits.js';
import { rpcRequest, ScriptedTool, sseMessages, startLeg, WITH_TASKS, WITHOUT_TASKS, type Leg } from './harness.js';

const SUB = 'io.modelcontextprotocol/subscriptionId';
const alice: AuthInfo = { token: 'a', clientId: 'alice', scopes: [] };
const bob: AuthInfo = { token: 'b', clientId: 'bob', scopes: [] };

/** Open a listen for `taskIds` as `authInfo`; the response (SSE, or a JSON-RPC error). */
function listen(
  leg: { handler: Leg['handler'] },
  taskIds: unknown,
  authInfo?: AuthInfo,
  capabilities?: JsonObject,
  signal?: AbortSignal,
): Promise<Response> {
  const request = rpcRequest('subscriptions/listen', { notifications: { taskIds } as JsonObject }, capabilities ? { capabilities } : {});
  return leg.handler.fetch(signal ? new Request(request, { signal }) : request, authInfo ? { authInfo } : {});
}

/** Every message of a listen until its stream ends (bounded). */
function allOf(response: Response): Promise<JsonObject[]> {
  return bounded(
    (async () => {
      const out: JsonObject[] = [];
      for await (const message of sseMessages(response)) out.push(message);
      return out;
    })(),
    'the listen stream to end',
  );
}

const params = (m: JsonObject) => m.params as JsonObject;
const statuses = (messages: JsonObject[]) => messages.filter((m) => m.method === 'notifications/tasks').map((m) => params(m).status);

describe('2026 leg: subscriptions/listen for task IDs', () => {
  const legs: Leg[] = [];
  const leg = (tools: readonly (Tool2026 | DefinedTool)[]) => {
    const started = startLeg([...tools], false);
    legs.push(started);
    return started;
  };
  afterEach(async () => {
    for (const started of legs.splice(0)) await started.close();
  });

  it('acks the own task, pushes it as tasks/get shows it until terminal, then ends with the listen result', async () => {
    const job = new ScriptedTool('job', 'optional');
    const l = leg([job]);
    const taskId = (await l.rpc('tools/call', { name: 'job', arguments: {} }, { authInfo: alice })).result!.taskId as string;
    const response = await listen(l, [taskId], alice);
    assert.match(response.headers.get('content-type') ?? '', /text\/event-stream/);
    const messages = sseMessages(response);
    const ack = (await messages.next()).value as JsonObject;
    assert.equal(ack.method, 'notifications/subscriptions/acknowledged');
    assert.deepEqual(params(ack).notifications, { taskIds: [taskId] });
    const id = (params(ack)._meta as JsonObject)[SUB];
    const working = (await messages.next()).value as JsonObject;
    assert.equal(params(working).status, 'working');
    job.call(0).resolve({ content: [{ type: 'text', text: 'done' }] });
    const rest: JsonObject[] = [];
    for await (const message of messages) rest.push(message);
    const [completed, end] = [rest.at(-2)!, rest.at(-1)!];
    for (const note of [working, completed]) {
      const problems = validate2026('notifications/tasks', note);
      assert.equal(problems.ok, true, problems.ok ? '' : formatIssues(problems.errors));
      assert.equal((params(note)._meta as JsonObject)[SUB], id);
    }
    // As tasks/get shows it (bar resultType and the envelope's _meta).
    const { resultType: _r, _meta: _m, ...got } = (await l.rpc('tasks/get', { taskId }, { authInfo: alice })).result!;
    const { _meta: _s, ...pushed } = params(completed);
    assert.deepEqual(pushed, got);
    assert.equal(end.id, id);
    assert.deepEqual(end.result, {
      resultType: 'complete',
      _meta: { [SUB]: id, 'io.modelcontextprotocol/serverInfo': { name: 'mcp-tasks', version: '0.1.0' } },
    });
    assert.deepEqual(statuses(rest), ['completed']);
  });

  it("agrees only to the requestor's own tasks: another owner's and unknown IDs are left out alike", async () => {
    const job = new ScriptedTool('job', 'optional');
    const l = leg([job]);
    const mine = (await l.rpc('tools/call', { name: 'job', arguments: {} }, { authInfo: alice })).result!.taskId as string;
    const theirs = (await l.rpc('tools/call', { name: 'job', arguments: {} }, { authInfo: bob })).result!.taskId as string;
    const response = await listen(l, [theirs, mine, 'no-such-task', mine], alice);
    job.call(0).resolve({ content: [] });
    job.call(1).resolve({ content: [] });
    const messages = await allOf(response);
    assert.deepEqual(params(messages[0]!).notifications, { taskIds: [mine] });
    const pushedIds = new Set(messages.filter((m) => m.method === 'notifications/tasks').map((m) => params(m).taskId));
    assert.deepEqual([...pushedIds], [mine]);
    assert.deepEqual(statuses(messages).at(-1), 'completed');
  });

  it('pushes input_required with inputRequests, then working and completed after the answer', async () => {
    const l = leg(FIXTURES_2026);
    const capabilities = { ...WITH_TASKS, elicitation: {} };
    const taskId = (
      await l.rpc('tools/call', { name: 'confirm_delete', arguments: { filename: 'a.txt' } }, { authInfo: alice, capabilities })
    ).result!.taskId as string;
    const messages = sseMessages(await listen(l, [taskId], alice));
    await messages.next(); // ack
    let note = (await messages.next()).value as JsonObject;
    if (params(note).status === 'working') note = (await messages.next()).value as JsonObject;
    assert.equal(params(note).status, 'input_required');
    const keys = Object.keys(params(note).inputRequests as JsonObject);
    assert.equal(keys.length, 1);
    await l.rpc(
      'tasks/update',
      { taskId, inputResponses: { [keys[0]!]: { action: 'accept', content: { confirm: true } } } },
      { authInfo: alice },
    );
    const rest: JsonObject[] = [];
    for await (const message of messages) rest.push(message);
    assert.equal(statuses(rest).at(-1), 'completed');
    assert.ok(rest.at(-1)!.result, 'the listen result ends the stream');
  });

  it('a task already settled is pushed once, terminal, and the stream ends', async () => {
    const job = new ScriptedTool('job', 'optional');
    const l = leg([job]);
    const taskId = (await l.rpc('tools/call', { name: 'job', arguments: {} }, { authInfo: alice })).result!.taskId as string;
    job.call(0).resolve({ content: [] });
    await l.settled(taskId, { authInfo: alice });
    assert.deepEqual(statuses(await allOf(await listen(l, [taskId], alice))), ['completed']);
  });

  it('nothing agreed: the ack names no task and the stream ends at once', async () => {
    const l = leg([]);
    const messages = await allOf(await listen(l, ['no-such-task'], alice));
    assert.deepEqual(params(messages[0]!).notifications, { taskIds: [] });
    assert.equal(messages.length, 2);
    assert.ok(messages[1]!.result);
  });

  it('-32021 (HTTP 400) without the extension; -32602 for taskIds that are not strings', async () => {
    const l = leg([]);
    const refused = await listen(l, [], alice, WITHOUT_TASKS);
    assert.equal(refused.status, 400);
    const error = ((await refused.json()) as { error: { code: number; data: JsonObject } }).error;
    assert.equal(error.code, -32021);
    assert.ok((error.data.requiredCapabilities as JsonObject).extensions);
    const bad = (await (await listen(l, 'abc', alice)).json()) as { error: { code: number } };
    assert.equal(bad.error.code, -32602);
  });

  it('a listen without taskIds is still the SDK router (nothing of ours agreed)', async () => {
    const l = leg([]);
    const request = rpcRequest('subscriptions/listen', { notifications: { toolsListChanged: true } });
    const messages = await allOf(await l.handler.fetch(request, { authInfo: alice }));
    assert.deepEqual(params(messages[0]!).notifications, {});
  });

  it('closing the handler ends an open subscription with the listen result; a client gone ends it without', async () => {
    const job = new ScriptedTool('job', 'optional');
    const l = leg([job]);
    const taskId = (await l.rpc('tools/call', { name: 'job', arguments: {} }, { authInfo: alice })).result!.taskId as string;
    const gone = new AbortController();
    const left = sseMessages(await listen(l, [taskId], alice, undefined, gone.signal));
    await left.next();
    gone.abort();
    const after = await bounded(
      (async () => {
        const seen: JsonObject[] = [];
        for await (const m of left) seen.push(m);
        return seen;
      })(),
      'the stream to end after the abort',
    );
    assert.ok(
      after.every((m) => m.method === 'notifications/tasks' && params(m).status === 'working'),
      'no listen result: the client left',
    );
    const open = allOf(await listen(l, [taskId], alice));
    await l.handler.close();
    const messages = await open;
    assert.ok(messages.at(-1)!.result, 'graceful end');
  });
});

/** A store shared with "another process": its changes are not announced here, only found by reading. */
class QuietSharedStore extends InMemoryTaskStore {
  override readonly capabilities: StoreCapabilities = { sharedAcrossProcesses: true };
  override onChange(_listener: (change: TaskChange) => void): () => void {
    return () => undefined;
  }
}

describe('2026 leg: push across instances', () => {
  it('a subscriber on another engine sees the completion written by the first (shared-store poll)', async () => {
    const store = new QuietSharedStore({ security: { allowAnonymous: true } });
    const job = new ScriptedTool('job', 'optional');
    const worker = new TaskEngine({ store, sharedStorePollMs: 10 });
    const watcher = new TaskEngine({ store, sharedStorePollMs: 10 });
    const working = createTasksHandler2026({ engine: worker, tools: [job] });
    const watching = createTasksHandler2026({ engine: watcher, tools: [job] });
    try {
      const created = JSON.parse(await (await working.fetch(rpcRequest('tools/call', { name: 'job', arguments: {} }))).text()) as {
        result: JsonObject;
      };
      const taskId = created.result.taskId as string;
      const open = allOf(await watching.fetch(rpcRequest('subscriptions/listen', { notifications: { taskIds: [taskId] } })));
      job.call(0).resolve({ content: [] });
      assert.deepEqual(statuses(await open).at(-1), 'completed');
    } finally {
      await working.close();
      await watching.close();
      worker.close();
      watcher.close();
      await store.close();
    }
  });
});
