/**
 * The wire recording: every JSON-RPC message between the client and the scripted server, per
 * session, with the time it crossed (ms since the recording began). It is a ServerSeam of the
 * reference server (reference-server/seam.ts): each session's transport is wrapped, so the
 * recording is exactly what the server received and sent. In a quiet scenario the status
 * notifications are dropped before they leave (R58) and only counted.
 */
import { performance } from 'node:perf_hooks';
import { InterceptedTransport, type Interceptor, type ServerSeam } from '../../reference-server/seam.js';
import type { Json } from '../core/json.js';
import { STATUS_NOTIFICATION } from '../core/wire.js';
import { registerScriptedTools } from './scripted-tools.js';

export type Direction = 'in' | 'out';

/** One message: `in` = client to server, `out` = server to client. */
export interface WireEntry {
  readonly t: number;
  readonly session: string;
  readonly dir: Direction;
  readonly message: Json;
}

export class WireRecorder {
  readonly entries: WireEntry[] = [];
  /** Status notifications withheld in a quiet scenario. */
  dropped = 0;
  readonly #start = performance.now();
  #sessions = 0;

  constructor(private readonly quiet: boolean) {}

  /** The seam that records every session of a server started with it (and adds the scripted tools). */
  seam(): ServerSeam {
    const all: InterceptedTransport[] = [];
    return {
      session: (transport, server) => {
        registerScriptedTools(server.tasks, server.mcp);
        const label = `s${++this.#sessions}`;
        const wrapped: InterceptedTransport = new InterceptedTransport(transport, this.#interceptor(() => wrapped.sessionId ?? label), all);
        return wrapped;
      },
    };
  }

  #interceptor(session: () => string): Interceptor {
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

  #record(session: string, dir: Direction, message: Json): void {
    // A deep copy: the SDK may change the objects it hands on.
    this.entries.push({ t: Math.round((performance.now() - this.#start) * 10) / 10, session, dir, message: structuredClone(message) });
  }
}
