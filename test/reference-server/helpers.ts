/**
 * Helpers for the reference-server tests: spawn `dist/reference-server/main.js` as a child
 * process, read its address from stderr, connect SDK clients, and bound every wait.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ElicitRequestSchema, ResultSchema } from '@modelcontextprotocol/sdk/types.js';

/** dist/test/reference-server/helpers.js -> dist/reference-server/main.js */
export const MAIN = fileURLToPath(new URL('../../reference-server/main.js', import.meta.url));

/** Per-request timeout of every client call, and the default bound of every wait. */
export const TIMEOUT_MS = 10_000;

export const TOKENS = { 'token-a': 'alice', 'token-b': 'bob' } as const;

export interface ServerProcess {
  readonly child: ChildProcess;
  readonly url: string;
  readonly port: number;
  stderr(): string;
  /** Resolves with the exit code (or the signal name) once the process has exited. */
  readonly exited: Promise<number | string>;
  /** SIGKILL if still running (for `after`). */
  kill(): void;
}

/** A child process and its output; `exited` resolves on exit. */
export function run(args: readonly string[]): {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | string>;
} {
  const child = spawn(process.execPath, [MAIN, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.setEncoding('utf8').on('data', (c: string) => (out += c));
  child.stderr!.setEncoding('utf8').on('data', (c: string) => (err += c));
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** Start the HTTP server on an ephemeral port and wait for its listening line. */
export async function startServer(extraArgs: readonly string[] = []): Promise<ServerProcess> {
  const proc = run(['--port', '0', ...extraArgs]);
  const line = /listening on (http:\/\/[^\s]+:(\d+)\/mcp) \(store: [^)]+\)/;
  const match = await waitFor(
    () => proc.stderr().match(line) ?? undefined,
    TIMEOUT_MS,
    () => `the server's listening line (stderr so far: ${JSON.stringify(proc.stderr())})`,
    proc.exited,
  );
  return {
    child: proc.child,
    url: match[1]!,
    port: Number(match[2]),
    stderr: proc.stderr,
    exited: proc.exited,
    kill: () => void (proc.child.exitCode === null && proc.child.signalCode === null && proc.child.kill('SIGKILL')),
  };
}

/** Poll `probe` every 10 ms until it returns a value; reject after `ms` or if `abort` settles first. */
export function waitFor<T>(probe: () => T | undefined, ms: number, what: () => string, abort?: Promise<unknown>): Promise<T> {
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + ms;
    let done = false;
    void abort?.then((value) => {
      if (done) return;
      done = true;
      reject(new Error(`process exited (${String(value)}) while waiting for ${what()}`));
    });
    const tick = () => {
      if (done) return;
      const value = probe();
      if (value !== undefined) return void ((done = true), resolve(value));
      if (Date.now() > deadline) return void ((done = true), reject(new Error(`timed out after ${ms} ms waiting for ${what()}`)));
      setTimeout(tick, 10);
    };
    tick();
  });
}

/** Reject if `promise` takes longer than `ms`. */
export async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms)));
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** A wire result, read loosely. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Wire = Record<string, any>;

export interface ConnectOptions {
  token?: string;
  /** Answer elicitation/create with this (declares the elicitation capability). */
  elicitAnswer?: (params: Record<string, unknown>) => Record<string, unknown>;
}

/** An SDK client over Streamable HTTP; `notifications` collects every notification received. */
export async function connect(url: string, options: ConnectOptions = {}) {
  const client = new Client(
    { name: 'reference-server-test', version: '1.0.0' },
    options.elicitAnswer ? { capabilities: { elicitation: { form: {} } } } : {},
  );
  const notifications: { method: string; params?: Record<string, unknown> }[] = [];
  client.fallbackNotificationHandler = async (n) => void notifications.push(n as never);
  if (options.elicitAnswer) {
    const answer = options.elicitAnswer;
    client.setRequestHandler(ElicitRequestSchema, async (request) => answer(request.params as Record<string, unknown>) as never);
  }
  const transport = new StreamableHTTPClientTransport(new URL(url), {
    ...(options.token !== undefined && { requestInit: { headers: { Authorization: `Bearer ${options.token}` } } }),
  });
  await within(client.connect(transport), TIMEOUT_MS, 'initialize');
  return {
    client,
    transport,
    notifications,
    /** A raw request (the SDK's task helpers would mask failures). */
    request: (method: string, params?: Record<string, unknown>, onprogress?: (p: { progress: number; total?: number }) => void) =>
      client.request({ method, ...(params && { params }) } as never, ResultSchema, {
        timeout: TIMEOUT_MS,
        ...(onprogress && { onprogress }),
      }) as Promise<Wire>,
    close: () => within(client.close(), TIMEOUT_MS, 'client.close'),
  };
}

export type Connection = Awaited<ReturnType<typeof connect>>;

/** The JSON-RPC error a request is rejected with (McpError: integer code, "MCP error <code>: " message). */
export async function rpcError(promise: Promise<unknown>): Promise<{ code: number; message: string; data?: unknown }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { code?: unknown; message?: unknown; data?: unknown };
    if (typeof e.code === 'number') return { code: e.code, message: String(e.message), data: e.data };
    throw error;
  }
  throw new Error('expected a JSON-RPC error, got a result');
}

/** Poll tasks/get until the task has one of `statuses`. */
export async function waitForStatus(conn: Connection, taskId: string, statuses: readonly string[], ms = TIMEOUT_MS) {
  const deadline = Date.now() + ms;
  for (;;) {
    const task = await conn.request('tasks/get', { taskId });
    if (statuses.includes(task.status as string)) return task;
    if (Date.now() > deadline)
      throw new Error(`task ${taskId} still ${String(task.status)} after ${ms} ms, expected ${statuses.join('|')}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A temporary tokens file. */
export function tokensFile(content: unknown = TOKENS): string {
  const dir = mkdtempSync(join(tmpdir(), 'mcp-tasks-ref-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'tokens.json');
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}
