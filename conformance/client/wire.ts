/**
 * Reading a recording: the client's requests and the server's answers, matched per session by
 * id; the tasks the client created; what the client was told about each task's status, and when.
 * Checks judge from these views only, never from the client's own output.
 */
import { isObject, type Json } from '../core/json.js';
import { isTerminalStatus, STATUS_NOTIFICATION } from '../core/wire.js';
import type { WireEntry } from './recorder.js';

/** A client request and, when it came, the server's answer. */
export interface Exchange {
  readonly session: string;
  readonly method: string;
  readonly params: Json;
  /** When the server received it. */
  readonly t: number;
  readonly answer?: { readonly t: number; readonly result?: Json; readonly error?: Json };
}

/** Something the server told the client about a task's status. */
export interface StatusSeen {
  readonly t: number;
  readonly taskId: string;
  readonly status: string;
  readonly pollInterval?: number;
  readonly via: 'create' | 'tasks/get' | 'tasks/list' | 'tasks/cancel' | 'notification';
}

export interface CreatedTask {
  readonly taskId: string;
  readonly tool: string;
  readonly session: string;
  readonly t: number;
}

const taskIdOf = (params: Json): string | undefined => (typeof params.taskId === 'string' ? params.taskId : undefined);

export class Wire {
  readonly exchanges: readonly Exchange[];
  readonly statuses: readonly StatusSeen[];
  readonly created: readonly CreatedTask[];

  constructor(readonly entries: readonly WireEntry[]) {
    this.exchanges = matchExchanges(entries);
    this.created = this.exchanges.flatMap((x) => {
      const task = x.method === 'tools/call' && isObject(x.answer?.result?.task) ? x.answer.result.task : undefined;
      return task && typeof task.taskId === 'string'
        ? [{ taskId: task.taskId, tool: String(x.params.name), session: x.session, t: x.answer!.t }]
        : [];
    });
    this.statuses = statusesOf(this.exchanges, entries);
  }

  /** The client's requests of these methods, in arrival order. */
  requests(...methods: string[]): Exchange[] {
    return this.exchanges.filter((x) => methods.includes(x.method));
  }

  /** The client's requests of `method` naming `taskId`. */
  taskRequests(method: string, taskId: string): Exchange[] {
    return this.exchanges.filter((x) => x.method === method && taskIdOf(x.params) === taskId);
  }

  /** When the client was first told the task is terminal (Infinity if never). */
  terminalAt(taskId: string, vias?: readonly StatusSeen['via'][]): number {
    const seen = this.statuses.find((s) => s.taskId === taskId && isTerminalStatus(s.status) && (!vias || vias.includes(s.via)));
    return seen?.t ?? Infinity;
  }

  /** The initialize request's params (clientInfo, capabilities), from the first session. */
  get initialize(): Json | undefined {
    return this.requests('initialize')[0]?.params;
  }
}

function matchExchanges(entries: readonly WireEntry[]): Exchange[] {
  const answers = new Map<string, { t: number; result?: Json; error?: Json }>();
  for (const e of entries) {
    const m = e.message;
    if (e.dir !== 'out' || m.method !== undefined || m.id === undefined) continue;
    answers.set(`${e.session} ${String(m.id)}`, {
      t: e.t,
      ...(isObject(m.result) && { result: m.result }),
      ...(isObject(m.error) && { error: m.error }),
    });
  }
  return entries.flatMap((e) => {
    const m = e.message;
    if (e.dir !== 'in' || typeof m.method !== 'string' || m.id === undefined) return [];
    const answer = answers.get(`${e.session} ${String(m.id)}`);
    return [{ session: e.session, method: m.method, params: isObject(m.params) ? m.params : {}, t: e.t, ...(answer && { answer }) }];
  });
}

function statusesOf(exchanges: readonly Exchange[], entries: readonly WireEntry[]): StatusSeen[] {
  const seen: StatusSeen[] = [];
  const add = (t: number, task: unknown, via: StatusSeen['via']) => {
    if (!isObject(task) || typeof task.taskId !== 'string' || typeof task.status !== 'string') return;
    seen.push({
      t,
      taskId: task.taskId,
      status: task.status,
      via,
      ...(typeof task.pollInterval === 'number' && { pollInterval: task.pollInterval }),
    });
  };
  for (const x of exchanges) {
    const result = x.answer?.result;
    if (!result) continue;
    if (x.method === 'tools/call') add(x.answer!.t, result.task, 'create');
    if (x.method === 'tasks/get' || x.method === 'tasks/cancel') add(x.answer!.t, result, x.method);
    if (x.method === 'tasks/list' && Array.isArray(result.tasks)) for (const task of result.tasks) add(x.answer!.t, task, 'tasks/list');
  }
  for (const e of entries) if (e.dir === 'out' && e.message.method === STATUS_NOTIFICATION) add(e.t, e.message.params, 'notification');
  return seen.sort((a, b) => a.t - b.t);
}
