/**
 * The side channel never loses a question or an answer (issue 24, A10), on the reference server
 * over real HTTP, on the memory store and on DynamoDB (dynalite in-process), with sessions and
 * stateless, through a raw HTTP client (conformance/protocol/raw-session.ts) that behaves as no
 * SDK client does: it ignores a question carried by `tasks/get`, drops a `tasks/result`
 * connection after receiving a question, answers late under an earlier delivery's id, answers
 * twice, answers as another owner, or answers with a JSON-RPC error.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { RawSession, type RawStream } from '../../conformance/protocol/raw-session.js';
import { startHttpServer, type HttpServerHandle, type HttpServerOptions } from '../../reference-server/http.js';
import { tokenTable } from '../../reference-server/tokens.js';
import type { TaskLogEntry } from '../../src/server/core/logger.js';
import { startDynamo, type Dynamo } from '../dynamodb/harness.js';
import { bounded } from '../server/waits.js';

type Json = Record<string, unknown>;
const T = { timeout: 30_000 };
const WAIT = 10_000;
const isQuestion = (m: Json) => m.method === 'elicitation/create' && m.id !== undefined;
const accept = (answer: string) => ({ action: 'accept', content: { answer } });

interface Setup {
  name: string;
  stateless?: boolean;
  dynamodb?: boolean;
}

const SETUPS: Setup[] = [
  { name: 'sessions, memory store' },
  { name: 'sessions, DynamoDB', dynamodb: true },
  { name: 'stateless, memory store', stateless: true },
];

for (const setup of SETUPS) {
  describe(`side channel: no question or answer lost (${setup.name})`, { timeout: 120_000 }, () => {
    let server: HttpServerHandle;
    let dynamo: Dynamo | undefined;
    const events: TaskLogEntry[] = [];
    const sessions: RawSession[] = [];

    before(async () => {
      let store: Partial<HttpServerOptions> = {};
      if (setup.dynamodb) {
        dynamo = await startDynamo();
        store = {
          store: 'dynamodb',
          dynamodb: { table: await dynamo.freshTable(), endpoint: dynamo.endpoint, createTable: false, cursorSecret: 'side-channel-test' },
        };
      }
      server = await startHttpServer({
        port: 0,
        host: '127.0.0.1',
        tokens: tokenTable({ 'token-a': 'alice', 'token-b': 'bob' }),
        logger: (entry) => void events.push(entry),
        stateless: setup.stateless === true,
        ...store,
      });
    });
    after(async () => {
      for (const session of sessions) await session.close();
      await server?.close();
      await dynamo?.stop();
    });

    const open = async (token = 'token-a') => {
      const session = await RawSession.open(server.url, { token }, { elicitation: { form: {} } }, WAIT);
      sessions.push(session);
      return session;
    };
    const askTask = async (raw: RawSession, message: string): Promise<string> => {
      const { response } = await raw.call('tools/call', { name: 'ask_input', arguments: { message }, task: { ttl: 60_000 } }, WAIT);
      const taskId = ((response?.result as Json | undefined)?.task as Json | undefined)?.taskId;
      assert.equal(typeof taskId, 'string', `a task: ${JSON.stringify(response)}`);
      return taskId as string;
    };
    const questionOn = async (stream: RawStream, what: string, except?: Json): Promise<Json> => {
      const found = await bounded(
        stream.next((m) => isQuestion(m) && m !== except, WAIT),
        what,
        WAIT + 1_000,
      );
      assert.ok(found, `${what}: the stream ended without it (${JSON.stringify(stream.messages)})`);
      return found;
    };
    const responseOf = async (stream: RawStream, what: string): Promise<Json> => {
      const found = await bounded(stream.response(WAIT), what, WAIT + 1_000);
      assert.ok(found, `${what}: no response`);
      return found;
    };
    const statusOf = async (raw: RawSession, taskId: string) =>
      ((await raw.call('tasks/get', { taskId }, WAIT)).response?.result as Json | undefined)?.status;
    /** Poll tasks/get (ignoring questions) until the task's status is `status`. */
    const statusBecomes = (raw: RawSession, taskId: string, status: string) =>
      poll(async () => ((await statusOf(raw, taskId)) === status ? status : undefined), `task ${taskId} to become ${status}`);
    /** Poll tasks/get until one of them carries the question; it is left unanswered. */
    const questionOnGet = (raw: RawSession, taskId: string) =>
      poll(
        async () => (await raw.call('tasks/get', { taskId }, WAIT)).stream.messages.find(isQuestion),
        'a tasks/get to carry the question',
      );
    const logged = (what: string, match: (entry: TaskLogEntry) => boolean) => poll(async () => events.find(match), what);
    const text = (response: Json) => JSON.stringify((response.result as Json | undefined)?.content);

    it(
      'A10 R49 R51 a question a tasks/get stream carried and the client ignored is asked on the next tasks/result; the answer there completes the task',
      T,
      async () => {
        const raw = await open();
        const taskId = await askTask(raw, 'colour?');
        const onGet = await questionOnGet(raw, taskId);
        const result = raw.request('tasks/result', { taskId });
        const onResult = await questionOn(result, 'the question on tasks/result');
        assert.notEqual(onResult.id, onGet.id, 'a request of its own');
        assert.deepEqual(onResult.params, onGet.params, 'the same question');
        await raw.post({ jsonrpc: '2.0', id: onResult.id, result: accept('green') });
        assert.match(text(await responseOf(result, 'the result')), /green/);
      },
    );

    it(
      'A10 R51 while one tasks/result carries the question no other stream gets it; when that connection drops, a tasks/result already waiting gets it',
      T,
      async () => {
        const raw = await open();
        const taskId = await askTask(raw, 'size?');
        const first = raw.request('tasks/result', { taskId });
        const asked = await questionOn(first, 'the question on the first tasks/result');
        const second = raw.request('tasks/result', { taskId });
        const { stream: poll } = await raw.call('tasks/get', { taskId }, WAIT);
        assert.equal(poll.messages.filter(isQuestion).length, 0, 'a poll does not carry a question another stream carries');
        assert.equal(second.messages.filter(isQuestion).length, 0, 'nor does the second tasks/result, yet');
        first.drop();
        const again = await questionOn(second, 'the question on the waiting tasks/result');
        assert.deepEqual(again.params, asked.params);
        await raw.post({ jsonrpc: '2.0', id: again.id, result: accept('large') });
        assert.match(text(await responseOf(second, 'the result')), /large/);
      },
    );

    it(
      'A10 R45 a client that drops the connection after the question is asked again; its answer POSTed later under the first id is taken',
      T,
      async () => {
        const raw = await open();
        const taskId = await askTask(raw, 'name?');
        const first = raw.request('tasks/result', { taskId });
        const asked = await questionOn(first, 'the question');
        first.drop();
        const second = raw.request('tasks/result', { taskId });
        await questionOn(second, 'the question asked again');
        second.drop();
        // The person's answer to the first delivery arrives after both streams ended.
        await raw.post({ jsonrpc: '2.0', id: asked.id, result: accept('Ada') });
        await statusBecomes(raw, taskId, 'completed');
        assert.match(text(await responseOf(raw.request('tasks/result', { taskId }), 'the result')), /Ada/);
      },
    );

    it('A10 an answer to a question already answered (through another delivery) changes nothing and is logged', T, async () => {
      const raw = await open();
      const taskId = await askTask(raw, 'first or second?');
      const onGet = await questionOnGet(raw, taskId);
      const result = raw.request('tasks/result', { taskId });
      const onResult = await questionOn(result, 'the question on tasks/result');
      await raw.post({ jsonrpc: '2.0', id: onResult.id, result: accept('first') });
      assert.match(text(await responseOf(result, 'the result')), /first/);
      await raw.post({ jsonrpc: '2.0', id: onGet.id, result: accept('second') });
      await logged('the ignored answer to be logged', (e) => e.event === 'task.answer_ignored' && e.taskId === taskId);
      assert.match(text(await responseOf(raw.request('tasks/result', { taskId }), 'the result again')), /first/);
    });

    it('A10 R77 an answer POSTed by another owner under the question id changes nothing', T, async () => {
      const alice = await open('token-a');
      const bob = await open('token-b');
      const taskId = await askTask(alice, 'secret?');
      const result = alice.request('tasks/result', { taskId });
      const asked = await questionOn(result, 'the question');
      await bob.post({ jsonrpc: '2.0', id: asked.id, result: accept('from bob') });
      await logged("bob's answer to be refused", (e) => e.event === 'task.answer_ignored' && e.owner === 'auth:bob' && e.taskId === taskId);
      assert.equal(await statusOf(alice, taskId), 'input_required', 'still waiting for its owner');
      await alice.post({ jsonrpc: '2.0', id: asked.id, result: accept('from alice') });
      assert.match(text(await responseOf(result, 'the result')), /from alice/);
    });

    it(
      'A10 R42 a question answered with a JSON-RPC error is settled once: the task fails with that error, the question is not sent again',
      T,
      async () => {
        const raw = await open();
        const taskId = await askTask(raw, 'anyone?');
        const result = raw.request('tasks/result', { taskId });
        const asked = await questionOn(result, 'the question');
        await raw.post({ jsonrpc: '2.0', id: asked.id, error: { code: -32601, message: 'Method not found' } });
        const response = await responseOf(result, 'the answer of tasks/result');
        assert.deepEqual(response.error, { code: -32601, message: 'Method not found' }, 'R42 the same error');
        assert.equal(result.messages.filter(isQuestion).length, 1, 'asked once');
        await statusBecomes(raw, taskId, 'failed');
      },
    );
  });
}

/** `probe` every 20 ms until it gives a value (at most WAIT ms, then the test fails naming `what`). */
async function poll<V>(probe: () => Promise<V | undefined>, what: string): Promise<V> {
  const deadline = Date.now() + WAIT;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${WAIT} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
