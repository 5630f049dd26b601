/**
 * A sequential workflow run as a task: three steps (look up an order with a tool of the same
 * server, ask the requestor to confirm the address, make a shipping label), one input pause.
 * The client calls the workflow with `task`, answers the elicitation that arrives on its
 * `tasks/result`, and prints the progress and the final result.
 *
 *   npm run build && node dist/examples/workflow.js
 *
 * In your own code, import from 'mcp-tasks' instead of '../src/index.js'.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { CallToolResultSchema, CreateTaskResultSchema, ElicitRequestSchema, GetTaskResultSchema } from '@modelcontextprotocol/sdk/types.js';
import * as z from 'zod';
import { InMemoryTaskStore, SequentialWorkflow, withTasks } from '../src/index.js';

// --- Server --------------------------------------------------------------------------------

// The in-memory transport has no session and no auth: every request is anonymous (see README, "Owner").
const store = new InMemoryTaskStore({ security: { allowAnonymous: true } });
const mcp = new McpServer({ name: 'workflow-example', version: '1.0.0' });
const tasks = withTasks(mcp, { store });

// A tool of the same server that the workflow calls (register tools before the workflow).
tasks.registerTool('lookup_order', { description: 'Finds an order', inputSchema: { orderId: z.string() } }, async ({ orderId }) => ({
  content: [{ type: 'text', text: `order ${orderId}` }],
  structuredContent: { orderId, items: [{ sku: 'MUG', qty: 2 }], address: { street: '1 Main St', city: 'Springfield' } },
}));

new SequentialWorkflow('ship_order', {
  description: 'Look up an order, confirm the address, make the label',
  inputSchema: { orderId: z.string() },
})
  // 1. A tool call; its structuredContent is the step's output.
  .step({ name: 'order', tool: 'lookup_order', args: { orderId: { from: 'args', path: 'orderId' } } })
  // 2. An input pause: the task goes input_required and the requestor gets an elicitation.
  .step({
    name: 'confirm',
    input: {
      message: 'Confirm the shipping speed',
      requestedSchema: { type: 'object', properties: { speed: { type: 'string', enum: ['standard', 'express'] } }, required: ['speed'] },
    },
  })
  // 3. A local function, with arguments bound from earlier outputs (field paths inside them).
  .step({
    name: 'label',
    args: {
      orderId: { from: 'args', path: 'orderId' },
      street: { from: 'step', step: 'order', path: 'address.street' },
      qty: { from: 'step', step: 'order', path: 'items.0.qty' },
      speed: { from: 'step', step: 'confirm', path: 'speed' },
    },
    run: async ({ orderId, street, qty, speed }) => ({
      label: `SHIP ${String(orderId)} to ${String(street)} (${String(qty)} items, ${String(speed)})`,
    }),
  })
  .withTaskSupport() // callable with `task`: a backing task runs the steps in the background
  .register(tasks); // validates the steps (tools exist, bindings name earlier steps) or throws

// --- Client --------------------------------------------------------------------------------

const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
await mcp.connect(serverTransport);
const client = new Client({ name: 'workflow-example-client', version: '1.0.0' }, { capabilities: { elicitation: { form: {} } } });
client.setRequestHandler(ElicitRequestSchema, async (request) => {
  const related = request.params._meta?.['io.modelcontextprotocol/related-task'] as { taskId: string } | undefined;
  const task = await client.request({ method: 'tasks/get', params: { taskId: related!.taskId } }, GetTaskResultSchema);
  console.log(`elicitation: ${request.params.message} (task status ${task.status})`);
  return { action: 'accept', content: { speed: 'express' } };
});
await client.connect(clientTransport);

const { task } = await client.request(
  { method: 'tools/call', params: { name: 'ship_order', arguments: { orderId: 'A-17' }, task: { ttl: 60_000 } } },
  CreateTaskResultSchema,
  { onprogress: (p) => console.log(`progress: ${p.progress}/${p.total} ${p.message ?? ''}`) },
);
console.log(`created: task ${task.taskId} status=${task.status}`);

// tasks/result waits for the end, and carries the elicitation of the input step meanwhile.
const result = await client.request({ method: 'tasks/result', params: { taskId: task.taskId } }, CallToolResultSchema);
const done = await client.request({ method: 'tasks/get', params: { taskId: task.taskId } }, GetTaskResultSchema);
console.log(`status: ${done.status} (${done.statusMessage ?? ''})`);
const steps = (result.structuredContent as { steps: { label: { label: string } } }).steps;
console.log(`outputs: ${Object.keys(steps).join(', ')}`);
console.log(`result: ${steps.label.label}`);

await client.close();
await mcp.close();
await store.close();
