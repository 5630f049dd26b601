/**
 * Verifies interactive's KNOWN_DEVIATIONS, BROKEN_DEVIATIONS, CORRECT and UNSPECIFIED lists with a
 * raw client of its own (probe-client.ts: JSON-RPC over fetch, SSE read by hand; no SDK client, no kit).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Subject } from './sdk-http.js';
import { startInteractive } from './interactive.js';
import { HttpSession, ISO_UTC, RELATED, startHttpProgram, type Any, type Message, type OnRequest } from './probe-client.js';

const CAPS = { elicitation: {}, sampling: {} };
const SCHEMA = {
  type: 'object',
  properties: { confirm: { type: 'boolean', description: 'true to delete the file for good' } },
  required: ['confirm'],
};

/** Create a task, run tasks/result answering the one question with `answer`; returns all that was seen. */
async function round(
  s: HttpSession,
  tool: string,
  args: object,
  answer: (q: Message) => Promise<{ result: unknown } | { error: { code: number; message: string } }>,
) {
  const task = (await s.result('tools/call', { name: tool, arguments: args, task: { ttl: 60_000 } })).task;
  let question: Message | undefined;
  let statusWhileAsked: string | undefined;
  const onRequest: OnRequest = async (q) => {
    question = q;
    statusWhileAsked = (await s.result('tasks/get', { taskId: task.taskId })).status;
    return answer(q);
  };
  const ex = await s.exchange('tasks/result', { taskId: task.taskId }, onRequest);
  const final = await s.result('tasks/get', { taskId: task.taskId });
  return { task, question, statusWhileAsked, ex, final };
}

/** Every task tasks/list shows, following nextCursor (the SDK store pages by 10). */
async function listAll(s: HttpSession): Promise<Any[]> {
  const all: Any[] = [];
  let cursor: string | undefined;
  do {
    const page = await s.result('tasks/list', cursor === undefined ? {} : { cursor });
    all.push(...page.tasks);
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return all;
}

describe('interactive subject (probe)', () => {
  let subject: Subject;
  let s: HttpSession;
  let init: Any;
  before(async () => {
    subject = await startInteractive();
    s = new HttpSession(subject.url);
    init = await s.initialize(CAPS);
  });
  after(() => subject.close());

  it('R1: tasks capability; R14: both tools required', async () => {
    assert.deepEqual(init.capabilities.tasks, { list: {}, cancel: {}, requests: { tools: { call: {} } } });
    const { tools } = await s.result('tools/list');
    assert.deepEqual(
      tools.map((t: Any) => [t.name, t.execution?.taskSupport]),
      [
        ['confirm_delete', 'required'],
        ['summarize_with_model', 'required'],
      ],
    );
  });

  it('R13 (deviation): a required tool without task -> a successful isError result; tools: unknown tool likewise', async () => {
    const r = await s.result('tools/call', { name: 'confirm_delete', arguments: { path: '/x' } });
    assert.deepEqual(r, {
      content: [{ type: 'text', text: "MCP error -32601: Tool confirm_delete requires task augmentation (taskSupport: 'required')" }],
      isError: true,
    });
    assert.deepEqual(await s.result('tools/call', { name: 'nope', arguments: {} }), {
      content: [{ type: 'text', text: 'MCP error -32602: Tool nope not found' }],
      isError: true,
    });
  });

  it('R16/R47/R48/R50/R41/R44: confirm_delete accept -> input_required, related question on tasks/result, final result on the same stream', async () => {
    const task = (await s.result('tools/call', { name: 'confirm_delete', arguments: { path: '/tmp/a' }, task: { ttl: 60_000 } })).task;
    assert.equal(task.status, 'working');
    assert.equal(task.ttl, 60_000);
    assert.equal(task.pollInterval, 100);
    assert.match(task.createdAt, ISO_UTC);
    assert.equal((await s.pollUntil(task.taskId, (st) => st !== 'working')).status, 'input_required');
    let question: Message | undefined;
    const ex = await s.exchange('tasks/result', { taskId: task.taskId }, async (q) => {
      question = q;
      assert.equal((await s.result('tasks/get', { taskId: task.taskId })).status, 'input_required');
      return { result: { action: 'accept', content: { confirm: true } } }; // no related-task _meta (A8)
    });
    assert.equal(question?.method, 'elicitation/create');
    assert.deepEqual(question?.params, {
      mode: 'form',
      message: 'Delete /tmp/a? This cannot be undone.',
      requestedSchema: SCHEMA,
      _meta: { [RELATED]: { taskId: task.taskId } },
    });
    assert.ok(ex.contentType.includes('text/event-stream'));
    assert.deepEqual(ex.response?.result, {
      content: [{ type: 'text', text: 'deleted /tmp/a' }],
      _meta: { [RELATED]: { taskId: task.taskId } },
    });
    assert.equal((await s.result('tasks/get', { taskId: task.taskId })).status, 'completed');
  });

  it('R43: accept false, decline and cancel complete with a text saying so', async () => {
    const cases: [object, string][] = [
      [{ action: 'accept', content: { confirm: false } }, 'kept /tmp/b (not confirmed)'],
      [{ action: 'decline' }, 'the user declined; /tmp/b was not deleted'],
      [{ action: 'cancel' }, 'the user cancelled; /tmp/b was not deleted'],
    ];
    for (const [answer, expected] of cases) {
      const r = await round(s, 'confirm_delete', { path: '/tmp/b' }, async () => ({ result: answer }));
      assert.equal(r.statusWhileAsked, 'input_required');
      assert.equal(r.final.status, 'completed');
      assert.deepEqual(r.ex.response?.result.content, [{ type: 'text', text: expected }]);
    }
  });

  it('strict answers: anything else fails the task with isError; R75 (deviation): no statusMessage', async () => {
    const answers = [
      { result: { action: 'accept', content: { confirm: 'yes' } } },
      { result: { action: 'accept', content: { confirm: true, also: 'x' } } },
      { result: { action: 'accept' } },
      { result: { action: 'maybe' } },
      { error: { code: -1, message: 'the user closed the dialog' } },
    ];
    for (const answer of answers) {
      const r = await round(s, 'confirm_delete', { path: '/tmp/c' }, async () => answer);
      assert.equal(r.final.status, 'failed', JSON.stringify(answer));
      assert.equal(r.final.statusMessage, undefined);
      assert.equal(r.ex.response?.result.isError, true);
      assert.match(r.ex.response?.result.content[0].text, /^confirm_delete: invalid answer: /);
      assert.deepEqual(r.ex.response?.result._meta, { [RELATED]: { taskId: r.task.taskId } });
    }
  });

  it('R48: summarize_with_model sends a related sampling/createMessage and completes with exactly the text', async () => {
    const r = await round(s, 'summarize_with_model', { text: 'A long text.' }, async () => ({
      result: { role: 'assistant', content: { type: 'text', text: 'Short.' }, model: 'probe-llm', stopReason: 'endTurn' },
    }));
    assert.equal(r.question?.method, 'sampling/createMessage');
    assert.deepEqual(r.question?.params, {
      messages: [{ role: 'user', content: { type: 'text', text: 'Summarize in one sentence:\n\nA long text.' } }],
      maxTokens: 200,
      _meta: { [RELATED]: { taskId: r.task.taskId } },
    });
    assert.equal(r.statusWhileAsked, 'input_required');
    assert.deepEqual(r.ex.response?.result, {
      content: [{ type: 'text', text: 'Short.' }],
      _meta: { [RELATED]: { taskId: r.task.taskId } },
    });
    const bad = await round(s, 'summarize_with_model', { text: 'x' }, async () => ({
      result: { role: 'assistant', content: { type: 'image', data: 'AA==', mimeType: 'image/png' }, model: 'm' },
    }));
    assert.equal(bad.final.status, 'failed');
    assert.equal(bad.ex.response?.result.isError, true);
  });

  it('R67/R68: cancel while input_required -> cancelled; the later answer changes nothing; A9: result of a cancelled task', async () => {
    const r = await round(s, 'confirm_delete', { path: '/tmp/d' }, async (q) => {
      const taskId = q.params._meta[RELATED].taskId as string;
      assert.equal((await s.result('tasks/cancel', { taskId })).status, 'cancelled');
      return { result: { action: 'accept', content: { confirm: true } } };
    });
    assert.equal(r.final.status, 'cancelled');
    assert.equal(r.ex.response?.error?.code, -32603);
    assert.equal(r.ex.response?.error?.message, `Task ${r.task.taskId} has no result stored`);
  });

  it('A3: without the client capability the task fails at once with isError', async () => {
    const bare = new HttpSession(subject.url);
    await bare.initialize({});
    const task = (await bare.result('tools/call', { name: 'confirm_delete', arguments: { path: '/x' }, task: {} })).task;
    assert.equal(task.status, 'working');
    const result = await bare.result('tasks/result', { taskId: task.taskId });
    assert.deepEqual(result.content, [{ type: 'text', text: 'confirm_delete needs a client with the elicitation capability' }]);
    assert.equal(result.isError, true);
  });

  it('R77/R65: tasks are bound to their session; R71/R66: -32602 for unknown ids and terminal cancel', async () => {
    const r = await round(s, 'confirm_delete', { path: '/tmp/e' }, async () => ({ result: { action: 'decline' } }));
    const other = new HttpSession(subject.url);
    await other.initialize(CAPS);
    assert.equal((await other.error('tasks/get', { taskId: r.task.taskId })).code, -32602);
    assert.ok(!(await listAll(other)).some((t: Any) => t.taskId === r.task.taskId));
    assert.ok((await listAll(s)).some((t: Any) => t.taskId === r.task.taskId));
    for (const method of ['tasks/get', 'tasks/result', 'tasks/cancel'])
      assert.equal((await s.error(method, { taskId: 'nope' })).code, -32602);
    assert.equal((await s.error('tasks/cancel', { taskId: r.task.taskId })).code, -32602);
  });

  describe('broken variant', () => {
    let broken: Subject;
    let b: HttpSession;
    before(async () => {
      broken = await startInteractive({ broken: true, answerTimeoutMs: 1_000 });
      b = new HttpSession(broken.url);
      await b.initialize(CAPS);
    });
    after(() => broken.close());

    it('R47 (deviation): working while the related question is outstanding; the answer is still used', async () => {
      const r = await round(b, 'confirm_delete', { path: '/tmp/f' }, async () => ({
        result: { action: 'accept', content: { confirm: true } },
      }));
      assert.deepEqual(r.question?.params._meta, { [RELATED]: { taskId: r.task.taskId } });
      assert.equal(r.statusWhileAsked, 'working');
      assert.deepEqual(r.ex.response?.result.content, [{ type: 'text', text: 'deleted /tmp/f' }]);
    });

    it('R47 (deviation): a client polling for input_required never sees it; the task fails when the question times out', async () => {
      const task = (await b.result('tools/call', { name: 'confirm_delete', arguments: { path: '/tmp/g' }, task: {} })).task;
      const seen = new Set<string>();
      const end = await b.pollUntil(task.taskId, (st) => (seen.add(st), st !== 'working'), 400, 25);
      assert.deepEqual([...seen], ['working', 'failed']);
      assert.equal(end.status, 'failed');
      const result = await b.result('tasks/result', { taskId: task.taskId });
      assert.equal(result.isError, true);
      assert.match(result.content[0].text, /^confirm_delete: invalid answer: .*timed out/);
    });
  });

  it('runs as a program: --port --broken prints the URL', async () => {
    const program = await startHttpProgram(new URL('./interactive.js', import.meta.url), ['--port', '0', '--broken']);
    try {
      assert.equal((await new HttpSession(program.url).initialize(CAPS)).serverInfo.name, 'interactive-broken');
    } finally {
      program.child.kill('SIGTERM');
      await program.exited;
    }
  });
});
