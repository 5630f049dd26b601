/**
 * The side channel (`input`): questions stored with the task under keys unique for its whole
 * life, answers only for outstanding keys, settling back to `working`, claims for exactly-once
 * delivery, owner isolation and size limits (R47-R53; 2026-07-28 "inputRequests"/"inputResponses").
 */
import assert from 'node:assert/strict';
import type { InputRequest, TaskStore } from '../../src/contract.js';
import type { Owner } from '../../src/owner.js';
import { ALICE, BOB, COMPLETED, createInput, expectCode, type Harness, illTyped } from './common.js';

const QUESTION: InputRequest = { method: 'elicitation/create', params: { message: 'colour?', requestedSchema: { type: 'object' } } };
const ANSWER = { result: { action: 'accept', content: { colour: 'green' } } };

async function asking(store: TaskStore, owner: Owner = ALICE) {
  const task = await store.create(owner, createInput());
  const { key, task: asked } = await store.input(owner, task.taskId, { type: 'ask', request: QUESTION, statusMessage: 'waiting' });
  return { taskId: task.taskId, key: key!, asked };
}

export function inputTests({ describe, it }: Harness): void {
  describe('input (side channel)', () => {
    it('R47 ask stores the question and moves the task to input_required with its message', async ({ open }) => {
      const store = await open();
      const { taskId, key, asked } = await asking(store);
      assert.equal(asked.status, 'input_required');
      assert.equal(asked.statusMessage, 'waiting');
      assert.deepEqual(asked.input?.requests[key], QUESTION);
      assert.deepEqual((await store.get(ALICE, taskId)).input?.requests[key], QUESTION);
    });

    it("keys are unique for the task's whole life, also after answers and withdrawals", async ({ open }) => {
      const store = await open();
      const { taskId, key } = await asking(store);
      await store.input(ALICE, taskId, { type: 'answer', responses: { [key]: ANSWER } });
      const second = await store.input(ALICE, taskId, { type: 'ask', request: QUESTION });
      await store.input(ALICE, taskId, { type: 'withdraw', keys: [second.key!] });
      const third = await store.input(ALICE, taskId, { type: 'ask', request: QUESTION });
      assert.equal(new Set([key, second.key, third.key]).size, 3);
    });

    it('R50 answering the last outstanding question moves the task back to working and clears its message', async ({ open }) => {
      const store = await open();
      const { taskId, key } = await asking(store);
      const { accepted, task } = await store.input(ALICE, taskId, { type: 'answer', responses: { [key]: ANSWER } });
      assert.deepEqual(accepted, [key]);
      assert.equal(task.status, 'working');
      assert.equal(task.statusMessage, undefined);
      assert.deepEqual(task.input?.responses[key], ANSWER);
      assert.deepEqual(task.input?.requests, {});
    });

    it('a partial answer keeps input_required until the rest arrives', async ({ open }) => {
      const store = await open();
      const { taskId, key } = await asking(store);
      const other = await store.input(ALICE, taskId, { type: 'ask', request: QUESTION });
      const partial = await store.input(ALICE, taskId, { type: 'answer', responses: { [key]: ANSWER } });
      assert.equal(partial.task.status, 'input_required');
      const rest = await store.input(ALICE, taskId, { type: 'answer', responses: { [other.key!]: ANSWER } });
      assert.equal(rest.task.status, 'working');
    });

    it('answers for unknown or already answered keys are ignored, changing nothing', async ({ open }) => {
      const store = await open();
      const { taskId, key } = await asking(store);
      await store.input(ALICE, taskId, { type: 'answer', responses: { [key]: ANSWER } });
      const before = await store.get(ALICE, taskId);
      const again = await store.input(ALICE, taskId, {
        type: 'answer',
        responses: { [key]: { result: { action: 'decline' } }, nope: ANSWER },
      });
      assert.deepEqual(again.accepted, []);
      assert.equal((await store.get(ALICE, taskId)).version, before.version);
      assert.deepEqual((await store.get(ALICE, taskId)).input?.responses[key], ANSWER);
    });

    it('take removes and returns arrived answers, once', async ({ open }) => {
      const store = await open();
      const { taskId, key } = await asking(store);
      await store.input(ALICE, taskId, { type: 'answer', responses: { [key]: ANSWER } });
      const taken = await store.input(ALICE, taskId, { type: 'take', keys: [key] });
      assert.deepEqual(taken.responses, { [key]: ANSWER });
      const twice = await store.input(ALICE, taskId, { type: 'take', keys: [key] });
      assert.deepEqual(twice.responses, {});
    });

    it('withdraw drops a question; none left moves the task back to working', async ({ open }) => {
      const store = await open();
      const { taskId, key } = await asking(store);
      const { task } = await store.input(ALICE, taskId, { type: 'withdraw', keys: [key] });
      assert.equal(task.status, 'working');
      const late = await store.input(ALICE, taskId, { type: 'answer', responses: { [key]: ANSWER } });
      assert.deepEqual(late.accepted, []);
    });

    it('R51 a claim holds a question for one carrier until it lapses or is released', async ({ open, clock }) => {
      const store = await open();
      const { taskId, key } = await asking(store);
      assert.deepEqual((await store.input(ALICE, taskId, { type: 'claim', key, holder: 'a', ms: 1000 })).accepted, [key]);
      assert.deepEqual((await store.input(ALICE, taskId, { type: 'claim', key, holder: 'b', ms: 1000 })).accepted, []);
      assert.deepEqual(
        (await store.input(ALICE, taskId, { type: 'claim', key, holder: 'a', ms: 1000 })).accepted,
        [key],
        'the holder renews',
      );
      await store.input(ALICE, taskId, { type: 'release', key, holder: 'b' }); // not b's: no effect
      assert.deepEqual((await store.input(ALICE, taskId, { type: 'claim', key, holder: 'b', ms: 1000 })).accepted, []);
      clock.advance(1000);
      assert.deepEqual(
        (await store.input(ALICE, taskId, { type: 'claim', key, holder: 'b', ms: 1000 })).accepted,
        [key],
        'a lapsed claim is free',
      );
      await store.input(ALICE, taskId, { type: 'release', key, holder: 'b' });
      assert.deepEqual(
        (await store.input(ALICE, taskId, { type: 'claim', key, holder: 'c', ms: 1000 })).accepted,
        [key],
        'a released claim is free',
      );
    });

    it('R68 a terminal task refuses ask and answer (TASK_TERMINAL); take still returns what arrived', async ({ open }) => {
      const store = await open();
      const { taskId, key } = await asking(store);
      const other = await store.input(ALICE, taskId, { type: 'ask', request: QUESTION });
      await store.input(ALICE, taskId, { type: 'answer', responses: { [key]: ANSWER } });
      await store.complete(ALICE, taskId, COMPLETED);
      await expectCode(store.input(ALICE, taskId, { type: 'ask', request: QUESTION }), 'TASK_TERMINAL');
      await expectCode(store.input(ALICE, taskId, { type: 'answer', responses: { [other.key!]: ANSWER } }), 'TASK_TERMINAL');
      assert.deepEqual((await store.input(ALICE, taskId, { type: 'take', keys: [key] })).responses, { [key]: ANSWER });
      assert.deepEqual((await store.input(ALICE, taskId, { type: 'claim', key: other.key!, holder: 'a', ms: 10 })).accepted, []);
    });

    it('R77 another owner cannot read, ask, answer or claim: TASK_NOT_FOUND', async ({ open }) => {
      const store = await open();
      const { taskId, key } = await asking(store);
      await expectCode(store.input(BOB, taskId, { type: 'answer', responses: { [key]: ANSWER } }), 'TASK_NOT_FOUND');
      await expectCode(store.input(BOB, taskId, { type: 'ask', request: QUESTION }), 'TASK_NOT_FOUND');
      await expectCode(store.input(BOB, taskId, { type: 'claim', key, holder: 'x', ms: 10 }), 'TASK_NOT_FOUND');
      assert.deepEqual((await store.get(ALICE, taskId)).input?.responses, {});
    });

    it('malformed commands are refused with INVALID_ARGUMENT, writing nothing', async ({ open }) => {
      const store = await open();
      const { taskId, key } = await asking(store);
      const bad: unknown[] = [
        null,
        { type: 'shout' },
        { type: 'ask', request: { method: 'tools/call', params: {} } },
        { type: 'answer', responses: { [key]: { action: 'accept' } } },
        { type: 'answer', responses: { [key]: { error: { code: 'x', message: 'm' } } } },
        { type: 'take', keys: key },
        { type: 'claim', key, holder: 'a', ms: 0 },
        { type: 'progress', progressToken: null, progress: 1 },
        { type: 'progress', progressToken: 't', progress: 'half' },
        { type: 'progress-sent', progress: Number.NaN },
      ];
      for (const command of bad) await expectCode(store.input(ALICE, taskId, illTyped(command)), 'INVALID_ARGUMENT');
      assert.deepEqual((await store.get(ALICE, taskId)).input?.responses, {});
    });

    it('questions and unread answers are limited to maxRequestBytes (PAYLOAD_TOO_LARGE)', async ({ open }) => {
      const store = await open({ maxRequestBytes: 2048 });
      const { taskId, key } = await asking(store);
      const big = { result: { text: 'x'.repeat(4096) } };
      await expectCode(store.input(ALICE, taskId, { type: 'answer', responses: { [key]: big } }), 'PAYLOAD_TOO_LARGE');
      assert.equal((await store.get(ALICE, taskId)).status, 'input_required');
    });

    it('concurrent answers to different questions are all kept', async ({ open }) => {
      const store = await open();
      const { taskId } = await asking(store);
      const keys = [];
      for (let i = 0; i < 4; i++) keys.push((await store.input(ALICE, taskId, { type: 'ask', request: QUESTION })).key!);
      await Promise.all(keys.map((key) => store.input(ALICE, taskId, { type: 'answer', responses: { [key]: ANSWER } })));
      const task = await store.get(ALICE, taskId);
      assert.deepEqual(Object.keys(task.input!.responses).sort(), [...keys].sort());
    });

    it('each changing command announces one change; a no-op announces none', async ({ open }) => {
      const store = await open();
      const { taskId, key } = await asking(store);
      const seen: number[] = [];
      const stop = store.onChange((change) => seen.push(change.task.version));
      await store.input(ALICE, taskId, { type: 'answer', responses: { nope: ANSWER } });
      assert.equal(seen.length, 0);
      await store.input(ALICE, taskId, { type: 'answer', responses: { [key]: ANSWER } });
      assert.equal(seen.length, 1);
      stop();
    });

    it('R24 progress keeps the latest value through the other commands; each value is claimed for sending once, increasing', async ({
      open,
    }) => {
      const store = await open();
      const task = await store.create(ALICE, createInput());
      const progress = (value: number) =>
        store.input(ALICE, task.taskId, { type: 'progress', progressToken: 'tok', progress: value, total: 3, message: `step ${value}` });
      const sent = (value: number) => store.input(ALICE, task.taskId, { type: 'progress-sent', progress: value });
      await progress(1);
      assert.deepEqual((await sent(1)).accepted, ['1']);
      assert.deepEqual((await sent(1)).accepted, [], 'a value is claimed once');
      const { key } = await store.input(ALICE, task.taskId, { type: 'ask', request: QUESTION });
      await progress(2);
      await store.input(ALICE, task.taskId, { type: 'answer', responses: { [key!]: ANSWER } });
      const kept = (await store.get(ALICE, task.taskId)).input?.progress;
      assert.deepEqual(kept, { progressToken: 'tok', progress: 2, total: 3, message: 'step 2', sent: 1 });
      assert.deepEqual((await sent(3)).accepted, [], 'only the stored value');
      assert.deepEqual((await sent(2)).accepted, ['2']);
      await progress(1);
      assert.deepEqual((await sent(1)).accepted, [], 'never a value at or below one already sent');
      await expectCode(store.input(BOB, task.taskId, { type: 'progress-sent', progress: 1 }), 'TASK_NOT_FOUND');
    });

    it('R24 a terminal task keeps no more progress and lets none be claimed', async ({ open }) => {
      const store = await open();
      const task = await store.create(ALICE, createInput());
      await store.input(ALICE, task.taskId, { type: 'progress', progressToken: 7, progress: 1 });
      await store.complete(ALICE, task.taskId, COMPLETED);
      const before = await store.get(ALICE, task.taskId);
      assert.deepEqual((await store.input(ALICE, task.taskId, { type: 'progress', progressToken: 7, progress: 2 })).accepted, []);
      assert.deepEqual((await store.input(ALICE, task.taskId, { type: 'progress-sent', progress: 1 })).accepted, []);
      assert.equal((await store.get(ALICE, task.taskId)).version, before.version);
    });
  });
}
