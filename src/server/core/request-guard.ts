/**
 * `RequestGuard`: what every task request of either wire goes through, written once: who asks
 * (`resolveOwner`: authInfo > session > anonymous, R76), counting it against the engine's rate
 * limiter (R81), and how a refusal reaches the wire: the one mapping (`toJsonRpcError`,
 * src/errors/json-rpc.ts), put in the leg's SDK form by the leg's thin adapter (`toWire`: SDK 1.x
 * `WireError` in v2025/wire-errors.ts, SDK v2 `ProtocolError` in v2026/protocol.ts). What a
 * leg knows of the requestor (the 2025 session, the 2026 per-request auth) it passes as the
 * `OwnerSource`.
 */
import { isTasksError, JSON_RPC, type JsonRpcErrorOptions } from '../../errors/index.js';
import { resolveOwner, type Owner, type OwnerSource, type ResolveOwnerOptions } from '../../owner.js';
import type { TaskEngine } from './engine.js';

/** A leg's adapter: any thrown value as its SDK's JSON-RPC error, through `toJsonRpcError`. */
export type WireErrorAdapter = (error: unknown, options?: JsonRpcErrorOptions) => Error & { readonly code: number };

export interface RequestGuardOptions {
  engine: TaskEngine;
  owner?: ResolveOwnerOptions | undefined;
  toWire: WireErrorAdapter;
}

export class RequestGuard {
  readonly #engine: TaskEngine;
  readonly #owner: ResolveOwnerOptions | undefined;
  readonly #toWire: WireErrorAdapter;

  constructor(options: RequestGuardOptions) {
    this.#engine = options.engine;
    this.#owner = options.owner;
    // Every refusal reaches the wire through here: counted by its code (`mcp_tasks_refusals_total`).
    // What work threw is its own failure, not a refusal.
    this.#toWire = (error, wireOptions) => {
      if (wireOptions?.thrownBy !== 'work' && isTasksError(error)) options.engine.observer.refused(error.code);
      return options.toWire(error, wireOptions);
    };
  }

  /** Who asks, not counted (an answer to a question is no task operation). */
  owner(source: OwnerSource): Owner {
    return resolveOwner(source, this.#owner);
  }

  /** Who asks, counted as one task operation (R81): the owner, or the wire's RATE_LIMITED error. */
  admit(source: OwnerSource): Owner {
    const owner = this.owner(source);
    try {
      this.#engine.admit(owner);
    } catch (error) {
      throw this.#toWire(error);
    }
    return owner;
  }

  /**
   * Run one operation of `owner` on task `taskId`; a refusal goes to the wire through the one
   * mapping (`context` prefixes its message). A refusal of the request's params (-32602: a
   * missing, foreign or ended task, a bad value) is logged as a failed lookup (R82: "many failed
   * task lookups" is a pattern to watch).
   */
  async task<T>(owner: Owner, taskId: string | undefined, op: () => Promise<T>, context?: string): Promise<T> {
    try {
      return await op();
    } catch (error) {
      const wire = this.#toWire(error, { context });
      if (wire.code === JSON_RPC.INVALID_PARAMS) {
        this.#engine.logger({ event: 'task.lookup_failed', owner, ...(taskId !== undefined && { taskId }), detail: wire.message });
      }
      throw wire;
    }
  }

  /** Any thrown value as this leg's wire error (the one mapping). */
  wire(error: unknown, options?: JsonRpcErrorOptions): Error & { readonly code: number } {
    return this.#toWire(error, options);
  }
}
