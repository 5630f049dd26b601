/**
 * A small raw MCP client for the subjects' own probe tests (*.probe.test.ts): JSON-RPC over
 * `fetch` (Streamable HTTP: JSON or SSE responses, Mcp-Session-Id) and over a child's stdio.
 * Written for these probes only; it uses neither the MCP SDK nor the conformance kit.
 * Importing it has no side effects.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const RELATED = 'io.modelcontextprotocol/related-task';
export const PROTOCOL = '2025-11-25';

export interface RpcError {
  code: number;
  message: string;
  data?: unknown;
}
// Loose on purpose: the probes look at whatever the server sent.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Any = any;
export interface Message {
  jsonrpc: '2.0';
  id?: number | string | null;
  method?: string;
  params?: Any;
  result?: Any;
  error?: RpcError;
}
/** Answers a request the server sends (elicitation/create, sampling/createMessage, ...). */
export type OnRequest = (request: Message) => Promise<{ result: unknown } | { error: RpcError }>;

export interface Exchange {
  /** The HTTP status of the POST. */
  status: number;
  contentType: string;
  /** The JSON-RPC response to this request (undefined for 202 or a stream without it). */
  response?: Message;
  /** Everything else the server sent on this response's stream, in order. */
  received: Message[];
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** One Streamable HTTP session, spoken by hand. */
export class HttpSession {
  sessionId?: string;
  private nextId = 1;
  constructor(readonly url: string) {}

  headers(): Record<string, string> {
    return {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      'mcp-protocol-version': PROTOCOL,
      ...(this.sessionId !== undefined && { 'mcp-session-id': this.sessionId }),
    };
  }

  /** initialize + notifications/initialized; returns the initialize result. */
  async initialize(capabilities: object = {}): Promise<Any> {
    const ex = await this.exchange('initialize', {
      protocolVersion: PROTOCOL,
      capabilities,
      clientInfo: { name: 'subject-probe', version: '0' },
    });
    if (!ex.response?.result) throw new Error(`initialize failed: ${JSON.stringify(ex)}`);
    await this.notify('notifications/initialized');
    return ex.response.result;
  }

  async notify(method: string, params?: object): Promise<number> {
    const res = await fetch(this.url, {
      method: 'POST',
      headers: this.headers(),
      body: JSON.stringify({ jsonrpc: '2.0', method, ...(params && { params }) }),
    });
    await res.arrayBuffer();
    return res.status;
  }

  /** POST a JSON-RPC response to a server request. */
  async respond(id: Message['id'], answer: { result: unknown } | { error: RpcError }): Promise<number> {
    const res = await fetch(this.url, { method: 'POST', headers: this.headers(), body: JSON.stringify({ jsonrpc: '2.0', id, ...answer }) });
    await res.arrayBuffer();
    return res.status;
  }

  /** Send a request; read a JSON body or an SSE stream up to this request's response. */
  async exchange(method: string, params?: object, onRequest?: OnRequest): Promise<Exchange> {
    const id = this.nextId++;
    const res = await fetch(this.url, {
      method: 'POST',
      headers: this.headers(),
      body: JSON.stringify({ jsonrpc: '2.0', id, method, ...(params && { params }) }),
    });
    const sid = res.headers.get('mcp-session-id');
    if (sid) this.sessionId = sid;
    const contentType = res.headers.get('content-type') ?? '';
    const ex: Exchange = { status: res.status, contentType, received: [] };
    if (!contentType.includes('text/event-stream')) {
      const text = await res.text();
      if (text) ex.response = JSON.parse(text) as Message;
      return ex;
    }
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return ex;
      buffer += decoder.decode(value, { stream: true }).replace(/\r\n/g, '\n');
      let cut: number;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const event = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const data = event
          .split('\n')
          .filter((l) => l.startsWith('data:'))
          .map((l) => l.slice(5).trimStart())
          .join('\n');
        if (!data) continue;
        const msg = JSON.parse(data) as Message;
        if (msg.id === id && msg.method === undefined) {
          ex.response = msg;
          await reader.cancel().catch(() => {});
          return ex;
        }
        ex.received.push(msg);
        if (msg.method !== undefined && msg.id !== undefined && onRequest) await this.respond(msg.id, await onRequest(msg));
      }
    }
  }

  /** The result of a request; throws on a JSON-RPC error. */
  async result(method: string, params?: object, onRequest?: OnRequest): Promise<Any> {
    const ex = await this.exchange(method, params, onRequest);
    if (!ex.response || ex.response.error) throw new Error(`${method} failed: ${JSON.stringify(ex)}`);
    return ex.response.result;
  }

  /** The JSON-RPC error of a request; throws if it succeeded. */
  async error(method: string, params?: object): Promise<RpcError> {
    const ex = await this.exchange(method, params);
    if (!ex.response?.error) throw new Error(`${method} did not fail: ${JSON.stringify(ex)}`);
    return ex.response.error;
  }

  /** Poll tasks/get until `until(status)` holds (at most `tries` polls). */
  async pollUntil(taskId: string, until: (status: string) => boolean, tries = 200, everyMs = 25): Promise<Any> {
    for (let i = 0; i < tries; i++) {
      const task = await this.result('tasks/get', { taskId });
      if (until(task.status as string)) return task;
      await sleep(everyMs);
    }
    throw new Error(`task ${taskId} never reached the awaited status`);
  }
}

export const isTerminal = (s: string) => s === 'completed' || s === 'failed' || s === 'cancelled';
export const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** A subject program started as a child process (`node <file> ...args`). */
export interface Program {
  child: ChildProcess;
  /** Everything the program wrote to stderr so far. */
  stderr(): string;
  /** Resolves when it exits. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function startProgram(file: URL, args: string[]): Program {
  const child = spawn(process.execPath, [fileURLToPath(file), ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  let err = '';
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, stderr: () => err, exited };
}

/** Start an HTTP subject program and wait for its `listening on URL` line. */
export async function startHttpProgram(file: URL, args: string[]): Promise<Program & { url: string }> {
  const program = startProgram(file, args);
  for (let i = 0; i < 400; i++) {
    const m = /listening on (http:\/\/\S+)/.exec(program.stderr());
    if (m) return { ...program, url: m[1]! };
    if (program.child.exitCode !== null) break;
    await sleep(25);
  }
  program.child.kill();
  throw new Error(`program did not start: ${program.stderr()}`);
}

/** A subject program over stdio: newline-delimited JSON-RPC on its stdin/stdout. */
export class StdioPeer {
  private nextId = 1;
  private buffer = '';
  private waiting = new Map<Message['id'], (m: Message) => void>();
  readonly received: Message[] = [];
  constructor(readonly program: Program) {
    program.child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      this.buffer += d;
      let cut: number;
      while ((cut = this.buffer.indexOf('\n')) >= 0) {
        const line = this.buffer.slice(0, cut).trim();
        this.buffer = this.buffer.slice(cut + 1);
        if (!line) continue;
        const msg = JSON.parse(line) as Message;
        const resolve = msg.method === undefined ? this.waiting.get(msg.id) : undefined;
        if (resolve) {
          this.waiting.delete(msg.id);
          resolve(msg);
        } else this.received.push(msg);
      }
    });
  }

  send(msg: object): void {
    this.program.child.stdin!.write(`${JSON.stringify({ jsonrpc: '2.0', ...msg })}\n`);
  }

  request(method: string, params?: object): Promise<Message> {
    const id = this.nextId++;
    const answer = new Promise<Message>((resolve) => this.waiting.set(id, resolve));
    this.send({ id, method, ...(params && { params }) });
    return answer;
  }

  async initialize(): Promise<Any> {
    const res = await this.request('initialize', {
      protocolVersion: PROTOCOL,
      capabilities: {},
      clientInfo: { name: 'subject-probe', version: '0' },
    });
    this.send({ method: 'notifications/initialized' });
    return res.result;
  }
}
