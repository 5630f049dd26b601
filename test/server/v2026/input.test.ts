/**
 * Input during a task on the 2026 wire (tasks.md "Task Update Requests"): `tasks/get` inlines the
 * outstanding questions, `tasks/update` hands answers to the channel, which keeps only answers
 * to outstanding keys and checks them; `storeInputChannel` over a stand-in for the store's
 * side channel (the real one is PENDING on main).
 */
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { InvalidArgumentError, isTasksError } from '../../../src/errors/index.js';
import type { JsonObject } from '../../../src/json.js';
import type { TaskRecord } from '../../../src/record.js';
import type { InputChannel } from '../../../src/server/v2026/input-channel.js';
import { storeInputChannel, type SideChannelStore } from '../../../src/server/v2026/store-input-channel.js';
import { formatIssues, validate2026 } from '../../../src/validate/index.js';
import { ScriptedTool, startLeg, type Leg } from './harness.js';

const QUESTION = {
  method: 'elicitation/create' as const,
  params: { message: 'Delete it?', requestedSchema: { type: 'object', properties: { confirm: { type: 'boolean' } } } },
};
const ACCEPT = { action: 'accept', content: { confirm: true } };

/** A record as the store will hand it out once it carries the side channel. */
function recordWithQuestions(requests: { [key: string]: JsonObject }): TaskRecord {
  const base = { taskId: 't1', owner: 'auth:a', status: 'input_required', createdAt: 0, lastUpdatedAt: 0, ttl: null, expiresAt: null };
  return { ...base, request: { method: 'tools/call', params: {} }, variables: {}, version: 1, input: { issued: 2, requests, responses: {} } } as unknown as TaskRecord;
}

class RecordingStore implements SideChannelStore {
  readonly commands: { owner: string; taskId: string; command: unknown }[] = [];
  async input(owner: string, taskId: string, command: unknown): Promise<unknown> {
    this.commands.push({ owner, taskId, command });
    return {};
  }
}

describe('storeInputChannel', () => {
  it('shows outstanding questions as method + params (no 2025 claim), keyed as stored', () => {
    const channel = storeInputChannel(new RecordingStore());
    const record = recordWithQuestions({ '1': { ...QUESTION, claim: { holder: 'x', until: 5 } } });
    assert.deepEqual(channel.outstanding(record), { '1': QUESTION });
    assert.deepEqual(channel.outstanding(recordWithQuestions({})), {});
  });

  it('leaves out a stored question that is not a valid 2026 InputRequest (it would break tasks/get)', () => {
    const channel = storeInputChannel(new RecordingStore());
    const broken = { method: 'elicitation/create', params: { requestedSchema: { type: 'object', properties: {} } } };
    assert.deepEqual(channel.outstanding(recordWithQuestions({ '1': QUESTION, '2': broken })), { '1': QUESTION });
  });

  it('answers outstanding keys only, as results; unknown keys are ignored before any check', async () => {
    const store = new RecordingStore();
    await storeInputChannel(store).answer(recordWithQuestions({ '1': QUESTION, '2': QUESTION }), { '1': ACCEPT, 'unknown-key': { ignored: true } });
    assert.deepEqual(store.commands, [{ owner: 'auth:a', taskId: 't1', command: { type: 'answer', responses: { '1': { result: ACCEPT } } } }]);
  });

  it('writes nothing when no key is outstanding', async () => {
    const store = new RecordingStore();
    await storeInputChannel(store).answer(recordWithQuestions({ '1': QUESTION }), { '9': ACCEPT });
    assert.equal(store.commands.length, 0);
  });

  it('an invalid answer to an outstanding key is INVALID_ARGUMENT and applies nothing', async () => {
    const store = new RecordingStore();
    const channel = storeInputChannel(store);
    await assert.rejects(channel.answer(recordWithQuestions({ '1': QUESTION, '2': QUESTION }), { '1': ACCEPT, '2': { action: 'maybe' } }), (e) => isTasksError(e, 'INVALID_ARGUMENT'));
    assert.equal(store.commands.length, 0);
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
