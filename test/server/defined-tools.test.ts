/**
 * `defineTool` (issue 18 item 2): one definition, both generations. The definition's schemas
 * (JSON Schema, zod 4, a Standard Schema without JSON Schema), its checks, and the same tool on
 * the 2025-11-25 leg (`tasks.register`, in process over InMemoryTransport) and on the 2026-07-28
 * leg (`createTasksHandler2026({ tools })`, its fetch face): the same listing, the same -32602
 * naming the field, the same output check, the same context.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { McpError } from '@modelcontextprotocol/sdk/types.js';
import * as z from 'zod';
import { defineTool, type ToolContext } from '../../src/server/core/tool-definition.js';
import type { StandardSchemaV1 } from '../../src/server/core/tool-schemas.js';
import { TaskEngine } from '../../src/server/core/engine.js';
import { withTasks } from '../../src/server/v2025/with-tasks.js';
import { ManualClock } from '../../src/clock.js';
import type { StoreCapabilities } from '../../src/contract.js';
import { createTasksHandler2026 } from '../../src/server/v2026/index.js';
import { InMemoryTaskStore } from '../../src/stores/memory.js';
import { ClientEnd, newClient } from './client-end.js';
import { rpcRequest, startLeg, WITH_TASKS } from './v2026/harness.js';

/** An in-memory store that declares itself shared: the engine gives its tasks leases. */
class SharedMemoryStore extends InMemoryTaskStore {
  override readonly capabilities: StoreCapabilities = { sharedAcrossProcesses: true };
}

const text = (t: string) => ({ content: [{ type: 'text' as const, text: t }] });

/** Every context a tool saw, by the tool's `tag` argument. */
const seen = new Map<string, ToolContext>();

const square = defineTool({
  name: 'square',
  title: 'Square',
  description: 'n squared',
  inputSchema: z.object({ n: z.number().int().min(0), tag: z.string().default('none') }),
  outputSchema: z.object({ squared: z.number() }),
  annotations: { readOnlyHint: true },
  taskSupport: 'optional',
  async run({ n, tag }, ctx) {
    seen.set(tag, ctx);
    return { ...text(`${n * n}`), structuredContent: { squared: n * n } };
  },
});

const jsonTool = defineTool({
  name: 'json_tool',
  inputSchema: {
    type: 'object',
    properties: { name: { type: 'string' }, items: { type: 'array', items: { type: 'object', properties: { qty: { type: 'integer' } } } } },
    required: ['name'],
  },
  run: (args) => text(`hello ${String(args.name)}`),
});

const badOutput = defineTool({
  name: 'bad_output',
  outputSchema: { type: 'object', properties: { squared: { type: 'number' } }, required: ['squared'] },
  inputSchema: z.object({ omit: z.boolean() }),
  run: ({ omit }) => (omit ? text('no structured content') : { ...text('wrong'), structuredContent: { squared: 'four' } }),
});

/** A Standard Schema that offers no JSON Schema. */
const evenOnly: StandardSchemaV1<unknown, { n: number }> = {
  '~standard': {
    version: 1,
    vendor: 'test',
    validate: (value) => {
      const n = (value as { n?: unknown }).n;
      return typeof n === 'number' && n % 2 === 0 ? { value: { n } } : { issues: [{ message: 'must be even', path: ['n'] }] };
    },
  },
};
const even = defineTool({ name: 'even', inputSchema: evenOnly, run: ({ n }) => text(`${n} is even`) });

const only2025 = defineTool({ name: 'only_2025', generations: ['2025-11-25'], run: () => text('2025') });
const only2026 = defineTool({ name: 'only_2026', generations: ['2026-07-28'], run: () => text('2026') });

const TOOLS = [square, jsonTool, badOutput, even, only2025, only2026];

/** A 2025-11-25 server with every tool it serves, and a client. */
async function leg2025() {
  const store = new InMemoryTaskStore({ security: { allowAnonymous: true } });
  const mcp = new McpServer({ name: 'defined', version: '1.0.0' });
  const tasks = withTasks(mcp, { store });
  for (const tool of TOOLS) if (tool.serves('2025-11-25')) tasks.register(tool);
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  await mcp.connect(serverTransport);
  const end = new ClientEnd(newClient());
  await end.client.connect(clientTransport);
  return {
    tasks,
    end,
    async close() {
      await end.close();
      await mcp.close();
      tasks.engine.close();
      await store.close();
    },
  };
}

async function error2025(promise: Promise<unknown>): Promise<McpError> {
  const error = await promise.then(
    () => assert.fail('expected an error'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof McpError);
  return error;
}

describe('defineTool: the definition', () => {
  it('lists a zod schema as its JSON Schema (Standard JSON Schema), a JSON Schema as given, no schema as an empty object', () => {
    assert.equal(square.inputSchema.type, 'object');
    assert.deepEqual(Object.keys(square.inputSchema.properties as object), ['n', 'tag']);
    assert.deepEqual(square.inputSchema.required, ['n']);
    assert.equal((square.outputSchema?.properties as { squared: { type: string } }).squared.type, 'number');
    assert.deepEqual(jsonTool.inputSchema.required, ['name']);
    assert.deepEqual(only2025.inputSchema, { type: 'object', properties: {} });
    assert.deepEqual(even.inputSchema, { type: 'object' }, 'a Standard Schema without JSON Schema: any object');
  });

  it("checks arguments and names the field; the schema's output (defaults) is what the handler gets", async () => {
    assert.deepEqual(await square.parseArguments({ n: 3 }), { ok: true, args: { n: 3, tag: 'none' } });
    const bad = await square.parseArguments({ n: -1 });
    assert.ok(!bad.ok && /^Invalid arguments for tool square: n: /.test(bad.message), JSON.stringify(bad));
    const missing = await jsonTool.parseArguments({ items: [{ qty: 1.5 }] });
    assert.ok(
      !missing.ok && missing.message.includes('name: required') && missing.message.includes('items.0.qty: must be integer'),
      JSON.stringify(missing),
    );
    const odd = await even.parseArguments({ n: 3 });
    assert.ok(!odd.ok && odd.message === 'Invalid arguments for tool even: n: must be even', JSON.stringify(odd));
    assert.deepEqual(await only2025.parseArguments(undefined), { ok: true, args: {} });
    assert.equal((await only2025.parseArguments([1])).ok, false);
  });

  it('refuses a broken definition at once (INVALID_ARGUMENT)', () => {
    const refuses = (build: () => unknown, pattern: RegExp) =>
      assert.throws(build, (e: unknown) => (e as { code?: string }).code === 'INVALID_ARGUMENT' && pattern.test((e as Error).message));
    refuses(() => defineTool({ name: 'raw', inputSchema: { n: z.number() } as never, run: () => text('') }), /raw shape/);
    refuses(() => defineTool({ name: 'arr', inputSchema: { type: 'array' }, run: () => text('') }), /must describe an object/);
    refuses(() => defineTool({ name: 'zarr', inputSchema: z.array(z.number()) as never, run: () => text('') }), /must describe an object/);
    refuses(
      () => defineTool({ name: 'mrtr', gather: async () => undefined, run: () => text('') }),
      /gather \(MRTR\) exists only on the 2026-07-28 wire/,
    );
    refuses(() => defineTool({ name: 'gen', generations: [], run: () => text('') }), /generations/);
    refuses(() => defineTool({ name: 'gen', generations: ['2024-11-05' as never], run: () => text('') }), /generations/);
    refuses(() => defineTool({ name: '', run: () => text('') }), /name/);
    refuses(() => defineTool({ name: 'ts', taskSupport: 'sometimes' as never, run: () => text('') }), /taskSupport/);
  });

  it('checks results against the output schema as McpServer does: an error result saying why', async () => {
    const ctx = {} as ToolContext;
    assert.deepEqual(await badOutput.call({ omit: true }, ctx), {
      content: [
        { type: 'text', text: 'Output validation error: Tool bad_output has an output schema but no structured content was provided' },
      ],
      isError: true,
    });
    const wrong = await badOutput.call({ omit: false }, ctx);
    assert.equal(wrong.isError, true);
    assert.match(
      (wrong.content[0] as { text: string }).text,
      /^Output validation error: Invalid structured content for tool bad_output: squared: must be number$/,
    );
  });
});

describe('defineTool: one tool on both wires', () => {
  it('the same listing on 2025-11-25 and 2026-07-28; each generation lists only the tools that name it', async () => {
    const old = await leg2025();
    const modern = startLeg([...TOOLS]);
    try {
      const listed2025 = (await old.end.request('tools/list')).tools as { name: string }[];
      const listed2026 = (await modern.rpc('tools/list', {})).result!.tools as { name: string }[];
      assert.deepEqual(
        listed2025.map((t) => t.name),
        ['square', 'json_tool', 'bad_output', 'even', 'only_2025'],
      );
      assert.deepEqual(
        listed2026.map((t) => t.name),
        ['square', 'json_tool', 'bad_output', 'even', 'only_2026'],
      );
      for (const name of ['square', 'json_tool', 'bad_output', 'even']) {
        const a = listed2025.find((t) => t.name === name)!;
        const b = listed2026.find((t) => t.name === name)!;
        // (`execution` is not part of a 2026-07-28 tool listing: SDK v2 leaves it out.)
        for (const key of ['title', 'description', 'inputSchema', 'outputSchema', 'annotations'] as const) {
          assert.deepEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${name}.${key}`);
        }
      }
      assert.throws(() => old.tasks.register(only2026), /not served on 2025-11-25/);
    } finally {
      await old.close();
      await modern.close();
    }
  });

  it('invalid arguments: -32602 with the same message on both wires, plain or as a task, and the tool does not run', async () => {
    const old = await leg2025();
    const modern = startLeg([...TOOLS]);
    try {
      const expected = (await square.parseArguments({ n: 'x' })) as { ok: false; message: string };
      const plain = await error2025(old.end.request('tools/call', { name: 'square', arguments: { n: 'x', tag: 'bad' } }));
      const asTask = await error2025(old.end.request('tools/call', { name: 'square', arguments: { n: 'x', tag: 'bad' }, task: {} }));
      const modernReply = await modern.rpc('tools/call', { name: 'square', arguments: { n: 'x', tag: 'bad' } });
      for (const message of [plain.message, asTask.message]) assert.equal(message, `MCP error -32602: ${expected.message}`);
      assert.equal(plain.code, -32602);
      assert.equal(asTask.code, -32602);
      assert.equal(modernReply.error?.code, -32602);
      assert.equal(modernReply.error?.message, expected.message);
      assert.equal(seen.has('bad'), false);
    } finally {
      await old.close();
      await modern.close();
    }
  });

  it('the same handler and context: generation, signal, task (a task on each wire), output checked', async () => {
    const old = await leg2025();
    const modern = startLeg([...TOOLS], true, undefined, { syncWindowMs: 0 }); // a task at once, not answered inline
    try {
      const created = await old.end.createTask('square', { n: 4, tag: 'task-2025' });
      const result2025 = await old.end.request('tasks/result', { taskId: created.taskId });
      assert.deepEqual(result2025.structuredContent, { squared: 16 });
      const reply = await modern.rpc('tools/call', { name: 'square', arguments: { n: 5, tag: 'task-2026' } }, { capabilities: WITH_TASKS });
      assert.equal(reply.result?.resultType, 'task');
      const done = await modern.settled(reply.result!.taskId as string);
      assert.deepEqual((done.result as { structuredContent: unknown }).structuredContent, { squared: 25 });
      const plain = await old.end.request('tools/call', { name: 'square', arguments: { n: 2, tag: 'plain-2025' } });
      assert.deepEqual(plain.structuredContent, { squared: 4 });

      assert.equal(seen.get('task-2025')?.generation, '2025-11-25');
      assert.equal(seen.get('task-2026')?.generation, '2026-07-28');
      assert.ok(seen.get('task-2025')?.task && seen.get('task-2026')?.task, 'a task context on both wires');
      assert.equal(seen.get('plain-2025')?.task, undefined);
      for (const tag of ['task-2025', 'task-2026', 'plain-2025']) assert.ok(seen.get(tag)?.signal instanceof AbortSignal, tag);

      const wrong = await old.end.request('tools/call', { name: 'bad_output', arguments: { omit: true } });
      const wrong2026 = await modern.rpc('tools/call', { name: 'bad_output', arguments: { omit: true } });
      assert.equal(wrong.isError, true);
      assert.deepEqual(wrong2026.result?.content, wrong.content);
    } finally {
      await old.close();
      await modern.close();
    }
  });
});

describe('defineTool: a resumable tool on the 2026 leg', () => {
  it('a second engine on the same store takes over its task once the lease ran out, and runs the same handler', async () => {
    const runs: string[] = [];
    const slow = defineTool({
      name: 'slow',
      taskSupport: 'optional',
      resumable: true,
      generations: ['2026-07-28'],
      async run(_args, { signal }) {
        runs.push('run');
        if (runs.length === 1)
          await new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }));
        return text('resumed');
      },
    });
    const clock = new ManualClock();
    const store = new SharedMemoryStore({ clock, security: { allowAnonymous: true } });
    const first = new TaskEngine({ store, leaseMs: 1_000 });
    const second = new TaskEngine({ store, leaseMs: 1_000 });
    const a = createTasksHandler2026({ engine: first, tools: [slow] });
    const b = createTasksHandler2026({ engine: second, tools: [slow] });
    try {
      const created = await a.fetch(rpcRequest('tools/call', { name: 'slow', arguments: {} }));
      const taskId = /"taskId":"([^"]+)"/.exec(await created.text())![1]!;
      first.close(); // its worker stops: no renewal
      clock.advance(1_001);
      await second.read('anonymous', taskId); // a read finds the lease run out and takes the task over
      for (let i = 0; i < 200 && (await store.get('anonymous', taskId)).status !== 'completed'; i++)
        await new Promise((r) => setTimeout(r, 5));
      const done = await store.get('anonymous', taskId);
      assert.equal(done.status, 'completed');
      assert.deepEqual(runs, ['run', 'run']);
    } finally {
      await a.close();
      await b.close();
      second.close();
      await store.close();
    }
  });
});
