/**
 * `ServerPool`: the 2025-11-25 servers of stateless serving, built once and reused (issue 23:
 * building an McpServer with every tool and `withTasks` for each POST was most of its cost). A
 * server serves one POST at a time: taken for it, connected to that POST's transport, closed when
 * its response ends, then given back.
 *
 * What a reused server must not carry from one POST to the next, and how it does not:
 * - another requestor's messages: servers are pooled per owner (token identity), so a late send
 *   of a request that already ended (the SDK routes it by request id through the server's current
 *   transport) can only reach the same owner, as in a session; a task's own messages never go
 *   through a server after the CreateTaskResult (stateless peer: progress stored, ToolCalls);
 * - state a request leaves on the connection: a server that served anything but the stateless
 *   methods below (an `initialize` stores client capabilities, `logging/setLevel` a level) is
 *   dropped instead of given back.
 * Idle servers are bounded (MAX_IDLE in all, MAX_IDLE_PER_OWNER each; the least recently used
 * owner's go first), about 35 KB each with the conformance fixtures.
 */
import type { Server2025 } from './server-2025.js';

/** Requests after which a server holds nothing of its requestor: it may serve the next POST. */
const REUSABLE = new Set([
  'tools/call',
  'tools/list',
  'tasks/get',
  'tasks/result',
  'tasks/list',
  'tasks/cancel',
  'ping',
  'notifications/cancelled',
  'notifications/progress',
]);

export const MAX_IDLE = 128;
export const MAX_IDLE_PER_OWNER = 16;

export class ServerPool {
  /** identity -> its idle servers; Map order is least recently given back first. */
  readonly #idle = new Map<string, Server2025[]>();
  #size = 0;
  #built = 0;

  constructor(private readonly build: () => Server2025) {}

  /** Idle servers now, and servers built so far (tests, diagnostics). */
  get stats(): { idle: number; built: number } {
    return { idle: this.#size, built: this.#built };
  }

  /** A server for one POST of `identity`: an idle one of that owner, or a new one. */
  take(identity: string): Server2025 {
    const idle = this.#idle.get(identity);
    const server = idle?.pop();
    if (server) {
      this.#size--;
      if (idle!.length === 0) this.#idle.delete(identity);
      return server;
    }
    this.#built++;
    return this.build();
  }

  /** `server` (closed, its POST answered) may serve `identity` again. */
  give(identity: string, server: Server2025): void {
    const idle = this.#idle.get(identity) ?? [];
    if (idle.length >= MAX_IDLE_PER_OWNER) return;
    this.#idle.delete(identity);
    this.#idle.set(identity, idle);
    idle.push(server);
    this.#size++;
    while (this.#size > MAX_IDLE) this.#evictOne();
  }

  /** Whether a server that served `messages` may be given back (see above). */
  static reusableAfter(messages: unknown): boolean {
    return (Array.isArray(messages) ? messages : [messages]).every((m) => {
      const method = typeof m === 'object' && m !== null ? (m as { method?: unknown }).method : undefined;
      return typeof method === 'string' && REUSABLE.has(method);
    });
  }

  #evictOne(): void {
    const [identity, idle] = this.#idle.entries().next().value!;
    idle.shift();
    this.#size--;
    if (idle.length === 0) this.#idle.delete(identity);
  }
}
