/**
 * `TasksServer.registerTool` takes what McpServer's `registerTool` takes, `outputSchema` included,
 * and its tools go through McpServer's own argument parsing and output check: a result violating
 * the outputSchema gives exactly what McpServer gives (plain call, and as the task's result, R43).
 * `remove()`, `disable()` and renames on the returned RegisteredTool are honoured (R11, R13 codes).
 */
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import * as z from 'zod';
import { memoryHarness, RELATED, type MemoryHarness } from './harness.js';
import { rejectsCode } from './rejects.js';

/** Answers `temp` as given: a number fits the outputSchema, anything else violates it. */
const forecast = async ({ temp }: { temp?: unknown }): Promise<CallToolResult> => ({
  content: [{ type: 'text', text: `temp ${String(temp)}` }],
  ...(temp !== undefined && { structuredContent: { temp } }),
});

const config = {
  inputSchema: { temp: z.unknown().optional() },
  outputSchema: { temp: z.number() },
};

/** `weather` through TasksServer.registerTool, `weather_sdk` through McpServer's, same config and handler. */
async function start(): Promise<MemoryHarness> {
  const h = await memoryHarness();
  h.tasks.registerTool('weather', { ...config, execution: { taskSupport: 'optional' } }, forecast);
  h.mcp!.registerTool('weather_sdk', config, forecast);
  return h;
}

describe('registerTool with outputSchema', () => {
  let h: MemoryHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('is listed with its outputSchema and taskSupport, like McpServer lists it', async () => {
    h = await start();
    const { tools } = (await h.end.request('tools/list', {})) as {
      tools: { name: string; outputSchema?: unknown; execution?: { taskSupport?: string } }[];
    };
    const ours = tools.find((t) => t.name === 'weather')!;
    const sdk = tools.find((t) => t.name === 'weather_sdk')!;
    assert.deepEqual(ours.outputSchema, sdk.outputSchema);
    assert.deepEqual((ours.outputSchema as { required?: string[] }).required, ['temp']);
    assert.equal(ours.execution?.taskSupport, 'optional');
  });

  it('a result that fits: plain call and R43 task result carry the structuredContent', async () => {
    h = await start();
    assert.deepEqual((await h.end.request('tools/call', { name: 'weather', arguments: { temp: 21 } })).structuredContent, { temp: 21 });
    const task = await h.end.createTask('weather', { temp: 22 });
    const result = await h.end.request('tasks/result', { taskId: task.taskId });
    assert.deepEqual(result.structuredContent, { temp: 22 });
    assert.equal((await h.end.getTask(task.taskId)).status, 'completed');
  });

  for (const [label, args] of [
    ['wrong structuredContent', { temp: 'hot' }],
    ['no structuredContent', {}],
  ] as const) {
    it(`${label}: the plain call gives what McpServer gives; as a task, that result and R75 failed`, async () => {
      h = await start();
      const sdk = await h.end.request('tools/call', { name: 'weather_sdk', arguments: args });
      assert.equal(sdk.isError, true, 'McpServer answers an error result');
      const expected = JSON.parse(JSON.stringify(sdk).replaceAll('weather_sdk', 'weather')) as Record<string, unknown>;
      assert.deepEqual(await h.end.request('tools/call', { name: 'weather', arguments: args }), expected);

      const task = await h.end.createTask('weather', args);
      const result = await h.end.request('tasks/result', { taskId: task.taskId });
      assert.deepEqual(result, { ...expected, _meta: { [RELATED]: { taskId: task.taskId } } });
      assert.equal((await h.end.getTask(task.taskId)).status, 'failed');
    });
  }

  it('an inputSchema given as a zod object (not a raw shape) parses too: -32602 INVALID_ARGUMENT naming the field', async () => {
    h = await memoryHarness();
    h.tasks.registerTool(
      'sum',
      { inputSchema: z.object({ a: z.number(), b: z.number() }), execution: { taskSupport: 'optional' } },
      async ({ a, b }) => ({
        content: [{ type: 'text', text: String(a + b) }],
      }),
    );
    assert.deepEqual((await h.end.request('tools/call', { name: 'sum', arguments: { a: 1, b: 2 } })).content, [
      { type: 'text', text: '3' },
    ]);
    await rejectsCode(h.end.request('tools/call', { name: 'sum', arguments: { a: 1, b: 'x' } }), -32602, 'INVALID_ARGUMENT', 'b');
    await rejectsCode(h.end.request('tools/call', { name: 'sum', arguments: { a: 1 }, task: {} }), -32602, 'INVALID_ARGUMENT', 'b');
    assert.deepEqual((await h.end.request('tasks/list', {})).tasks, []);
  });
});

describe('the RegisteredTool returned by registerTool', () => {
  let h: MemoryHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('remove(): gone from tools/list; with task -> R11 -32601 TASK_SUPPORT_MISMATCH, without -> not run', async () => {
    h = await memoryHarness();
    const registered = h.tasks.registerTool('gone', { execution: { taskSupport: 'required' } }, async () => {
      h!.control.calls.set('gone', h!.control.count('gone') + 1);
      return { content: [] };
    });
    registered.remove();
    const { tools } = (await h.end.request('tools/list', {})) as { tools: { name: string }[] };
    assert.ok(!tools.some((t) => t.name === 'gone'));
    await rejectsCode(h.end.request('tools/call', { name: 'gone', arguments: {}, task: {} }), -32602, 'INVALID_ARGUMENT');
    const plain = await h.end.request('tools/call', { name: 'gone', arguments: {} });
    assert.equal(plain.isError, true, "McpServer's answer for an unknown tool");
    assert.equal(h.control.count('gone'), 0);
  });

  it('disable(): -32602 INVALID_ARGUMENT and the tool does not run; enable() brings it back', async () => {
    h = await memoryHarness();
    const registered = h.tasks.ownTool('echo')!.registered;
    registered.disable();
    await rejectsCode(h.end.request('tools/call', { name: 'echo', arguments: { text: 'x' } }), -32602, 'INVALID_ARGUMENT');
    await rejectsCode(h.end.request('tools/call', { name: 'echo', arguments: { text: 'x' }, task: {} }), -32602, 'INVALID_ARGUMENT');
    assert.equal(h.control.count('echo'), 0);
    registered.enable();
    assert.deepEqual((await h.end.request('tools/call', { name: 'echo', arguments: { text: 'back' } })).content, [
      { type: 'text', text: 'back' },
    ]);
  });

  it('update({ name }): the renamed tool keeps its taskSupport and runs as a task under the new name', async () => {
    h = await memoryHarness();
    h.tasks.ownTool('echo')!.registered.update({ name: 'echo2' });
    await rejectsCode(h.end.request('tools/call', { name: 'echo', arguments: {}, task: {} }), -32602, 'INVALID_ARGUMENT');
    const task = await h.end.createTask('echo2', { text: 'renamed' });
    assert.deepEqual((await h.end.request('tasks/result', { taskId: task.taskId })).content, [{ type: 'text', text: 'renamed' }]);
  });
});
