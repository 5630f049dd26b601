/**
 * The client side of stdio for a spawned server: newline-delimited JSON-RPC on the child's
 * stdin/stdout (the stdio transport's framing: one message per line). The kit has its own rather
 * than the SDK's StdioClientTransport because it must know how the server ended: the SDK's says
 * only that the pipe closed, while a report of a server that died names its exit code or signal
 * and the last lines it wrote on stderr (liveness.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { JSONRPCMessageSchema, type JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** True when the kit asked it to stop (close()). */
  requested: boolean;
}

export interface KitStdioOptions {
  command: string;
  args: string[];
  cwd?: string;
  env: Record<string, string>;
  /** Every chunk the server writes on stderr. */
  onStderr(text: string): void;
  /** The process ended (after its pipes closed). */
  onExit(exit: ProcessExit): void;
}

/** How long close() waits for the server to leave after stdin ends, then after SIGTERM. */
const GRACE_MS = 2_000;

export class KitStdioTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: Transport['onmessage'];
  readonly #options: KitStdioOptions;
  #buffer = '';
  #child: ChildProcess | undefined;
  #closing = false;
  #exited: Promise<void> | undefined;

  constructor(options: KitStdioOptions) {
    this.#options = options;
  }

  start(): Promise<void> {
    const child = spawn(this.#options.command, this.#options.args, {
      env: this.#options.env,
      stdio: ['pipe', 'pipe', 'pipe'],
      shell: false,
      windowsHide: true,
      ...(this.#options.cwd !== undefined && { cwd: this.#options.cwd }),
    });
    this.#child = child;
    // Decoded as streams: a character split between two chunks stays whole.
    child.stderr!.setEncoding('utf8').on('data', (text: string) => this.#options.onStderr(text));
    child.stdout!.setEncoding('utf8').on('data', (text: string) => this.#read(text));
    child.stdin!.on('error', (error) => this.onerror?.(error));
    // 'close' comes after the pipes are drained: the last message and stderr line are in.
    this.#exited = new Promise((resolve) =>
      child.once('close', (code, signal) => {
        this.#options.onExit({ code, signal, requested: this.#closing });
        this.#child = undefined;
        this.onclose?.();
        resolve();
      }),
    );
    return new Promise((resolve, reject) => {
      child.once('spawn', () => resolve());
      child.once('error', (error) => {
        reject(error);
        this.onerror?.(error);
      });
    });
  }

  send(message: JSONRPCMessage): Promise<void> {
    const stdin = this.#child?.stdin;
    if (!stdin || stdin.destroyed) return Promise.reject(new Error('the server process is not running'));
    return new Promise((resolve) => (stdin.write(`${JSON.stringify(message)}\n`) ? resolve() : stdin.once('drain', () => resolve())));
  }

  /** End stdin (a stdio server's signal to stop), then SIGTERM, then SIGKILL, each after a grace. */
  async close(): Promise<void> {
    const child = this.#child;
    if (!child || this.#closing) return this.#exited;
    this.#closing = true;
    child.stdin?.end();
    for (const signal of [undefined, 'SIGTERM', 'SIGKILL'] as const) {
      if (signal && this.#child) this.#child.kill(signal);
      const ended = await Promise.race([
        this.#exited!.then(() => true),
        new Promise<boolean>((r) => setTimeout(() => r(false), GRACE_MS).unref()),
      ]);
      if (ended) return;
    }
  }

  #read(text: string): void {
    this.#buffer += text;
    let end: number;
    while ((end = this.#buffer.indexOf('\n')) >= 0) {
      const line = this.#buffer.slice(0, end).replace(/\r$/, '');
      this.#buffer = this.#buffer.slice(end + 1);
      if (!line.trim()) continue;
      try {
        this.onmessage?.(JSONRPCMessageSchema.parse(JSON.parse(line)));
      } catch (error) {
        this.onerror?.(error as Error); // a line that is not JSON-RPC: reported, skipped
      }
    }
  }
}
