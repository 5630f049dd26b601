/**
 * `mcp-tasks/prometheus`: the library's metrics in a prom-client registry, with the catalogue's
 * names, types, labels and buckets, driven by a real engine over a server in process.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Registry } from 'prom-client';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { InMemoryTaskStore, measureStore, METRICS, TaskEngine } from '../../src/index.js';
import { promClientMetrics } from '../../src/observe/prom-client.js';
import { buildMcpServer, ClientEnd, Control, newClient } from '../server/harness.js';

describe('promClientMetrics', () => {
  it('registers every metric of the catalogue with its type and labels, under a prefix', async () => {
    const registry = new Registry();
    promClientMetrics({ registry, prefix: 'x_' });
    const json = await registry.getMetricsAsJSON();
    assert.deepEqual(
      json.map((m) => m.name).sort(),
      Object.keys(METRICS)
        .map((n) => `x_${n}`)
        .sort(),
    );
    for (const metric of json) assert.equal(metric.type, METRICS[metric.name.slice(2) as keyof typeof METRICS].type);
  });

  it('counts what the engine reports: a completed task, its store operations, gauges back to zero', async () => {
    const registry = new Registry();
    const metrics = promClientMetrics({ registry });
    const store = measureStore(new InMemoryTaskStore({ security: { allowAnonymous: true } }), metrics);
    const engine = new TaskEngine({ store, metrics });
    const { mcp } = buildMcpServer(store, new Control(), { engine });
    const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
    await mcp.connect(serverTransport);
    const end = new ClientEnd(newClient());
    await end.client.connect(clientTransport);
    try {
      const task = await end.createTask('echo', { text: 'hi' });
      await end.request('tasks/result', { taskId: task.taskId });
      await end.until(() => engine.running === 0, 'the run ended');
      const text = await registry.metrics();
      assert.match(text, /^mcp_tasks_created_total\{tool="echo"\} 1$/m);
      assert.match(text, /^mcp_tasks_ended_total\{tool="echo",status="completed"\} 1$/m);
      assert.match(text, /^mcp_tasks_active\{status="working"\} 0$/m);
      assert.match(text, /^mcp_tasks_duration_seconds_count\{tool="echo",status="completed"\} 1$/m);
      assert.match(text, /^mcp_tasks_store_operation_seconds_count\{store="memory",operation="create"\} 1$/m);
      assert.match(text, /^mcp_tasks_result_waiting 0$/m);
    } finally {
      await end.close();
      await mcp.close();
      engine.close();
      await store.close();
    }
  });
});
