/**
 * A request and its response stream end together (issue "Bounded resources", A10): a question
 * whose carrying tasks/result stream the client closed is asked again on the next tasks/result,
 * and `notifications/cancelled` for a pending tasks/result ends the stream that waited for it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startHttpServer, type HttpServerHandle } from '../../reference-server/http.js';
import { headers, isSession, openSession, type RawSession } from '../abuse/raw-client.js';
import { within } from './helpers.js';

/** POST a request and read its SSE stream until `until` matches a message; then abort or keep reading. */
async function streamUntil(
  url: string,
  session: RawSession,
  message: unknown,
  until: (m: Record<string, unknown>) => boolean,
  abort: boolean,
) {
  const controller = new AbortController();
  const res = await fetch(url, {
    method: 'POST',
    headers: headers(undefined, session.id),
    body: JSON.stringify(message),
    signal: controller.signal,
  });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { found: undefined, ended: true };
    buffer += decoder.decode(value, { stream: true });
    for (const line of buffer.split('\n')) {
      if (!line.startsWith('data:')) continue;
      const parsed = JSON.parse(line.slice(5)) as Record<string, unknown>;
      if (until(parsed)) {
        if (abort) controller.abort();
        return { found: parsed, ended: false, rest: abort ? undefined : reader };
      }
    }
  }
}

describe('reference server: request streams', () => {
  let server: HttpServerHandle;
  before(async () => {
    server = await startHttpServer({ port: 0, logger: () => {} });
  });
  after(() => server?.close());

  it('A10 R51 a question whose tasks/result stream was closed is asked again on the next tasks/result', { timeout: 20_000 }, async () => {
    const session = await openSession(server.url, undefined, { elicitation: { form: {} } });
    assert.ok(isSession(session));
    const created = await session.call('tools/call', { name: 'ask_input', arguments: { message: 'name?' }, task: { ttl: 60_000 } });
    const taskId = (created.result!.task as { taskId: string }).taskId;
    const isElicit = (m: Record<string, unknown>) => m.method === 'elicitation/create';
    const first = await within(
      streamUntil(server.url, session, { jsonrpc: '2.0', id: 'r1', method: 'tasks/result', params: { taskId } }, isElicit, true),
      10_000,
      'the first question',
    );
    assert.ok(first.found);
    const second = await within(
      streamUntil(server.url, session, { jsonrpc: '2.0', id: 'r2', method: 'tasks/result', params: { taskId } }, isElicit, false),
      10_000,
      'the question asked again',
    );
    assert.equal((second.found!.params as { message: string }).message, 'name?');
    // Answer it; the same stream then carries the task's result.
    await fetch(server.url, {
      method: 'POST',
      headers: headers(undefined, session.id),
      body: JSON.stringify({ jsonrpc: '2.0', id: second.found!.id, result: { action: 'accept', content: { answer: 'Ada' } } }),
    });
    const decoder = new TextDecoder();
    let text = '';
    for (;;) {
      const { done, value } = await within(second.rest!.read(), 10_000, 'the result');
      if (done) break;
      text += decoder.decode(value, { stream: true });
      if (text.includes('"id":"r2"')) break;
    }
    assert.match(text, /Ada/);
    await session.close();
  });

  it(
    'a malformed answer to elicitation/create fails the task with a one-line message, no validation dump',
    { timeout: 20_000 },
    async () => {
      const session = await openSession(server.url, undefined, { elicitation: { form: {} } });
      assert.ok(isSession(session));
      const created = await session.call('tools/call', { name: 'ask_input', arguments: {}, task: { ttl: 60_000 } });
      const taskId = (created.result!.task as { taskId: string }).taskId;
      const isElicit = (m: Record<string, unknown>) => m.method === 'elicitation/create';
      const asked = await within(
        streamUntil(server.url, session, { jsonrpc: '2.0', id: 'm1', method: 'tasks/result', params: { taskId } }, isElicit, false),
        10_000,
        'the question',
      );
      await fetch(server.url, {
        method: 'POST',
        headers: headers(undefined, session.id),
        body: JSON.stringify({ jsonrpc: '2.0', id: asked.found!.id, result: { action: 42 } }),
      });
      let task: Record<string, unknown> = {};
      for (let i = 0; i < 100 && task.status !== 'failed'; i++) {
        task = (await session.call('tasks/get', { taskId })).result!;
        if (task.status !== 'failed') await new Promise((resolve) => setTimeout(resolve, 50));
      }
      assert.equal(task.status, 'failed');
      const message = String(task.statusMessage);
      assert.match(message, /malformed: action/);
      assert.ok(!message.includes('\n') && !message.includes('"code"'), message);
      await session.close();
    },
  );

  it('notifications/cancelled for a pending tasks/result ends its stream', { timeout: 20_000 }, async () => {
    const session = await openSession(server.url);
    assert.ok(isSession(session));
    const created = await session.call('tools/call', { name: 'until_cancelled', arguments: {}, task: { ttl: 60_000 } });
    const taskId = (created.result!.task as { taskId: string }).taskId;
    const pending = fetch(server.url, {
      method: 'POST',
      headers: headers(undefined, session.id),
      body: JSON.stringify({ jsonrpc: '2.0', id: 'wait', method: 'tasks/result', params: { taskId } }),
    }).then((res) => res.text());
    await new Promise((resolve) => setTimeout(resolve, 100));
    await fetch(server.url, {
      method: 'POST',
      headers: headers(undefined, session.id),
      body: JSON.stringify({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 'wait' } }),
    });
    await within(pending, 10_000, 'the cancelled tasks/result stream to end');
    await session.call('tasks/cancel', { taskId });
    await session.close();
  });
});

describe('reference server: a requestor that only polls tasks/get (R51)', () => {
  let server: HttpServerHandle;
  before(async () => {
    server = await startHttpServer({ port: 0, logger: () => {} });
  });
  after(() => server?.close());

  it(
    'R51 A10 the question rides on a tasks/get stream; left unanswered, the next poll carries it again (a new request); a late answer to the first completes the task',
    { timeout: 20_000 },
    async () => {
      const session = await openSession(server.url, undefined, { elicitation: { form: {} } });
      assert.ok(isSession(session));
      const created = await session.call('tools/call', { name: 'ask_input', arguments: { message: 'colour?' }, task: { ttl: 60_000 } });
      const taskId = (created.result!.task as { taskId: string }).taskId;
      // Poll as a client that never calls tasks/result; read each whole SSE answer.
      const poll = async () => {
        const res = await fetch(server.url, {
          method: 'POST',
          headers: headers(undefined, session.id),
          body: JSON.stringify({ jsonrpc: '2.0', id: `g${Math.random()}`, method: 'tasks/get', params: { taskId } }),
        });
        const messages = (await res.text())
          .split('\n')
          .filter((l) => l.startsWith('data:'))
          .map((l) => JSON.parse(l.slice(5)) as Record<string, unknown>);
        return {
          questions: messages.filter((m) => m.method === 'elicitation/create'),
          task: messages.find((m) => m.result)?.result as Record<string, unknown> | undefined,
        };
      };
      let question: Record<string, unknown> | undefined;
      for (let i = 0; i < 100 && !question; i++) {
        const { questions, task } = await poll();
        question = questions[0];
        if (!question) {
          assert.notEqual(task?.status, 'failed');
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      }
      assert.ok(question, 'a tasks/get carried the question');
      assert.equal((question.params as { message: string }).message, 'colour?');
      assert.deepEqual((question.params as { _meta: Record<string, unknown> })._meta['io.modelcontextprotocol/related-task'], { taskId });
      // The poll's stream ended unanswered: the question was given back, so the next poll asks again.
      const again = await poll();
      assert.equal(again.questions.length, 1, 'at least once until answered: the next poll carries it again');
      assert.notEqual(again.questions[0]!.id, question.id, 'as a request of its own');
      assert.deepEqual(again.questions[0]!.params, question.params);
      assert.equal(again.task?.status, 'input_required');
      // The answer to the first delivery, after its stream ended: the question is still open, so it is taken.
      await fetch(server.url, {
        method: 'POST',
        headers: headers(undefined, session.id),
        body: JSON.stringify({ jsonrpc: '2.0', id: question.id, result: { action: 'accept', content: { answer: 'green' } } }),
      });
      let status: unknown;
      for (let i = 0; i < 100 && status !== 'completed'; i++) {
        status = (await poll()).task?.status;
        if (status !== 'completed') await new Promise((resolve) => setTimeout(resolve, 50));
      }
      assert.equal(status, 'completed');
      const result = await session.call('tasks/result', { taskId });
      assert.match(JSON.stringify(result.result), /green/);
      await session.close();
    },
  );
});
