/**
 * How the suite reaches the server under test: a Streamable HTTP URL (with per-identity headers)
 * or a command it spawns and talks to over stdio. `connect(identity)` returns a fresh SDK client
 * (a `WireSession`) that declares elicitation and sampling and answers them as answers.ts says
 * (forms filled from their requestedSchema, `answer` in the free-text fields).
 */
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { isObject } from '../core/json.js';
import { WireSession } from './session.js';

/** A command to spawn; `stdio: "node server.js --stdio"` is split like a shell would (no expansion). */
export interface StdioCommand {
  command: string;
  args?: string[];
  cwd?: string;
  /** Added to the inherited environment. */
  env?: Record<string, string>;
}

export type ProtocolTarget = { url: string | URL } | { stdio: string | StdioCommand };

/**
 * Who the suite is when it connects: a bearer token (sent as `Authorization: Bearer <token>`)
 * and/or arbitrary headers. Only meaningful for url targets.
 */
export interface Identity {
  token?: string;
  headers?: Record<string, string>;
}

export interface ConnectorOptions {
  answer: string;
  requestTimeoutMs: number;
}

/** Split a command line into words: whitespace separates, '...' and "..." quote, \ escapes. */
export function splitCommandLine(line: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && i + 1 < line.length) word = (word ?? '') + line[++i];
      else word = (word ?? '') + c;
    } else if (c === '"' || c === "'") {
      quote = c;
      word ??= '';
    } else if (c === '\\' && i + 1 < line.length) {
      word = (word ?? '') + line[++i];
    } else if (/\s/.test(c)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else {
      word = (word ?? '') + c;
    }
  }
  if (quote) throw new Error(`unterminated ${quote} quote in command line`);
  if (word !== undefined) words.push(word);
  return words;
}

/** Parse `--auth-a` values: a bare token, or `Header-Name: value` lines. */
export function parseIdentity(values: string | readonly string[]): Identity {
  const identity: Identity = {};
  for (const value of typeof values === 'string' ? [values] : values) {
    const header = /^([A-Za-z0-9!#$%&'*+.^_`|~-]+):\s*(.*)$/.exec(value);
    if (header) identity.headers = { ...identity.headers, [header[1]!]: header[2]! };
    else if (value.trim() === '') throw new Error('an identity must be a bearer token or "Header: value"');
    else identity.token = value.trim();
  }
  return identity;
}

export function identityHeaders(identity: Identity | undefined): Record<string, string> {
  return {
    ...(identity?.token !== undefined && { Authorization: `Bearer ${identity.token}` }),
    ...identity?.headers,
  };
}

export class Connector {
  readonly kind: 'url' | 'stdio';
  readonly description: string;
  /** The server's URL (url targets). */
  readonly url: string | undefined;
  readonly #target: ProtocolTarget;
  readonly #options: ConnectorOptions;
  readonly #stderr: string[] = [];

  constructor(target: ProtocolTarget, options: ConnectorOptions) {
    this.#target = target;
    this.#options = options;
    if ('url' in target) {
      this.kind = 'url';
      this.url = String(target.url);
      this.description = `url ${this.url}`;
    } else {
      this.kind = 'stdio';
      this.url = undefined;
      const { command, args } = stdioCommand(target.stdio);
      this.description = `stdio ${[command, ...args].join(' ')}`;
    }
  }

  /** The last lines the spawned server wrote on stderr (stdio targets), for diagnostics. */
  stderrTail(lines = 10): string {
    return this.#stderr.join('').split('\n').filter(Boolean).slice(-lines).join('\n');
  }

  /** A new client connection (initialize done) for one identity. */
  async connect(label: string, identity?: Identity, signal?: () => AbortSignal | undefined): Promise<WireSession> {
    let session: WireSession;
    let transport: Transport;
    const options = { label, answer: this.#options.answer, requestTimeoutMs: this.#options.requestTimeoutMs, ...(signal && { signal }) };
    if ('url' in this.#target) {
      const headers = identityHeaders(identity);
      // The fetch wrapper records each POST's JSON-RPC methods and response content type (R29).
      const tapFetch: typeof fetch = async (input, init) => {
        const response = await fetch(input, init);
        if (init?.method === 'POST' && typeof init.body === 'string') {
          session.recordHttp({ at: Date.now(), methods: rpcMethods(init.body), status: response.status, contentType: response.headers.get('content-type') ?? '' });
        }
        return response;
      };
      transport = new StreamableHTTPClientTransport(new URL(String(this.#target.url)), { requestInit: { headers }, fetch: tapFetch });
    } else {
      const { command, args, cwd, env } = stdioCommand(this.#target.stdio);
      const inherited = Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => typeof e[1] === 'string'));
      const stdio = new StdioClientTransport({ command, args, env: { ...inherited, ...env }, stderr: 'pipe', ...(cwd !== undefined && { cwd }) });
      // Drain the server's stderr (a full pipe would block it); keep a tail for diagnostics.
      stdio.stderr?.on('data', (chunk: Buffer) => {
        this.#stderr.push(chunk.toString('utf8'));
        if (this.#stderr.length > 200) this.#stderr.splice(0, 100);
      });
      transport = stdio;
    }
    session = new WireSession(transport, options);
    try {
      await session.connect();
    } catch (error) {
      await session.close().catch(() => {});
      const tail = this.kind === 'stdio' ? this.stderrTail(5) : '';
      throw new Error(`cannot connect (${this.description}): ${(error as Error).message}${tail ? `\nserver stderr:\n${tail}` : ''}`);
    }
    return session;
  }
}

function stdioCommand(spec: string | StdioCommand): Required<Pick<StdioCommand, 'command' | 'args'>> & StdioCommand {
  if (typeof spec !== 'string') return { ...spec, args: spec.args ?? [] };
  const [command, ...args] = splitCommandLine(spec);
  if (command === undefined) throw new Error('the stdio command is empty');
  return { command, args };
}

function rpcMethods(body: string): string[] {
  try {
    const parsed: unknown = JSON.parse(body);
    const list = Array.isArray(parsed) ? parsed : [parsed];
    return list.map((m: unknown) => (isObject(m) && typeof m.method === 'string' ? m.method : '(response)'));
  } catch {
    return [];
  }
}
