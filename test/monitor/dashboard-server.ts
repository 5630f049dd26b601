/**
 * A node:http server mounting the monitor's pieces (dashboard, /metrics) on an engine over an
 * InMemoryTaskStore, as an MCP server would, and tasks started on it directly through the engine
 * (the dashboard needs no wire): each runs until the test releases it, may report progress and
 * may ask a question. Used by dashboard.test.ts and the browser test.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InMemoryTaskStore, TaskEngine, TextMetrics, type TaskRecord, type TaskPeer } from '../../src/index.js';
import { createDashboard, metricsEndpoint, TaskMonitor, type Dashboard, type MonitorViewer } from '../../src/monitor/index.js';

export interface Gate {
  /** End the run with `text`; `isError` makes the tool's result an error (the task fails). */
  release(text?: string, isError?: boolean): void;
}

export interface DashboardRig {
  url: string;
  engine: TaskEngine;
  metrics: TextMetrics;
  dashboard: Dashboard;
  /** Start a task of `owner` running `tool` until released; `question` makes it ask first. */
  start(
    owner: string,
    tool: string,
    options?: { progress?: [number, number, string]; question?: string },
  ): Promise<{ task: TaskRecord; gate: Gate }>;
  close(): Promise<void>;
}

const PEER: TaskPeer = { notify: () => undefined, clientCapabilities: () => ({ elicitation: { form: {} } }) };

export async function startDashboardRig(tokens?: { [token: string]: MonitorViewer }): Promise<DashboardRig> {
  const metrics = new TextMetrics();
  const store = new InMemoryTaskStore({ security: { allowAnonymous: true } });
  const engine = new TaskEngine({ store, metrics });
  const monitor = new TaskMonitor(engine);
  const dashboard = createDashboard({ monitor, authenticate: tokens && ((token) => tokens[token]) });
  const scrape = metricsEndpoint(metrics);
  const server: Server = createServer((req, res) => {
    if (dashboard.handle(req, res) || scrape.handle(req, res)) return;
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    engine,
    metrics,
    dashboard,
    async start(owner, tool, options = {}) {
      let release!: (value: { text: string; isError: boolean }) => void;
      const released = new Promise<{ text: string; isError: boolean }>((resolve) => (release = resolve));
      const task = await engine.start(
        owner,
        { request: { method: 'tools/call', params: { name: tool, arguments: { secret: 'never shown' } } }, peer: PEER },
        async (context) => {
          if (options.progress) context.progress(...options.progress);
          if (options.question) await context.elicit({ message: options.question, requestedSchema: { type: 'object', properties: {} } });
          const { text, isError } = await Promise.race([
            released,
            new Promise<never>((_, reject) =>
              context.signal.addEventListener('abort', () => reject(context.signal.reason), { once: true }),
            ),
          ]);
          return { content: [{ type: 'text', text }], ...(isError && { isError: true }) };
        },
      );
      return { task, gate: { release: (text = 'done', isError = false) => release({ text, isError }) } };
    },
    async close() {
      dashboard.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      monitor.close();
      engine.close();
      await store.close();
    },
  };
}
