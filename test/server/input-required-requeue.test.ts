/**
 * A10: the requestor may give up a pending tasks/result (cancel it, or close its stream) while a
 * side-channel question is out. The question must not be lost, nor fail the task: the next
 * tasks/result carries it again.
 */
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { ResultSchema, type ElicitResult } from '@modelcontextprotocol/sdk/types.js';
import { bounded, deferred, memoryHarness, RELATED, text, type MemoryHarness } from './harness.js';

const schema = { type: 'object', properties: { answer: { type: 'string' } }, required: ['answer'] };

describe('input_required: a question whose tasks/result went away', () => {
  let h: MemoryHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('R49 R51 A10 is asked again on the next tasks/result, and the task completes', async () => {
    h = await memoryHarness();
    const { end, control } = h;
    control.on('q1', async (extra) => {
      const answer = (await extra.task!.elicit({ message: 'Which colour?', requestedSchema: schema })) as ElicitResult;
      return text(`got ${JSON.stringify(answer.content)}`);
    });
    const never = deferred<ElicitResult>();
    end.onElicit = () => never.promise; // the first carrier is abandoned before an answer
    const task = await end.createTask('work', { id: 'q1' });

    const abandon = new AbortController();
    const first = end.client.request({ method: 'tasks/result', params: { taskId: task.taskId } }, ResultSchema, { signal: abandon.signal });
    await end.until(() => end.elicitations.length === 1, 'the question on the first tasks/result');
    abandon.abort();
    await assert.rejects(first);

    end.onElicit = async () => ({ action: 'accept', content: { answer: 'green' } });
    const second = end.request('tasks/result', { taskId: task.taskId });
    await end.until(() => end.elicitations.length === 2, 'the same question on the next tasks/result');
    assert.deepEqual(end.elicitations[1]!.params, end.elicitations[0]!.params);
    assert.deepEqual(await bounded(second, 'final result'), {
      ...text('got {"answer":"green"}'),
      _meta: { [RELATED]: { taskId: task.taskId } },
    });
    assert.equal((await end.getTask(task.taskId)).status, 'completed');
  });
});
