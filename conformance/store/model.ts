/**
 * A reference model of the TaskStore contract (src/contract.ts), as plain and obvious as possible,
 * for the model-based property tests: operations as data, and what the contract says each returns.
 */
import type { TaskOutcome } from '../../src/record.js';
import type { TasksErrorCode } from '../../src/errors/index.js';
import type { JsonValue } from '../../src/json.js';
import type { ActiveStatus, TaskStatus } from '../../src/status.js';
import { isTerminalStatus, SPEC_TRANSITIONS } from './common.js';

export type OutcomeKind = 'completed' | 'failedResult' | 'failedError';

export type Op =
  | { op: 'create'; owner: number; ttl: number | undefined }
  | { op: 'get'; owner: number; ref: number }
  | { op: 'getResult'; owner: number; ref: number }
  | { op: 'updateStatus'; owner: number; ref: number; from: TaskStatus[]; to: ActiveStatus; message: string | null | undefined }
  | { op: 'complete'; owner: number; ref: number; kind: OutcomeKind; message: string | undefined }
  | { op: 'cancel'; owner: number; ref: number; message: string }
  | { op: 'setVariables'; owner: number; ref: number; patch: { [key: string]: number | null } }
  | { op: 'list'; owner: number; limit: number | undefined }
  | { op: 'advance'; ms: number }
  | { op: 'cleanup' };

/** The observable part of a task, as both the model and a real record project it. */
export interface View {
  taskId: string;
  owner: string;
  status: TaskStatus;
  statusMessage: string | undefined;
  createdAt: number;
  lastUpdatedAt: number;
  ttl: number | null;
  expiresAt: number | null;
  variables: { [key: string]: JsonValue };
  outcome: TaskOutcome | undefined;
  version: number;
}

export type Expected = { ok: true; value?: unknown } | { ok: false; codes: TasksErrorCode[] };

export interface ModelLimits {
  maxActive: number;
  defaultTtlMs: number;
  maxTtlMs: number;
}

export function outcomeFor(kind: OutcomeKind, n: number): { status: 'completed' | 'failed'; outcome: TaskOutcome } {
  switch (kind) {
    case 'completed':
      return { status: 'completed', outcome: { type: 'result', result: { content: [{ type: 'text', text: `r${n}` }] } } };
    case 'failedResult':
      return { status: 'failed', outcome: { type: 'result', result: { content: [], isError: true } } };
    case 'failedError':
      return { status: 'failed', outcome: { type: 'error', error: { code: -32000 - (n % 50), message: `e${n}` } } };
  }
}

export class ContractModel {
  /** Every task ever created, in creation order; `removed` once cleaned up. */
  readonly tasks: (View & { removed: boolean })[] = [];
  constructor(readonly limits: ModelLimits) {}

  visible(owner: string, taskId: string, now: number): (View & { removed: boolean }) | undefined {
    const t = this.tasks.find((x) => x.taskId === taskId);
    if (!t || t.removed || t.owner !== owner || (t.expiresAt !== null && now >= t.expiresAt)) return undefined;
    return t;
  }

  /** Returns the expected result of a create; on success the caller supplies the ID via `created`. */
  create(owner: string, ttl: number | undefined, now: number): Expected & { ttl?: number | null } {
    const badTtl = ttl !== undefined && !(Number.isSafeInteger(ttl) && ttl > 0);
    const active = this.tasks.filter(
      (t) => t.owner === owner && !t.removed && !isTerminalStatus(t.status) && (t.expiresAt === null || now < t.expiresAt),
    );
    const full = active.length >= this.limits.maxActive;
    if (badTtl) return { ok: false, codes: full ? ['INVALID_ARGUMENT', 'QUOTA_EXCEEDED'] : ['INVALID_ARGUMENT'] };
    if (full) return { ok: false, codes: ['QUOTA_EXCEEDED'] };
    return { ok: true, ttl: ttl === undefined ? this.limits.defaultTtlMs : Math.min(ttl, this.limits.maxTtlMs) };
  }

  created(taskId: string, owner: string, ttl: number | null, now: number): View {
    const view: View & { removed: boolean } = {
      taskId,
      owner,
      status: 'working',
      statusMessage: undefined,
      createdAt: now,
      lastUpdatedAt: now,
      ttl,
      expiresAt: ttl === null ? null : now + ttl,
      variables: {},
      outcome: undefined,
      version: 1,
      removed: false,
    };
    this.tasks.push(view);
    return project(view);
  }

  get(owner: string, taskId: string, now: number): Expected {
    const t = this.visible(owner, taskId, now);
    return t ? { ok: true, value: project(t) } : { ok: false, codes: ['TASK_NOT_FOUND'] };
  }

  getResult(owner: string, taskId: string, now: number): Expected {
    const t = this.visible(owner, taskId, now);
    if (!t) return { ok: false, codes: ['TASK_NOT_FOUND'] };
    if (!isTerminalStatus(t.status)) return { ok: false, codes: ['TASK_NOT_TERMINAL'] };
    return { ok: true, value: { task: project(t), outcome: t.outcome } };
  }

  /** One write: not found, terminal, or the `allowed` check; then `apply`. */
  #write(owner: string, taskId: string, now: number, allowed: (status: TaskStatus) => boolean, apply: (t: View) => void): Expected {
    const t = this.visible(owner, taskId, now);
    if (!t) return { ok: false, codes: ['TASK_NOT_FOUND'] };
    if (isTerminalStatus(t.status)) return { ok: false, codes: ['TASK_TERMINAL'] };
    if (!allowed(t.status)) return { ok: false, codes: ['INVALID_TRANSITION'] };
    apply(t);
    t.version += 1;
    t.lastUpdatedAt = now;
    return { ok: true, value: project(t) };
  }

  updateStatus(owner: string, taskId: string, op: Extract<Op, { op: 'updateStatus' }>, now: number): Expected {
    const ok = (s: TaskStatus) => op.from.includes(s) && (s === op.to || SPEC_TRANSITIONS[s].includes(op.to));
    return this.#write(owner, taskId, now, ok, (t) => {
      t.status = op.to;
      if (op.message !== undefined) t.statusMessage = op.message ?? undefined;
    });
  }

  complete(
    owner: string,
    taskId: string,
    input: { status: TaskStatus; outcome: TaskOutcome; statusMessage?: string },
    now: number,
  ): Expected {
    return this.#write(
      owner,
      taskId,
      now,
      (s) => SPEC_TRANSITIONS[s].includes(input.status),
      (t) => {
        t.status = input.status;
        t.outcome = input.outcome;
        if (input.statusMessage !== undefined) t.statusMessage = input.statusMessage;
      },
    );
  }

  cancel(owner: string, taskId: string, message: string, now: number): Expected {
    return this.#write(
      owner,
      taskId,
      now,
      (s) => SPEC_TRANSITIONS[s].includes('cancelled'),
      (t) => {
        t.status = 'cancelled';
        t.statusMessage = message;
      },
    );
  }

  setVariables(owner: string, taskId: string, patch: { [key: string]: number | null }, now: number): Expected {
    return this.#write(
      owner,
      taskId,
      now,
      () => true,
      (t) => {
        const next = { ...t.variables };
        for (const [k, v] of Object.entries(patch)) {
          if (v === null) delete next[k];
          else next[k] = v;
        }
        t.variables = next;
      },
    );
  }

  list(owner: string, now: number): View[] {
    return this.tasks.filter((t) => this.visible(owner, t.taskId, now)).map(project);
  }

  cleanup(now: number): number {
    let n = 0;
    for (const t of this.tasks) {
      if (!t.removed && t.expiresAt !== null && now >= t.expiresAt) {
        t.removed = true;
        n++;
      }
    }
    return n;
  }
}

/** The observable fields of a model task or a store record, in one canonical shape. */
export function project(r: {
  taskId: string;
  owner: string;
  status: TaskStatus;
  statusMessage?: string | undefined;
  createdAt: number;
  lastUpdatedAt: number;
  ttl: number | null;
  expiresAt: number | null;
  variables: { [key: string]: JsonValue };
  outcome?: TaskOutcome | undefined;
  version: number;
}): View {
  return JSON.parse(
    JSON.stringify({
      taskId: r.taskId,
      owner: r.owner,
      status: r.status,
      statusMessage: r.statusMessage,
      createdAt: r.createdAt,
      lastUpdatedAt: r.lastUpdatedAt,
      ttl: r.ttl,
      expiresAt: r.expiresAt,
      variables: r.variables,
      outcome: r.outcome,
      version: r.version,
    }),
  ) as View;
}
