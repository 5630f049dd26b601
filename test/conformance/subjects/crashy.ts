#!/usr/bin/env node
/**
 * Subject "crashy": a server that DIES on a request the spec allows. Built only on the SDK 1.32
 * experimental tasks (`McpServer` + `InMemoryTaskStore` + `InMemoryTaskMessageQueue`), served over
 * Streamable HTTP (`--port N`: one McpServer per session, one shared store) or stdio (`--stdio`).
 *
 * Tools: `long_job {label?}` (taskSupport required) completes `jobMs` (default 3000) after it
 * starts with "long_job <label> done"; ttl = max(requested, 60000) (R34: overridden, so expiry never
 * interferes), pollInterval 200. `status` is a plain read-only tool answering "up".
 * The bug (a real pattern of published servers): long_job stores its result from a timer with
 * `void extra.taskStore.storeTaskResult(...)` and no guard. When a client cancels the task while it
 * runs (a legal tasks/cancel, answered correctly), the later store call rejects with the SDK store's
 * "Cannot store result for task <id> in terminal status 'cancelled'. Task results can only be stored
 * once." and nothing catches it: Node's unhandled-rejection default turns it into an uncaught
 * exception, the stack goes to stderr and the process exits with code 1 (HTTP: later requests get
 * ECONNREFUSED; stdio: stdout ends). It prints what it does to stderr (`crashy: ...` lines: each
 * incoming message, each job start, each result store).
 * Cleaner variant `--exit-on METHOD` (option `exitOn`): the first incoming message with that method
 * (request or notification) is not processed; the process prints
 * "crashy: --exit-on METHOD: got METHOD (id N); exiting with code 3 without answering" and exits with
 * code 3 (EXIT_ON_CODE), so a test can say exactly which request killed it.
 *
 * KNOWN DEVIATIONS (exact wire in KNOWN_DEVIATIONS; verified by crashy.probe.test.ts):
 *   R68/R67 a tasks/cancel of a running long_job kills the process when the job's time is up
 *   R13 (SDK) long_job without task -> a successful isError result, not error -32601
 *   R11 (SDK) status with task -> the tool runs, then error -32602 "MCP error -32602: Invalid task creation result: ..."
 *   tools (SDK) unknown tool -> a successful isError result
 *   with --exit-on METHOD: JSON-RPC, that request is never answered and the process exits (code 3)
 * CORRECT (until it dies; wire in CORRECT below): tasks capability; long_job required, status
 *   forbidden; CreateTaskResult working, ttl >= 60000 (R34 override), pollInterval 200; without a
 *   cancel tasks/result blocks and returns the result with related-task _meta; the tasks/cancel reply
 *   itself (status cancelled); -32602 for an unknown taskId.
 *
 * `node crashy.js --port N | --stdio [--job-ms 3000] [--exit-on tasks/cancel]`.
 * `startCrashy(options)` / `startCrashyStdio(options)` run it as a CHILD process (it exits on purpose:
 * never host it in a test process); `serveCrashy` is the in-process server the program runs.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { InMemoryTaskMessageQueue, InMemoryTaskStore } from '@modelcontextprotocol/sdk/experimental/tasks/stores/in-memory.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import * as z from 'zod';
import type { Behaviour, Deviation } from './claims.js';
import { startHttpProgram, startProgram, type Program } from './probe-client.js';

export const EXIT_ON_CODE = 3;
export const KNOWN_DEVIATIONS: Deviation[] = [
  {
    rule: 'R68',
    also: ['R67', 'R25'],
    level: 'MUST',
    what: "a legal tasks/cancel of a running task kills the server when the task's work ends (it is not stopped, and its unguarded result store throws)",
    wire: 'tools/call long_job {task} -> working; tasks/cancel -> {status:"cancelled", statusMessage:"Client cancelled task execution."}; jobMs after the start the process exits with code 1, stderr has "Cannot store result for task <id> in terminal status \'cancelled\'"; afterwards tasks/get -> no answer (HTTP ECONNREFUSED / stdio closed)',
  },
  {
    rule: 'R13',
    level: 'MUST',
    what: 'required tool without task gets a successful isError result',
    wire: 'tools/call {name:"long_job"} -> result {content:[{type:"text", text:"MCP error -32601: Tool long_job requires task augmentation (taskSupport: \'required\')"}], isError:true}',
  },
  {
    rule: 'R11',
    level: 'SHOULD',
    what: 'forbidden tool with task runs, then an error that is not -32601',
    wire: 'tools/call {name:"status", task:{}} -> error {code:-32602, message:"MCP error -32602: Invalid task creation result: [zod issues]"}',
  },
  {
    rule: 'tools',
    level: 'SHOULD',
    what: 'unknown tool gets a successful isError result, not -32602',
    wire: 'tools/call {name:"nope"} -> result {content:[{type:"text", text:"MCP error -32602: Tool nope not found"}], isError:true}',
  },
];
/** Added by `--exit-on METHOD`. */
export const exitOnDeviation = (method: string): Deviation => ({
  rule: 'JSON-RPC',
  level: 'MUST',
  what: `the first ${method} is never answered: the process exits`,
  wire: `${method} -> no response; process exit code ${EXIT_ON_CODE}; stderr "crashy: --exit-on ${method}: got ${method} (id N); exiting with code ${EXIT_ON_CODE} without answering"`,
});
export const CORRECT: Behaviour[] = [
  {
    rule: 'R1',
    what: 'tasks capability declared',
    wire: 'initialize -> capabilities.tasks = {list:{}, cancel:{}, requests:{tools:{call:{}}}}',
  },
  {
    rule: 'R14',
    what: 'long_job required, status forbidden',
    wire: 'tools/list -> long_job execution.taskSupport "required", status "forbidden"',
  },
  {
    rule: 'R16',
    also: ['R21', 'R34', 'R35'],
    what: 'CreateTaskResult; ttl overridden to at least 60000',
    wire: 'tools/call long_job {task:{ttl:5000}} -> {task:{status:"working", ttl:60000, pollInterval:200, ...}}',
  },
  {
    rule: 'R40',
    also: ['R41', 'R44'],
    what: 'without a cancel, tasks/result blocks and returns the result',
    wire: 'tasks/result -> (after jobMs) {content:[{type:"text", text:"long_job <label> done"}], _meta:{related-task}}',
  },
  {
    rule: 'R67',
    what: 'tasks/cancel itself is answered correctly before the crash',
    wire: 'tasks/cancel -> {taskId, status:"cancelled", ...}',
  },
  { rule: 'R71', what: 'unknown taskId -> -32602', wire: 'tasks/get {taskId:"nope"} -> error -32602' },
];

export interface CrashyOptions {
  /** How long long_job works (default 3000 ms). */
  jobMs?: number;
  /** Exit (code 3) on the first incoming message with this method, without processing it. */
  exitOn?: string;
}

const log = (line: string) => process.stderr.write(`crashy: ${line}\n`);

function crashyServer(taskStore: InMemoryTaskStore, taskMessageQueue: InMemoryTaskMessageQueue, jobMs: number): McpServer {
  const mcp = new McpServer(
    { name: 'crashy', version: '1.0.0' },
    {
      capabilities: { tools: {}, tasks: { list: {}, cancel: {}, requests: { tools: { call: {} } } } },
      taskStore,
      taskMessageQueue,
      defaultTaskPollInterval: 200,
    },
  );
  mcp.experimental.tasks.registerToolTask(
    'long_job',
    { description: `Works for ${jobMs} ms.`, inputSchema: { label: z.string().optional() }, execution: { taskSupport: 'required' } },
    {
      createTask: async ({ label }, extra) => {
        const task = { ...(await extra.taskStore.createTask({ ttl: Math.max(extra.taskRequestedTtl ?? 0, 60_000), pollInterval: 200 })) };
        log(
          `long_job task ${task.taskId} started; its result is stored in ${jobMs} ms without a guard (a tasks/cancel before then crashes this process)`,
        );
        setTimeout(() => {
          log(`storing the result of task ${task.taskId}`);
          // THE BUG: no catch. After a tasks/cancel the store rejects and the process dies.
          void extra.taskStore.storeTaskResult(task.taskId, 'completed', {
            content: [{ type: 'text', text: `long_job ${label ?? ''} done` }],
          });
        }, jobMs);
        return { task };
      },
      getTask: async () => {
        throw new Error('unused: the SDK serves tasks/get from the store');
      },
      getTaskResult: async () => {
        throw new Error('unused: the SDK serves tasks/result from the store');
      },
    },
  );
  mcp.registerTool('status', { description: 'Is the server up?', annotations: { readOnlyHint: true } }, async () => ({
    content: [{ type: 'text', text: 'up' }],
  }));
  return mcp;
}

/** Log every incoming message and, with `exitOn`, die on the first one with that method. Set before connect: it runs first. */
function watch(transport: Transport, exitOn: string | undefined): void {
  transport.onmessage = (message: JSONRPCMessage) => {
    const method = 'method' in message ? message.method : undefined;
    const id = 'id' in message ? ` (id ${String(message.id)})` : '';
    log(`<- ${method ?? 'response'}${id}`);
    if (method !== undefined && method === exitOn) {
      log(`--exit-on ${exitOn}: got ${method}${id}; exiting with code ${EXIT_ON_CODE} without answering`);
      process.exit(EXIT_ON_CODE);
    }
  };
}

/** The server in THIS process (what the program runs). Over HTTP unless `stdio`. */
export async function serveCrashy(
  options: CrashyOptions & { port?: number; stdio?: boolean } = {},
): Promise<{ url?: string; close(): Promise<void> }> {
  const jobMs = options.jobMs ?? 3_000;
  const taskStore = new InMemoryTaskStore();
  const queue = new InMemoryTaskMessageQueue();
  if (options.stdio) {
    const transport = new StdioServerTransport();
    watch(transport, options.exitOn);
    await crashyServer(taskStore, queue, jobMs).connect(transport);
    return { close: async () => void (await transport.close(), taskStore.cleanup()) };
  }
  const transports = new Map<string, StreamableHTTPServerTransport>();
  const http = createServer((req, res) => {
    void (async () => {
      const sid = req.headers['mcp-session-id'];
      let transport = typeof sid === 'string' ? transports.get(sid) : undefined;
      if (typeof sid === 'string' && !transport) {
        res.writeHead(404).end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32001, message: 'Session not found' }, id: null }));
        return;
      }
      if (!transport) {
        const t = new StreamableHTTPServerTransport({
          sessionIdGenerator: randomUUID,
          onsessioninitialized: (id) => void transports.set(id, t),
        });
        watch(t, options.exitOn);
        await crashyServer(taskStore, queue, jobMs).connect(t);
        transport = t;
      }
      await transport.handleRequest(req, res);
    })().catch(() => void (res.headersSent ? res.end() : res.writeHead(500).end()));
  });
  await new Promise<void>((resolve) => http.listen(options.port ?? 0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}/mcp`,
    close: async () => {
      for (const t of transports.values()) await t.close().catch(() => {});
      taskStore.cleanup();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

const programArgs = (options: CrashyOptions) => [
  ...(options.jobMs !== undefined ? ['--job-ms', String(options.jobMs)] : []),
  ...(options.exitOn !== undefined ? ['--exit-on', options.exitOn] : []),
];

/** Run crashy over HTTP as a child process; `exited` tells how it ended, `stderr()` what it said. */
export async function startCrashy(options: CrashyOptions = {}): Promise<Program & { url: string; close(): Promise<void> }> {
  const program = await startHttpProgram(new URL(import.meta.url), ['--port', '0', ...programArgs(options)]);
  return { ...program, close: async () => void (program.child.kill('SIGTERM'), await program.exited) };
}

/** Run crashy over stdio as a child process (newline-delimited JSON-RPC on its stdin/stdout). */
export function startCrashyStdio(options: CrashyOptions = {}): Program {
  return startProgram(new URL(import.meta.url), ['--stdio', ...programArgs(options)]);
}

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i < 0 ? undefined : process.argv[i + 1];
};
if (arg('--port') !== undefined || process.argv.includes('--stdio')) {
  const job = arg('--job-ms');
  const exitOn = arg('--exit-on');
  const stdio = process.argv.includes('--stdio');
  const server = await serveCrashy({
    port: Number(arg('--port') ?? 0),
    stdio,
    ...(job !== undefined && { jobMs: Number(job) }),
    ...(exitOn !== undefined && { exitOn }),
  });
  log(stdio ? 'serving on stdio' : `listening on ${server.url}`);
  const stop = () => void server.close().then(() => process.exit(0));
  if (stdio) process.stdin.once('end', stop);
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
