/**
 * How the suite reaches the server under test: a Streamable HTTP URL (with per-identity headers)
 * or a command it spawns and talks to over stdio. `connect(identity)` returns a fresh SDK client
 * (a `WireSession`) that declares elicitation and sampling and answers them as answers.ts says
 * (forms filled from their requestedSchema, `answer` in the free-text fields). Every message is
 * recorded in the run's wire log, and what the transport itself suffers (a refused connection, a
 * gateway error, a process that exited) is reported to the run's liveness watch, with the
 * server's stderr for a spawned process.
 */
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { isObject } from '../core/json.js';
import type { Liveness } from './liveness.js';
import { KitStdioTransport, type ProcessExit } from './stdio-transport.js';
import type { WireSession } from './session.js';
import { RecordedSession, RecordingTransport, WireLog } from './wire-log.js';

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
  /** The run's wire recording (a fresh one when absent). */
  log?: WireLog;
  /** Told of transport troubles (the server may have stopped answering). */
  liveness?: Liveness;
}

/** HTTP statuses a gateway in front of a server answers when the server behind it is gone. */
const GATEWAY_DOWN = new Set([502, 503, 504]);
/** How long one attempt to reach a URL target may take (liveness.ts). */
const REACH_TIMEOUT_MS = 2_000;

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
  readonly log: WireLog;

  constructor(target: ProtocolTarget, options: ConnectorOptions) {
    this.#target = target;
    this.#options = options;
    this.log = options.log ?? new WireLog();
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
    let session: RecordedSession;
    let transport: Transport;
    const options = { label, answer: this.#options.answer, requestTimeoutMs: this.#options.requestTimeoutMs, ...(signal && { signal }) };
    if ('url' in this.#target) {
      const headers = identityHeaders(identity);
      // The fetch wrapper records each POST's JSON-RPC methods and response content type (R29),
      // and tells the liveness watch when the connection fails or a gateway says the server is gone.
      const tapFetch: typeof fetch = async (input, init) => {
        let response: Response;
        try {
          response = await fetch(input, init);
        } catch (error) {
          if ((error as Error).name !== 'AbortError') this.#trouble(label, `${init?.method ?? 'GET'} ${fetchFailure(error)}`);
          throw error;
        }
        if (GATEWAY_DOWN.has(response.status)) this.#trouble(label, `${init?.method ?? 'GET'} answered HTTP ${response.status}`);
        if (init?.method === 'POST' && typeof init.body === 'string') {
          session.recordHttp({
            at: Date.now(),
            methods: rpcMethods(init.body),
            status: response.status,
            contentType: response.headers.get('content-type') ?? '',
          });
        }
        return response;
      };
      transport = new StreamableHTTPClientTransport(new URL(String(this.#target.url)), { requestInit: { headers }, fetch: tapFetch });
    } else {
      const { command, args, cwd, env } = stdioCommand(this.#target.stdio);
      const inherited = Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => typeof e[1] === 'string'));
      transport = new KitStdioTransport({
        command,
        args,
        env: { ...inherited, ...env },
        ...(cwd !== undefined && { cwd }),
        // Drain the server's stderr (a full pipe would block it); keep a tail for diagnostics.
        onStderr: (text) => {
          this.#stderr.push(text);
          if (this.#stderr.length > 200) this.#stderr.splice(0, 100);
        },
        onExit: (exit) => this.#exited(label, exit),
      });
    }
    session = new RecordedSession(new RecordingTransport(transport, this.log, label), options).attach(this.log);
    try {
      await session.connect();
    } catch (error) {
      await session.close().catch(() => {});
      const tail = this.kind === 'stdio' ? this.stderrTail(5) : '';
      throw new Error(`cannot connect (${this.description}): ${(error as Error).message}${tail ? `\nserver stderr:\n${tail}` : ''}`);
    }
    return session;
  }

  /** One attempt to reach a URL target: any HTTP answer but a gateway's "down" counts (liveness.ts). */
  async reach(): Promise<boolean> {
    if (!('url' in this.#target)) return false;
    // No credentials: a 401 is an answer too.
    const headers = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
    const body = JSON.stringify({ jsonrpc: '2.0', id: 'conformance-alive', method: 'ping' });
    try {
      const response = await fetch(String(this.#target.url), {
        method: 'POST',
        headers,
        body,
        signal: AbortSignal.timeout(REACH_TIMEOUT_MS),
      });
      await response.body?.cancel().catch(() => {});
      return !GATEWAY_DOWN.has(response.status);
    } catch {
      return false;
    }
  }

  #trouble(label: string, note: string): void {
    this.log.transport(label, note);
    this.#options.liveness?.trouble(note, this.log.step);
  }

  #exited(label: string, exit: ProcessExit): void {
    const how = exit.signal ? `was killed by ${exit.signal}` : `exited with code ${String(exit.code)}`;
    this.log.transport(label, `the server process ${how}${exit.requested ? ' (the kit closed it)' : ''}`);
    if (!exit.requested)
      this.#options.liveness?.trouble(`the server process ${how}`, this.log.step, { exit, stderrTail: this.stderrTail(12) });
  }
}

/** `fetch failed (ECONNREFUSED)`: undici's error with its cause's code. */
function fetchFailure(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  const why = typeof cause?.code === 'string' ? cause.code : typeof cause?.message === 'string' ? cause.message : undefined;
  return `${(error as Error).message}${why ? ` (${why})` : ''}`;
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
