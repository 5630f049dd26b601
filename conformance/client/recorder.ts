/**
 * The wire recording: every JSON-RPC message between the client and the scripted server, per
 * session, with the time it crossed (ms since the recording began). The scripted server
 * (scripted-server.ts) puts the recorder's interceptor on each session's transport, so the
 * recording is exactly what the server received and sent. In a quiet scenario the status
 * notifications are dropped before they leave (R58) and only counted.
 */
import { performance } from 'node:perf_hooks';
import { isObject, type Json } from '../core/json.js';
import { STATUS_NOTIFICATION } from '../core/wire.js';

export type Direction = 'in' | 'out';

/** One message: `in` = client to server, `out` = server to client. */
export interface WireEntry {
  readonly t: number;
  readonly session: string;
  readonly dir: Direction;
  readonly message: Json;
}

/** What sits on one session's transport: each message passes through (returned) or is dropped (null). */
export interface SessionTap {
  incoming(message: Json): Json | null;
  outgoing(message: Json): Json | null;
}

export class WireRecorder {
  readonly entries: WireEntry[] = [];
  /** Status notifications withheld in a quiet scenario. */
  dropped = 0;
  readonly #start = performance.now();

  constructor(private readonly quiet: boolean) {}

  /** The tap of one session; `session()` names it (its session id, known only after initialize). */
  tap(session: () => string): SessionTap {
    return {
      incoming: (message) => {
        this.#record(session(), 'in', message);
        return message;
      },
      outgoing: (message) => {
        if (this.quiet && message.method === STATUS_NOTIFICATION) {
          this.dropped++;
          return null;
        }
        this.#record(session(), 'out', message);
        return message;
      },
    };
  }

  /** A message the server's HTTP layer refused before any session saw it, and the error it answered. */
  refused(body: unknown, session: string, error: { code: number; message: string }): void {
    if (!isObject(body)) return;
    this.#record(session, 'in', body);
    this.#record(session, 'out', { jsonrpc: '2.0', id: body.id ?? null, error });
  }

  #record(session: string, dir: Direction, message: Json): void {
    // A deep copy: the SDK may change the objects it hands on.
    this.entries.push({ t: Math.round((performance.now() - this.#start) * 10) / 10, session, dir, message: structuredClone(message) });
  }
}
