#!/usr/bin/env node
/**
 * Subject "naive-tasks": an MCP server with its OWN Tasks implementation, on no MCP SDK at all:
 * plain JSON-RPC over Streamable HTTP with node:http (POST /mcp answered with application/json,
 * never SSE; GET /mcp -> 405; DELETE /mcp ends the session; sessions via Mcp-Session-Id, made by
 * `initialize`; an unknown session -> HTTP 404, a missing one -> HTTP 400).
 *
 * Design (deliberately naive, as many hand-written servers are):
 * - ONE global Map of tasks for the whole process: sessions are used for nothing else, so every
 *   session sees, reads, lists and cancels every session's tasks, although it declares
 *   `tasks: { list: {}, cancel: {}, requests: { tools: { call: {} } } }` and has no authentication;
 * - every JSON-RPC error it raises is -32603 (one catch-all turns any thrown Error into
 *   `{ code: -32603, message }`): unknown task ids, terminal cancels, bad cursors, unknown
 *   methods and tools, tool misuse;
 * - `tasks/result` does not block: before the task is terminal it answers -32603 "Task not ready";
 * - TTL honoured as given (`task.ttl` echoed, null when none is requested, no maximum); an
 *   expired task is purged lazily on the next request (then it is "not found");
 * - no notifications at all (status notifications are optional); no pagination in tasks/list.
 * Tools (delays scale with `delayMs`, default 300 ms):
 *   slow_echo {text}   optional  -> "echo: <text>" after delayMs
 *   check_links {url?} optional  -> after delayMs an isError result "broken link: <url>" (task: failed)
 *   explode            optional  -> after delayMs the JSON-RPC error -32603 "explode: the tool crashed"
 *   server_time        no `execution` (taskSupport absent = forbidden), readOnlyHint -> the time at once
 *   nightly_report     required  -> "nightly report ready" after delayMs
 *
 * KNOWN DEVIATIONS (data and exact wire in KNOWN_DEVIATIONS below; all verified by naive-tasks.probe.test.ts):
 *   R40 tasks/result on a working task -> -32603 "Task not ready" at once, no blocking
 *   R71/R74 tasks/get|result|cancel with an unknown/expired/missing taskId -> -32603 "Task not found" (not -32602)
 *   R66 tasks/cancel of a terminal task -> -32603 (not -32602)
 *   R64 tasks/list with any cursor -> -32603 "Invalid cursor" (not -32602)
 *   R13 nightly_report (required) without task -> -32603 (not -32601)
 *   R11 server_time (forbidden) with task -> -32603 (SHOULD be -32601)
 *   R80/R9 declares tasks.list without any way to identify requestors
 *   R77/R65/R76 (reading the session as the authorization context, A15/A21) another session can
 *     tasks/get, tasks/result, tasks/cancel a task and sees it in tasks/list
 *   R60 tasks/list is never paginated; R38 no maximum ttl; R81 no rate limiting
 *   JSON-RPC/tools: unknown method -> -32603 (not -32601); unknown tool or bad arguments -> -32603 (not -32602)
 * CORRECT (must not be flagged; see CORRECT below): capability shape, taskSupport values, CreateTaskResult
 * shape and `working` start, ISO timestamps, ttl/pollInterval in every Task, completed/failed/isError/JSON-RPC
 * error results through tasks/result with related-task _meta, cancel -> cancelled and staying cancelled,
 * no related-task _meta on get/list/cancel, expiry after ttl, random UUID task ids.
 *
 * `node naive-tasks.js --port N [--delay-ms 300]`; tests call `startNaiveTasks({ delayMs })`.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Behaviour, Deviation, Unspecified } from './claims.js';

const R = 'io.modelcontextprotocol/related-task';
export const KNOWN_DEVIATIONS: Deviation[] = [
  {
    rule: 'R40',
    level: 'MUST',
    what: 'tasks/result does not block on a non-terminal task',
    wire: 'tasks/result {taskId of a working task} -> error {code:-32603, message:"Task not ready: status working"} at once',
  },
  {
    rule: 'R71',
    also: ['R74', 'R37'],
    level: 'MUST',
    what: 'unknown, expired or missing taskId answered with -32603',
    wire: 'tasks/get|tasks/result|tasks/cancel {taskId:"nope"} -> error {code:-32603, message:"Task not found: nope"}',
  },
  {
    rule: 'R66',
    also: ['R71'],
    level: 'MUST',
    what: 'cancelling a terminal task answered with -32603',
    wire: 'tasks/cancel {taskId of a completed task} -> error {code:-32603, message:"Cannot cancel task: already in terminal status \'completed\'"}',
  },
  {
    rule: 'R64',
    also: ['R71'],
    level: 'MUST',
    what: 'any cursor is refused with -32603',
    wire: 'tasks/list {cursor:"x"} -> error {code:-32603, message:"Invalid cursor: x"}',
  },
  {
    rule: 'R13',
    level: 'MUST',
    what: 'a required tool called without task answered with -32603',
    wire: 'tools/call {name:"nightly_report"} -> error {code:-32603, message:"Tool nightly_report must be called as a task"}',
  },
  {
    rule: 'R11',
    level: 'SHOULD',
    what: 'a forbidden tool called with task answered with -32603',
    wire: 'tools/call {name:"server_time", task:{}} -> error {code:-32603, message:"Tool server_time cannot run as a task"}',
  },
  {
    rule: 'R80',
    also: ['R9'],
    level: 'SHOULD',
    what: 'declares tasks.list although it cannot identify requestors (no authentication, tasks not bound to sessions)',
    wire: 'initialize -> capabilities.tasks.list = {}',
  },
  {
    rule: 'R77',
    also: ['R65', 'R76'],
    level: 'interpretation',
    what: 'with the Mcp-Session-Id session read as the authorization context (A15, A21): tasks are not bound to it',
    wire: "session B: tasks/get|tasks/result|tasks/cancel {taskId made in session A} -> success; tasks/list in B -> includes A's tasks",
  },
  {
    rule: 'R60',
    level: 'SHOULD',
    what: 'tasks/list is never paginated',
    wire: 'tasks/list with 25 tasks stored -> result.tasks has 25 entries, no nextCursor',
  },
  {
    rule: 'R38',
    level: 'SHOULD',
    what: 'no maximum ttl (and no per-requestor task limit)',
    wire: 'tools/call {task:{ttl:1000000000000}} -> result.task.ttl = 1000000000000',
  },
  {
    rule: 'R81',
    level: 'SHOULD',
    what: 'no rate limiting of task operations',
    wire: '50 tasks/get {taskId:"nope-i"} in a row -> 50 x error -32603 "Task not found", none refused or delayed',
  },
  {
    rule: 'JSON-RPC',
    level: 'SHOULD',
    what: 'unknown method answered with -32603, not -32601',
    wire: 'foo/bar -> error {code:-32603, message:"Unknown method: foo/bar"}',
  },
  {
    rule: 'tools',
    level: 'SHOULD',
    what: 'unknown tool or invalid arguments answered with -32603, not -32602',
    wire: 'tools/call {name:"nope"} -> error {code:-32603, message:"Unknown tool: nope"}; slow_echo {text:5} -> error -32603 "slow_echo: text must be a string"',
  },
];
export const CORRECT: Behaviour[] = [
  {
    rule: 'R1',
    also: ['R5'],
    what: 'tasks capability declared',
    wire: 'initialize -> capabilities.tasks = {list:{}, cancel:{}, requests:{tools:{call:{}}}}',
  },
  {
    rule: 'R14',
    what: 'taskSupport values',
    wire: 'tools/list -> slow_echo/check_links/explode "optional", nightly_report "required", server_time has no execution (forbidden by default)',
  },
  {
    rule: 'R16',
    also: ['R17', 'R18', 'R19', 'R21', 'R79'],
    what: 'CreateTaskResult',
    wire: 'tools/call {name:"slow_echo", arguments:{text}, task:{ttl:60000}} -> {task:{taskId:<uuid v4>, status:"working", createdAt, lastUpdatedAt, ttl:60000, pollInterval:200}}, no content',
  },
  {
    rule: 'R32',
    also: ['R33'],
    what: 'ISO 8601 UTC timestamps in every Task (create, get, list, cancel)',
    wire: 'createdAt/lastUpdatedAt like 2025-11-25T10:30:00.000Z; lastUpdatedAt moves on a status change',
  },
  {
    rule: 'R35',
    also: ['R34', 'R31', 'A6'],
    what: 'ttl (as requested, or null) and pollInterval 200 in every Task',
    wire: 'task without ttl -> ttl:null; tasks/get -> ttl, pollInterval:200',
  },
  {
    rule: 'R12',
    what: 'optional tool without task runs normally',
    wire: 'tools/call {name:"slow_echo", arguments:{text:"hi"}} -> {content:[{type:"text", text:"echo: hi"}]}',
  },
  {
    rule: 'R41',
    also: ['R39', 'R43', 'R44'],
    what: 'tasks/result of a completed task',
    wire: 'tasks/result -> {content:[{type:"text", text:"echo: hi"}], _meta:{"io.modelcontextprotocol/related-task":{taskId}}}',
  },
  {
    rule: 'R75',
    also: ['A18'],
    what: 'isError tool result -> failed, statusMessage, successful tasks/result with isError',
    wire: 'check_links as task -> tasks/get {status:"failed", statusMessage}; tasks/result -> {content, isError:true, _meta:{related-task}}',
  },
  {
    rule: 'R42',
    also: ['R39'],
    what: 'JSON-RPC error of the tool -> failed; tasks/result returns the same error',
    wire: 'explode as task -> status "failed"; tasks/result -> error {code:-32603, message:"explode: the tool crashed"} (as tools/call explode without task)',
  },
  {
    rule: 'R67',
    also: ['R22'],
    what: 'cancel of a working task',
    wire: 'tasks/cancel -> {taskId, status:"cancelled", statusMessage:"The task was cancelled by request.", ...}',
  },
  { rule: 'R68', what: 'a cancelled task stays cancelled after its work ends', wire: 'tasks/get after the delay -> status "cancelled"' },
  {
    rule: 'R55',
    also: ['R56', 'R59'],
    what: 'no related-task _meta on tasks/get, tasks/list, tasks/cancel results',
    wire: 'those results have no _meta',
  },
  {
    rule: 'R36',
    what: 'task deleted after its ttl from creation',
    wire: 'task:{ttl:50}; after 50 ms tasks/get -> not found (with the R71 code -32603)',
  },
  {
    rule: 'R57',
    also: ['R58', 'R29'],
    what: 'no status notifications (MAY); plain JSON responses, never SSE',
    wire: 'every POST -> content-type application/json',
  },
  { rule: 'R20', what: 'task ids unique', wire: '25 tasks -> 25 distinct ids' },
];
export const UNSPECIFIED: Unspecified[] = [
  { ref: 'A9', what: 'tasks/result of a cancelled task', wire: 'tasks/result -> error {code:-32603, message:"Task was cancelled"}' },
  { ref: 'A9', what: 'no related-task metadata on a JSON-RPC error from tasks/result (errors have no _meta)', wire: 'error has no data' },
];

type Status = 'working' | 'input_required' | 'completed' | 'failed' | 'cancelled';
interface Task {
  taskId: string;
  status: Status;
  statusMessage?: string;
  createdAt: string;
  lastUpdatedAt: string;
  ttl: number | null;
  pollInterval: number;
}
type Outcome = { result: Record<string, unknown> } | { error: { code: number; message: string } };
interface Stored {
  task: Task;
  created: number;
  outcome?: Outcome;
}
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Params = any;

const TOOLS = [
  {
    name: 'slow_echo',
    description: 'Echoes text after a moment.',
    inputSchema: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] },
    execution: { taskSupport: 'optional' },
  },
  {
    name: 'check_links',
    description: 'Checks the links of a page (this one always finds a broken link).',
    inputSchema: { type: 'object', properties: { url: { type: 'string' } } },
    execution: { taskSupport: 'optional' },
  },
  {
    name: 'explode',
    description: 'Always fails with a JSON-RPC error.',
    inputSchema: { type: 'object', properties: {} },
    execution: { taskSupport: 'optional' },
  },
  {
    name: 'server_time',
    description: 'The server time.',
    inputSchema: { type: 'object', properties: {} },
    annotations: { readOnlyHint: true },
  },
  {
    name: 'nightly_report',
    description: 'Builds the nightly report (as a task only).',
    inputSchema: { type: 'object', properties: {} },
    execution: { taskSupport: 'required' },
  },
];
const text = (t: string, isError = false) => ({ content: [{ type: 'text', text: t }], ...(isError && { isError: true }) });
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref());
const terminal = (s: Status) => s === 'completed' || s === 'failed' || s === 'cancelled';

export interface NaiveTasksOptions {
  port?: number;
  delayMs?: number;
}
export interface NaiveTasks {
  url: string;
  close(): Promise<void>;
}

/** The JSON-RPC side: sessions are known, tasks are one map for all of them. */
class NaiveServer {
  readonly sessions = new Set<string>();
  private readonly tasks = new Map<string, Stored>(); // ONE map for everybody (the naive part)
  constructor(private readonly delayMs: number) {}

  private async run(name: string, args: Params): Promise<Record<string, unknown>> {
    if (name === 'server_time') return text(new Date().toISOString());
    if (name === 'slow_echo' && typeof args?.text !== 'string') throw new Error('slow_echo: text must be a string');
    await sleep(this.delayMs);
    if (name === 'slow_echo') return text(`echo: ${String(args.text)}`);
    if (name === 'check_links') return text(`broken link: ${String(args?.url ?? 'https://example.com/')}`, true);
    if (name === 'explode') throw new Error('explode: the tool crashed');
    return text('nightly report ready');
  }

  private purge(): void {
    for (const [id, s] of this.tasks) if (s.task.ttl !== null && Date.now() >= s.created + s.task.ttl) this.tasks.delete(id);
  }

  private find(taskId: unknown): Stored {
    this.purge();
    const s = typeof taskId === 'string' ? this.tasks.get(taskId) : undefined;
    if (!s) throw new Error(`Task not found: ${String(taskId)}`);
    return s;
  }

  private static setStatus(s: Stored, status: Status, message?: string): void {
    s.task = { ...s.task, status, lastUpdatedAt: new Date().toISOString(), ...(message && { statusMessage: message }) };
  }

  private async callTool(p: Params): Promise<unknown> {
    const tool = TOOLS.find((t) => t.name === p?.name);
    if (!tool) throw new Error(`Unknown tool: ${String(p?.name)}`);
    const support = tool.execution?.taskSupport ?? 'forbidden';
    if (!p.task) {
      if (support === 'required') throw new Error(`Tool ${tool.name} must be called as a task`);
      return this.run(tool.name, p.arguments);
    }
    if (support === 'forbidden') throw new Error(`Tool ${tool.name} cannot run as a task`);
    this.purge();
    const now = new Date();
    const task: Task = {
      taskId: randomUUID(),
      status: 'working',
      createdAt: now.toISOString(),
      lastUpdatedAt: now.toISOString(),
      ttl: typeof p.task.ttl === 'number' ? p.task.ttl : null,
      pollInterval: 200,
    };
    const stored: Stored = { task, created: now.getTime() };
    this.tasks.set(task.taskId, stored);
    void this.run(tool.name, p.arguments)
      .then(
        (result): Outcome => ({ result }),
        (e: Error): Outcome => ({ error: { code: -32603, message: e.message } }),
      )
      .then((outcome) => {
        if (stored.task.status !== 'working') return; // cancelled meanwhile: stays cancelled
        stored.outcome = outcome;
        if ('error' in outcome) NaiveServer.setStatus(stored, 'failed', outcome.error.message);
        else if (outcome.result.isError === true) NaiveServer.setStatus(stored, 'failed', 'The tool reported an error (isError: true).');
        else NaiveServer.setStatus(stored, 'completed');
      });
    return { task: { ...task } };
  }

  private result(p: Params): unknown {
    const s = this.find(p?.taskId);
    if (!terminal(s.task.status)) throw new Error(`Task not ready: status ${s.task.status}`);
    if (!s.outcome) throw new Error('Task was cancelled');
    if ('error' in s.outcome) throw new Error(s.outcome.error.message);
    const meta = (s.outcome.result._meta ?? {}) as object;
    return { ...s.outcome.result, _meta: { ...meta, [R]: { taskId: s.task.taskId } } };
  }

  private cancel(p: Params): unknown {
    const s = this.find(p?.taskId);
    if (terminal(s.task.status)) throw new Error(`Cannot cancel task: already in terminal status '${s.task.status}'`);
    NaiveServer.setStatus(s, 'cancelled', 'The task was cancelled by request.');
    return { ...s.task };
  }

  /** Every thrown Error becomes -32603 in `answer` (the naive part). */
  private async handle(method: string, p: Params): Promise<unknown> {
    if (method === 'ping') return {};
    if (method === 'tools/list') return { tools: TOOLS };
    if (method === 'tools/call') return this.callTool(p);
    if (method === 'tasks/get') return { ...this.find(p?.taskId).task };
    if (method === 'tasks/result') return this.result(p);
    if (method === 'tasks/cancel') return this.cancel(p);
    if (method !== 'tasks/list') throw new Error(`Unknown method: ${method}`);
    this.purge();
    if (p?.cursor !== undefined) throw new Error(`Invalid cursor: ${String(p.cursor)}`);
    return { tasks: [...this.tasks.values()].map((s) => ({ ...s.task })) };
  }

  async answer(msg: Params): Promise<object> {
    try {
      return { jsonrpc: '2.0', id: msg.id, result: await this.handle(String(msg.method), msg.params) };
    } catch (e) {
      return { jsonrpc: '2.0', id: msg.id, error: { code: -32603, message: e instanceof Error ? e.message : String(e) } };
    }
  }
}

const send = (res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}) => {
  res
    .writeHead(status, { ...(body !== undefined && { 'content-type': 'application/json' }), ...headers })
    .end(body === undefined ? undefined : JSON.stringify(body));
};
const transportError = (res: ServerResponse, status: number, message: string) =>
  send(res, status, { jsonrpc: '2.0', id: null, error: { code: -32000, message } });
const INITIALIZE_RESULT = {
  protocolVersion: '2025-11-25',
  capabilities: { tools: {}, tasks: { list: {}, cancel: {}, requests: { tools: { call: {} } } } },
  serverInfo: { name: 'naive-tasks', version: '0.3.0' },
};

/** The Streamable HTTP side (POST answered with JSON, GET 405, DELETE ends a session). */
async function serveHttp(server: NaiveServer, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if ((req.url ?? '').split('?')[0] !== '/mcp') return transportError(res, 404, 'Not found');
  const sid = req.headers['mcp-session-id'];
  if (req.method === 'DELETE')
    return typeof sid === 'string' && server.sessions.delete(sid) ? send(res, 200) : transportError(res, 404, 'Session not found');
  if (req.method !== 'POST') return send(res, 405, undefined, { allow: 'POST, DELETE' });
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  let msg: Params;
  try {
    msg = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return send(res, 400, { jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error' } });
  }
  if (typeof msg !== 'object' || msg === null || Array.isArray(msg))
    return send(res, 400, { jsonrpc: '2.0', id: null, error: { code: -32600, message: 'Expected one JSON-RPC message' } });
  if (msg.method === 'initialize') {
    const id = randomUUID();
    server.sessions.add(id);
    return send(res, 200, { jsonrpc: '2.0', id: msg.id, result: INITIALIZE_RESULT }, { 'mcp-session-id': id });
  }
  if (typeof sid !== 'string') return transportError(res, 400, 'Bad Request: Mcp-Session-Id header is required');
  if (!server.sessions.has(sid)) return transportError(res, 404, 'Session not found');
  if (msg.id === undefined || msg.method === undefined) return send(res, 202); // a notification or a response
  send(res, 200, await server.answer(msg));
}

export async function startNaiveTasks(options: NaiveTasksOptions = {}): Promise<NaiveTasks> {
  const server = new NaiveServer(options.delayMs ?? 300);
  const http = createServer(
    (req, res) => void serveHttp(server, req, res).catch(() => (res.headersSent ? res.end() : transportError(res, 500, 'Internal error'))),
  );
  await new Promise<void>((resolve) => http.listen(options.port ?? 0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}/mcp`,
    close: async () => {
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i < 0 ? undefined : process.argv[i + 1];
};
if (arg('--port') !== undefined) {
  const delay = arg('--delay-ms');
  const server = await startNaiveTasks({ port: Number(arg('--port')), ...(delay !== undefined && { delayMs: Number(delay) }) });
  process.stderr.write(`naive-tasks listening on ${server.url}\n`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
