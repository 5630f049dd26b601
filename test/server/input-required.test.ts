/** input_required side channel (R47-R53), over InMemoryTransport and real Streamable HTTP. */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { ElicitResultSchema, type ElicitResult } from '@modelcontextprotocol/sdk/types.js';
import {
  bounded,
  deferred,
  memoryHarness,
  RELATED,
  rejectsRpc,
  text,
  type ClientEnd,
  type Control,
  type MemoryHarness,
} from './harness.js';
import { httpHarness, type HttpHarness } from './http-harness.js';

const schema = { type: 'object', properties: { answer: { type: 'string' } }, required: ['answer'] };

/** The full flow for tool `tool` (run id `id`), asking through `ask`. */
async function flow(end: ClientEnd, control: Control, tool: string, id: string, ask: 'context' | 'sendRequest'): Promise<void> {
  control.on(id, async (extra) => {
    const answer =
      ask === 'context'
        ? await extra.task!.elicit({ message: 'Which colour?', requestedSchema: schema })
        : await extra.sendRequest(
            { method: 'elicitation/create', params: { mode: 'form', message: 'Which colour?', requestedSchema: schema as never } },
            ElicitResultSchema,
          );
    return text(`got ${JSON.stringify((answer as ElicitResult).content)}`);
  });
  const answered = deferred<ElicitResult>();
  end.onElicit = () => answered.promise;

  const task = await end.createTask(tool, { id });
  // R49: the requestor waits on tasks/result, which carries the side-channel request.
  const result = end.request('tasks/result', { taskId: task.taskId });
  await end.until(() => end.elicitations.length === 1, 'elicitation/create on the pending tasks/result');

  const request = end.elicitations[0]!;
  assert.equal(request.params.message, 'Which colour?');
  assert.deepEqual(request.params._meta?.[RELATED], { taskId: task.taskId }, 'R48 R53 related-task meta on the request');
  // R47: input_required while the question is open (notification and tasks/get agree).
  await end.until(() => end.statuses(task.taskId).some((n) => n.status === 'input_required'), 'input_required notification');
  assert.equal((await end.getTask(task.taskId)).status, 'input_required');

  answered.resolve({ action: 'accept', content: { answer: 'blue' }, _meta: { [RELATED]: { taskId: task.taskId } } });
  assert.deepEqual(await bounded(result, 'final result'), {
    ...text('got {"answer":"blue"}'),
    _meta: { [RELATED]: { taskId: task.taskId } },
  });
  // R50: back to working after the answer, then completed.
  await end.until(() => end.statuses(task.taskId).some((n) => n.status === 'completed'), 'completed notification');
  assert.deepEqual(
    end.statuses(task.taskId).map((n) => n.status),
    ['input_required', 'working', 'completed'],
  );
  assert.equal((await end.getTask(task.taskId)).status, 'completed');
}

describe('input_required over InMemoryTransport', () => {
  let h: MemoryHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('R47 R48 R50 R53 extra.task.elicit -> input_required, elicitation/create on tasks/result, answer resumes, final result', async () => {
    h = await memoryHarness();
    await flow(h.end, h.control, 'work', 'e1', 'context');
  });

  it('R47 R48 R50 extra.sendRequest(elicitation/create) from a plain tool made task-capable with setTaskSupport', async () => {
    h = await memoryHarness();
    await flow(h.end, h.control, 'plain', 'e2', 'sendRequest');
  });

  it('R47 R50 the low-level Server variant: extra.sendRequest travels the side channel too', async () => {
    h = await memoryHarness({ lowLevel: true });
    await flow(h.end, h.control, 'low', 'e3', 'sendRequest');
  });

  it('R49 a question asked before any tasks/result waits for the next tasks/result call', async () => {
    h = await memoryHarness();
    const { end, control } = h;
    control.on('e4', async (extra) =>
      text(JSON.stringify((await extra.task!.elicit({ message: 'Name?', requestedSchema: schema })).content)),
    );
    const task = await end.createTask('work', { id: 'e4' });
    await end.until(() => end.statuses(task.taskId).some((n) => n.status === 'input_required'), 'input_required');
    assert.equal(end.elicitations.length, 0, 'nothing is sent until a tasks/result carries it');
    const result = await end.request('tasks/result', { taskId: task.taskId });
    assert.equal(end.elicitations.length, 1);
    assert.deepEqual(result.content, text('{"answer":"yes"}').content);
  });

  it('R67 cancelling a task in input_required rejects its open question and the tool sees the abort', async () => {
    h = await memoryHarness();
    const { end, control } = h;
    const outcome = deferred<string>();
    control.on('e5', async (extra) => {
      try {
        await extra.task!.elicit({ message: 'Never answered', requestedSchema: schema });
        outcome.resolve('answered');
      } catch (error) {
        outcome.resolve(`rejected: ${String((error as { code?: unknown }).code)}`);
      }
      return text('after');
    });
    const task = await end.createTask('work', { id: 'e5' });
    await end.until(() => end.statuses(task.taskId).some((n) => n.status === 'input_required'), 'input_required');
    const cancelled = await end.request('tasks/cancel', { taskId: task.taskId });
    assert.equal(cancelled.status, 'cancelled');
    assert.equal(await bounded(outcome.promise, 'the elicit promise'), 'rejected: TASK_NO_LONGER_RUNNING');
    await rejectsRpc(end.request('tasks/result', { taskId: task.taskId }), -32602, 'cancelled');
    assert.equal((await end.getTask(task.taskId)).status, 'cancelled');
  });

  it('elicit without the client elicitation capability fails the task with a message saying so', async () => {
    h = await memoryHarness();
    const { end, control } = h;
    // Pretend the client declared nothing.
    (h.mcp!.server as unknown as { _clientCapabilities: unknown })._clientCapabilities = {};
    control.on('e6', async (extra) => {
      await extra.task!.elicit({ message: 'x', requestedSchema: schema });
      return text('unreachable');
    });
    const task = await end.createTask('work', { id: 'e6' });
    const error = await rejectsRpc(end.request('tasks/result', { taskId: task.taskId }), -32603);
    assert.deepEqual(error.data, { code: 'CAPABILITY_MISSING' });
    assert.equal((await end.getTask(task.taskId)).status, 'failed');
  });

  it('sampling without the client capability, and a request the side channel does not carry, are CAPABILITY_MISSING', async () => {
    h = await memoryHarness();
    const { end, control } = h;
    (h.mcp!.server as unknown as { _clientCapabilities: unknown })._clientCapabilities = {};
    const codes = deferred<unknown[]>();
    control.on('e7', async (extra) => {
      const seen: unknown[] = [];
      await extra.task!.createMessage({ messages: [], maxTokens: 1 }).catch((e: { code?: unknown }) => seen.push(e.code));
      await extra.sendRequest({ method: 'roots/list' } as never, ElicitResultSchema).catch((e: { code?: unknown }) => seen.push(e.code));
      codes.resolve(seen);
      return text('done');
    });
    await end.createTask('work', { id: 'e7' });
    assert.deepEqual(await bounded(codes.promise, 'the tool'), ['CAPABILITY_MISSING', 'CAPABILITY_MISSING']);
  });
});

describe('input_required over Streamable HTTP', () => {
  let h: HttpHarness;
  before(async () => {
    h = await httpHarness();
  });
  after(() => h.close());

  it('R47 R48 R50 R53 over HTTP: elicitation/create arrives on the tasks/result stream, the answer resumes the task', async () => {
    const end = await h.connect('alice');
    await flow(end, h.control, 'work', 'he1', 'context');
  });

  it('R47 R48 R50 over HTTP: extra.sendRequest from a plain tool made task-capable', async () => {
    const end = await h.connect('bob');
    await flow(end, h.control, 'plain', 'he2', 'sendRequest');
  });
});
