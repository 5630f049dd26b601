/**
 * Streamable HTTP plumbing for the kit's subject servers: one SDK `McpServer` per session (a
 * Protocol serves one transport), all sharing one `InMemoryTaskStore` and message queue, which
 * bind each task to the session that created it. Nothing of mcp-tasks is used.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { InMemoryTaskMessageQueue, InMemoryTaskStore } from '@modelcontextprotocol/sdk/experimental/tasks/stores/in-memory.js';

export interface Subject {
  url: string;
  /** How many times each tool ran (a destructive tool must stay at 0). */
  calls: Map<string, number>;
  close(): Promise<void>;
}

export type RegisterTools = (mcp: McpServer, count: (tool: string) => void) => void;

/** Serve `register`'s tools on 127.0.0.1 (port 0: an ephemeral port). */
export async function serveSubject(name: string, register: RegisterTools, port = 0): Promise<Subject> {
  const taskStore = new InMemoryTaskStore();
  const taskMessageQueue = new InMemoryTaskMessageQueue();
  const transports = new Map<string, StreamableHTTPServerTransport>();
  const calls = new Map<string, number>();
  const count = (tool: string) => void calls.set(tool, (calls.get(tool) ?? 0) + 1);

  const newSession = async (): Promise<StreamableHTTPServerTransport> => {
    const mcp = new McpServer(
      { name, version: '1.0.0' },
      {
        capabilities: { tools: {}, tasks: { list: {}, cancel: {}, requests: { tools: { call: {} } } } },
        taskStore,
        taskMessageQueue,
        defaultTaskPollInterval: 100,
      },
    );
    register(mcp, count);
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: randomUUID,
      onsessioninitialized: (id) => void transports.set(id, transport),
    });
    transport.onclose = () => void (transport.sessionId && transports.delete(transport.sessionId));
    await mcp.connect(transport);
    return transport;
  };

  const http: Server = createServer((req, res) => {
    void (async () => {
      const id = req.headers['mcp-session-id'];
      const known = typeof id === 'string' ? transports.get(id) : undefined;
      if (typeof id === 'string' && !known) {
        res.writeHead(404).end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32001, message: 'Session not found' }, id: null }));
        return;
      }
      await (known ?? (await newSession())).handleRequest(req, res);
    })().catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve) => http.listen(port, '127.0.0.1', resolve));
  const address = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}/mcp`,
    calls,
    close: async () => {
      for (const t of transports.values()) await t.close().catch(() => {});
      taskStore.cleanup();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

/** `node subject.js --port N`: serve until SIGTERM, printing the URL on stderr. */
export async function serveFromCommandLine(name: string, register: RegisterTools): Promise<void> {
  const i = process.argv.indexOf('--port');
  if (i < 0) return; // imported (or run by `node --test`): do nothing
  const subject = await serveSubject(name, register, Number(process.argv[i + 1] ?? 0));
  process.stderr.write(`${name} listening on ${subject.url}\n`);
  process.once('SIGTERM', () => void subject.close().then(() => process.exit(0)));
  process.once('SIGINT', () => void subject.close().then(() => process.exit(0)));
}
