/**
 * The same servers as harness.ts over real Streamable HTTP on 127.0.0.1 (ephemeral port): stateful
 * sessions, one McpServer per session, one shared store; `Authorization: Bearer <token>` becomes
 * `req.auth = { token, clientId: 'client-<token>', scopes: [] }`, so each token is an owner.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { TaskEngine } from '../../src/server/core/engine.js';
import type { WithTasksOptions } from '../../src/server/v2025/with-tasks.js';
import { InMemoryTaskStore, type InMemoryTaskStoreOptions } from '../../src/stores/memory.js';
import { buildMcpServer, ClientEnd, Control, newClient } from './harness.js';

/** The per-server options (the engine's own are fixed: one engine shared by every session). */
type ServerOptions = Omit<Partial<WithTasksOptions>, 'store' | 'engine' | 'logger' | 'leaseMs' | 'rateLimit'>;

export interface HttpHarness {
  url: URL;
  store: InMemoryTaskStore;
  control: Control;
  /** A new session authenticated with `token`. */
  connect(token: string): Promise<ClientEnd>;
  close(): Promise<void>;
}

/** Stateful Streamable HTTP on 127.0.0.1:<ephemeral>; one McpServer per session, one shared store. */
export async function httpHarness(options: { store?: InMemoryTaskStoreOptions; tasks?: ServerOptions } = {}): Promise<HttpHarness> {
  const store = new InMemoryTaskStore(options.store);
  const control = new Control();
  const sessions = new Map<string, StreamableHTTPServerTransport>();
  const servers: McpServer[] = [];
  const ends: ClientEnd[] = [];
  // One engine for every session, as a real HTTP server has: a cancel in one session aborts work started in another.
  const engine = new TaskEngine({ store });

  const httpServer = http.createServer(async (req, res) => {
    try {
      const token = req.headers.authorization?.match(/^Bearer (.+)$/)?.[1];
      if (!token) return void res.writeHead(401).end();
      (req as http.IncomingMessage & { auth?: unknown }).auth = { token, clientId: `client-${token}`, scopes: [] };
      const sid = req.headers['mcp-session-id'];
      const body = req.method === 'POST' ? await readJson(req) : undefined;
      let transport = typeof sid === 'string' ? sessions.get(sid) : undefined;
      if (!transport) {
        if (sid || !isInitializeRequest(body)) return void res.writeHead(sid ? 404 : 400).end();
        const t: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
          sessionIdGenerator: () => randomUUID(),
          onsessioninitialized: (id) => void sessions.set(id, t),
        });
        t.onclose = () => void (t.sessionId && sessions.delete(t.sessionId));
        const { mcp } = buildMcpServer(store, control, { ...options.tasks, engine });
        servers.push(mcp);
        await mcp.connect(t);
        transport = t;
      }
      await transport.handleRequest(req as never, res, body);
    } catch (error) {
      if (!res.headersSent) res.writeHead(500).end(String(error));
    }
  });
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const url = new URL(`http://127.0.0.1:${(httpServer.address() as AddressInfo).port}/mcp`);

  return {
    url,
    store,
    control,
    async connect(token) {
      const end = new ClientEnd(newClient());
      const transport = new StreamableHTTPClientTransport(url, { requestInit: { headers: { Authorization: `Bearer ${token}` } } });
      await end.client.connect(transport as Transport);
      ends.push(end);
      return end;
    },
    async close() {
      for (const end of ends) await end.close().catch(() => {});
      for (const mcp of servers) await mcp.close().catch(() => {});
      engine.close();
      httpServer.closeAllConnections();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
      await store.close();
    },
  };
}

function readJson(req: http.IncomingMessage): Promise<unknown> {
  return new Promise<unknown>((resolve, reject) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      try {
        resolve(body ? JSON.parse(body) : undefined);
      } catch (error) {
        reject(error);
      }
    });
    req.on('error', reject);
  });
}
