/**
 * Input during a task on the 2026 wire (tasks.md "Task Update Requests"): `tasks/get` inlines the
 * outstanding questions, `tasks/update` hands answers to the channel, which keeps only answers
 * to outstanding keys and checks them (the one `SideChannel`); `storeInputChannel` over a real
 * store with real questions; the leg's default channel is the engine's side channel.
 */
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { InvalidArgumentError, isTasksError } from '../../../src/errors/index.js';
import { FIXTURES_2026 } from '../../../src/fixtures/v2026.js';
import type { JsonObject } from '../../../src/json.js';
import type { TaskRecord } from '../../../src/record.js';
import { SideChannel } from '../../../src/server/core/side-channel.js';
import type { InputChannel } from '../../../src/server/v2026/input-channel.js';
import { storeInputChannel } from '../../../src/server/v2026/store-input-channel.js';
import { silentLogger } from '../../../src/server/core/logger.js';
import { InMemoryTaskStore } from '../../../src/stores/memory.js';
import { formatIssues, validate2026 } from '../../../src/validate/index.js';
import { bounded } from '../waits.js';
import { ScriptedTool, startLeg, WITH_TASKS, type Leg } from './harness.js';

const QUESTION = {
  method: 'elicitation/create' as const,
  params: { message: 'Delete it?', requestedSchema: { type: 'object', properties: { confirm: { type: 'boolean' } } } },
};
const ACCEPT = { action: 'accept', content: { confirm: true } };
const OWNER = 'auth:a';

/** A working task on a real store, with `questions` asked through the side channel; the record after. */
async function taskWith(store: InMemoryTaskStore, ...questions: JsonObject[]): Promise<TaskRecord> {
  const side = new SideChannel(store, silentLogger);
  let record = await store.create(OWNER, { request: { method: 'tools/call', params: {} } });
  for (const question of questions) record = (await side.ask(OWNER, record.taskId, question as typeof QUESTION, 'waiting')).task;
  return record;
}

describe('storeInputChannel', () => {
  const stores: InMemoryTaskStore[] = [];
  const fresh = () => {
    const store = new InMemoryTaskStore();
    stores.push(store);
    return store;
  };
  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close();
  });

  it('shows outstanding questions as method + params (no 2025 claim), keyed as stored', async () => {
    const store = fresh();
    const side = new SideChannel(store, silentLogger);
    const record = await taskWith(store, QUESTION);
    await side.claim(OWNER, record.taskId, '1', 'carrier', 60_000);
    const claimed = await store.get(OWNER, record.taskId);
    assert.ok(claimed.input?.requests['1']?.claim, 'the stored question carries a claim');
    assert.deepEqual(storeInputChannel(store).outstanding(claimed), { '1': QUESTION });
    assert.deepEqual(storeInputChannel(store).outstanding(await taskWith(store)), {});
  });

  it('leaves out a stored question that is not a valid 2026 InputRequest (it would break tasks/get)', async () => {
    const store = fresh();
    const broken = { method: 'elicitation/create', params: { requestedSchema: { type: 'object', properties: {} } } };
    assert.deepEqual(storeInputChannel(store).outstanding(await taskWith(store, QUESTION, broken)), { '1': QUESTION });
  });

  it('answers outstanding keys only; unknown keys are ignored before any check; the task works again', async () => {
    const store = fresh();
    const record = await taskWith(store, QUESTION, QUESTION);
    await storeInputChannel(store).answer(record, { '1': ACCEPT, 'unknown-key': { ignored: true } });
    const after = await store.get(OWNER, record.taskId);
    assert.deepEqual(after.input?.responses, { '1': { result: ACCEPT } });
    assert.deepEqual(Object.keys(after.input?.requests ?? {}), ['2']);
    await storeInputChannel(new SideChannel(store, silentLogger)).answer(after, { '2': ACCEPT });
    assert.equal((await store.get(OWNER, record.taskId)).status, 'working', 'R50 no question left');
  });

  it('writes nothing when no key is outstanding', async () => {
    const store = fresh();
    const record = await taskWith(store, QUESTION);
    await storeInputChannel(store).answer(record, { '9': ACCEPT });
    assert.equal((await store.get(OWNER, record.taskId)).version, record.version);
  });

  it('an invalid answer to an outstanding key is INVALID_ARGUMENT naming the field, and applies nothing', async () => {
    const store = fresh();
    const record = await taskWith(store, QUESTION, QUESTION);
    await assert.rejects(
      storeInputChannel(store).answer(record, { '1': ACCEPT, '2': { action: 'maybe' } }),
      (e) => isTasksError(e, 'INVALID_ARGUMENT') && /malformed: action/.test((e as Error).message),
    );
    assert.equal((await store.get(OWNER, record.taskId)).version, record.version);
  });
});

/** A channel the test controls: fixed questions, answers recorded. */
class StubChannel implements InputChannel {
  readonly answers: { [key: string]: JsonObject }[] = [];
  refuse = false;
  outstanding(): ReturnType<InputChannel['outstanding']> {
    return { '1': QUESTION } as unknown as ReturnType<InputChannel['outstanding']>;
  }
  async answer(_record: TaskRecord, responses: { readonly [key: string]: JsonObject }): Promise<void> {
    if (this.refuse) throw new InvalidArgumentError('bad answer');
    this.answers.push({ ...responses });
  }
}

let leg: Leg | undefined;
afterEach(async () => {
  await leg?.close();
  leg = undefined;
});

describe('2026 leg: tasks/get and tasks/update over the input channel', () => {
  async function inputRequiredTask(channel: StubChannel): Promise<string> {
    leg = startLeg([new ScriptedTool('job', 'optional')], true, channel);
    const created = await leg.rpc('tools/call', { name: 'job', arguments: {} });
    const taskId = created.result!.taskId as string;
    await leg.store.updateStatus('anonymous', taskId, { from: 'working', to: 'input_required' });
    return taskId;
  }

  it('an input_required task inlines the outstanding questions; tasks/update delivers the answers', async () => {
    const channel = new StubChannel();
    const taskId = await inputRequiredTask(channel);
    const read = await leg!.rpc('tasks/get', { taskId });
    const checked = validate2026('tasks/get result', read.result);
    assert.ok(checked.ok, checked.ok ? '' : formatIssues(checked.errors));
    assert.deepEqual(read.result?.inputRequests, { '1': QUESTION });

    const ack = await leg!.rpc('tasks/update', { taskId, inputResponses: { '1': ACCEPT } });
    assert.equal(ack.result?.resultType, 'complete');
    assert.deepEqual(channel.answers, [{ '1': ACCEPT }]);
  });

  it("the channel's INVALID_ARGUMENT is -32602 on the wire", async () => {
    const channel = new StubChannel();
    channel.refuse = true;
    const taskId = await inputRequiredTask(channel);
    const reply = await leg!.rpc('tasks/update', { taskId, inputResponses: { '1': { action: 'maybe' } } });
    assert.equal(reply.error?.code, -32602);
  });
});

describe("2026 leg without an `input` option: the engine's side channel", () => {
  it('R47 R50 a task that asks shows inputRequests; tasks/update answers it and the task completes', async () => {
    leg = startLeg([...FIXTURES_2026]);
    const capabilities = { ...WITH_TASKS, elicitation: {} };
    const created = await leg.rpc('tools/call', { name: 'confirm_delete', arguments: { filename: 'notes.txt' } }, { capabilities });
    const taskId = created.result!.taskId as string;
    const asked = await bounded(
      (async () => {
        for (;;) {
          const inputRequests = (await leg!.rpc('tasks/get', { taskId }, { capabilities })).result?.inputRequests;
          if (inputRequests) return inputRequests as JsonObject;
          await new Promise((resolve) => setImmediate(resolve));
        }
      })(),
      'the question in tasks/get',
    );
    const [key] = Object.keys(asked);
    assert.equal(((asked[key!] as JsonObject).params as JsonObject).message, 'Delete notes.txt?');
    const ack = await leg.rpc('tasks/update', { taskId, inputResponses: { [key!]: ACCEPT } }, { capabilities });
    assert.equal(ack.error, undefined);
    const done = await leg.settled(taskId, { capabilities });
    assert.equal(done.status, 'completed');
    assert.deepEqual((done.result as JsonObject).content, [{ type: 'text', text: 'Deleted notes.txt' }]);
  });
});
