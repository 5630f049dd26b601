/**
 * What one question costs the store: every TaskStore call the server makes from the moment the
 * work asks (`input` ask) until it has taken the answer (`input` take), and the writes among them,
 * on the memory store, with a tasks/result already waiting to carry it (R49). A regression guard:
 * the count may go down, never up unnoticed. The breakdown is printed as a test diagnostic.
 * (Measured when the side channel became one module: 9 calls and 4 writes before, 5 and 4 after.)
 */
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { ElicitResult } from '@modelcontextprotocol/sdk/types.js';
import { DelegatingStore } from '../mutation/seams.js';
import type { TaskStore } from '../../src/contract.js';
import { InMemoryTaskStore } from '../../src/stores/memory.js';
import { bounded, buildMcpServer, ClientEnd, Control, deferred, newClient, text } from './harness.js';

/** The server's store calls while counting is on (between an ask and its take), by method and command. */
function countingStore(inner: TaskStore): { store: TaskStore; calls: string[]; writes: () => number } {
  const calls: string[] = [];
  let counting = false;
  let writes = 0;
  inner.onChange(() => void (counting && writes++));
  const store = new DelegatingStore(inner, {
    get: (s, owner, taskId) => (counting && calls.push('get'), s.get(owner, taskId)),
    input: async (s, owner, taskId, command) => {
      if (command.type === 'ask') counting = true;
      if (counting) calls.push(`input ${command.type}`);
      try {
        return await s.input(owner, taskId, command);
      } finally {
        if (command.type === 'take') counting = false;
      }
    },
  });
  return { store, calls, writes: () => writes };
}

const schema = { type: 'object', properties: { answer: { type: 'string' } }, required: ['answer'] };

describe('store requests per question (memory store)', () => {
  const closers: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
  });

  it('R49 R51 ask -> delivered on a waiting tasks/result -> answered -> taken', async (t) => {
    const inner = new InMemoryTaskStore({ security: { allowAnonymous: true } });
    const { store, calls, writes } = countingStore(inner);
    const control = new Control();
    const { mcp, tasks } = buildMcpServer(store, control);
    const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
    await mcp.connect(serverTransport);
    const end = new ClientEnd(newClient());
    await end.client.connect(clientTransport);
    closers.push(
      () => inner.close(),
      async () => tasks.engine.close(),
      () => mcp.close(),
      () => end.close(),
    );

    const go = deferred<void>();
    control.on('c1', async (extra) => {
      await go.promise;
      const answer = (await extra.task!.elicit({ message: 'Which colour?', requestedSchema: schema })) as ElicitResult;
      return text(`got ${JSON.stringify(answer.content)}`);
    });
    end.onElicit = async () => ({ action: 'accept', content: { answer: 'red' } });
    const task = await end.createTask('work', { id: 'c1' });
    const result = end.request('tasks/result', { taskId: task.taskId });
    await control.started('c1');
    go.resolve();
    assert.deepEqual((await bounded(result, 'the final result')).content, text('got {"answer":"red"}').content);

    const tally: Record<string, number> = {};
    for (const call of calls) tally[call] = (tally[call] ?? 0) + 1;
    t.diagnostic(`store calls for one question: ${calls.length} (${writes()} writes) ${JSON.stringify(tally)}`);
    assert.equal(tally['input ask'], 1);
    assert.equal(tally['input answer'], 1);
    assert.equal(tally['input take'], 1);
    assert.ok(calls.length <= 5, `${calls.length} store calls: ${calls.join(', ')}`);
    assert.ok(writes() <= 4, `${writes()} writes`);
  });
});
