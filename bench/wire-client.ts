/**
 * A load client for the paths bench (bench/paths.ts): plain `node:http` with keep-alive (one
 * socket per client, so its own cost, which shares the machine with the server, stays small) on
 * each wire the handler serves:
 * - `2025`: the 2025-11-25 utility in a session (`initialize` first, `mcp-session-id` after);
 * - `2025-stateless`: the same without a session, every POST on its own (a token is the owner);
 * - `2026`: the 2026-07-28 extension (the `_meta` envelope with per-request capabilities, the
 *   routing headers), declaring the Tasks extension or not (`declare`).
 * Answers are read from JSON or from an SSE body holding the JSON-RPC response.
 */
import { Agent, request } from 'node:http';

export type Wire = '2025' | '2025-stateless' | '2026';

export interface Rpc {
  result?: Record<string, unknown>;
  error?: { code: number; message: string };
}

const TASKS_EXTENSION = { 'io.modelcontextprotocol/tasks': {} };

export class WireClient {
  #id = 0;
  #session: string | undefined;
  readonly #agent = new Agent({ keepAlive: true, maxSockets: 1 });

  constructor(
    readonly url: URL,
    readonly wire: Wire,
    readonly token: string,
  ) {}

  /** Open the session (2025 only). */
  async open(): Promise<void> {
    if (this.wire !== '2025') return;
    await this.post({
      jsonrpc: '2.0',
      id: ++this.#id,
      method: 'initialize',
      params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'bench-paths', version: '1' } },
    });
    if (this.#session === undefined) throw new Error('the server opened no session');
    await this.post({ jsonrpc: '2.0', method: 'notifications/initialized' });
  }

  /** One request; on the 2026 wire `declare` says whether it declares the Tasks extension (default yes). */
  call(method: string, params: Record<string, unknown>, declare = true): Promise<Rpc> {
    if (this.wire !== '2026') return this.post({ jsonrpc: '2.0', id: ++this.#id, method, params });
    const meta = {
      'io.modelcontextprotocol/protocolVersion': '2026-07-28',
      'io.modelcontextprotocol/clientCapabilities': declare ? { extensions: TASKS_EXTENSION } : {},
    };
    const name = method === 'tools/call' ? params.name : params.taskId;
    return this.post(
      { jsonrpc: '2.0', id: ++this.#id, method, params: { ...params, _meta: meta } },
      { 'mcp-method': method, ...(typeof name === 'string' && { 'mcp-name': name }) },
    );
  }

  close(): void {
    this.#agent.destroy();
  }

  /** End the session (2025: DELETE), then close the socket. */
  async end(): Promise<void> {
    if (this.#session !== undefined) await this.#delete().catch(() => undefined);
    this.close();
  }

  #delete(): Promise<void> {
    const headers = { 'mcp-session-id': this.#session!, 'mcp-protocol-version': '2025-11-25', authorization: `Bearer ${this.token}` };
    return new Promise((resolve, reject) => {
      const req = request(this.url, { method: 'DELETE', agent: this.#agent, headers }, (res) => res.resume().on('end', () => resolve()));
      req.on('error', reject);
      req.end();
    });
  }

  /** POST one message; the answer is JSON or an SSE stream holding one JSON-RPC response. */
  post(message: Record<string, unknown>, extra: Record<string, string> = {}): Promise<Rpc> {
    const body = JSON.stringify(message);
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      'mcp-protocol-version': this.wire === '2026' ? '2026-07-28' : '2025-11-25',
      authorization: `Bearer ${this.token}`,
      'content-length': String(Buffer.byteLength(body)),
      ...extra,
    };
    if (this.#session !== undefined) headers['mcp-session-id'] = this.#session;
    return new Promise((resolve, reject) => {
      const req = request(this.url, { method: 'POST', agent: this.#agent, headers }, (res) => {
        const session = res.headers['mcp-session-id'];
        if (typeof session === 'string') this.#session = session;
        let text = '';
        res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
        res.on('end', () =>
          resolve(
            res.statusCode === 200 || res.statusCode === 202
              ? parseAnswer(text)
              : { error: { code: res.statusCode ?? 0, message: `HTTP ${res.statusCode}: ${text.slice(0, 200)}` } },
          ),
        );
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
  }
}

function parseAnswer(text: string): Rpc {
  const payloads = text.startsWith('{')
    ? [text]
    : text
        .split('\n')
        .filter((l) => l.startsWith('data:'))
        .map((l) => l.slice(5).trim());
  for (const payload of payloads) {
    try {
      const parsed = JSON.parse(payload) as Rpc;
      if (parsed.result !== undefined || parsed.error !== undefined) return parsed;
    } catch {
      // not JSON: keep looking
    }
  }
  return {};
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What one operation of the bench is: a plain call (the round trip) or a task lifecycle, per wire. */
export type Operation = 'plain' | 'lifecycle';

/**
 * One operation, resolving to true when every answer was as expected:
 * - plain: `tools/call` of `tool` without a task (2026: from a client not declaring the extension);
 * - lifecycle, 2025: `tools/call` with `task`, then `tasks/result` (blocks until done): two round trips;
 * - lifecycle, 2026: `tools/call` declaring the extension: the result itself (inside the sync
 *   window), or a CreateTaskResult, then `tasks/get` after each `pollIntervalMs` until completed.
 */
export async function operate(
  client: WireClient,
  operation: Operation,
  tool: { name: string; arguments: Record<string, unknown> },
): Promise<boolean> {
  if (operation === 'plain') {
    const reply = await client.call('tools/call', tool, false);
    return Array.isArray(reply.result?.content);
  }
  if (client.wire !== '2026') {
    const created = await client.call('tools/call', { ...tool, task: { ttl: 600_000 } });
    const taskId = (created.result?.task as { taskId?: string } | undefined)?.taskId;
    if (taskId === undefined) return false;
    const result = await client.call('tasks/result', { taskId });
    return Array.isArray(result.result?.content);
  }
  let reply = await client.call('tools/call', tool);
  while (reply.result?.resultType === 'task' || (reply.result?.taskId !== undefined && reply.result.status !== 'completed')) {
    if (reply.result.status === 'failed' || reply.result.status === 'cancelled') return false;
    await sleep(Number(reply.result.pollIntervalMs ?? 50));
    reply = await client.call('tasks/get', { taskId: reply.result.taskId as string });
  }
  return reply.result?.resultType === 'complete' && (Array.isArray(reply.result.content) || reply.result.status === 'completed');
}
