/**
 * A client end of the server tests: an SDK `Client` sending raw JSON-RPC requests, recording
 * every notification, answering elicitation with `onElicit`.
 */
import type { WireTask as Task } from '../../src/index.js';

/** What the tests read off the wire: the library's own wire type, with the `_meta` of the result it is in. */
export type WireTask = Task & { _meta?: { [key: string]: unknown } };
import assert from 'node:assert/strict';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import {
  ElicitRequestSchema,
  ResultSchema,
  type ElicitRequest,
  type ElicitResult,
  type Notification,
} from '@modelcontextprotocol/sdk/types.js';
import { bounded, deferred, WAIT_MS } from './waits.js';

/** A client end: raw requests, every notification, and elicitation answered by `onElicit`. */
export class ClientEnd {
  readonly notifications: Notification[] = [];
  readonly elicitations: ElicitRequest[] = [];
  /** Answers `elicitation/create`; replace per test. */
  onElicit: (request: ElicitRequest) => Promise<ElicitResult> = async () => ({ action: 'accept', content: { answer: 'yes' } });
  #listeners = new Set<() => void>();

  constructor(readonly client: Client) {
    client.fallbackNotificationHandler = async (n) => {
      this.notifications.push(n);
      for (const l of this.#listeners) l();
    };
    client.setRequestHandler(ElicitRequestSchema, async (request) => {
      this.elicitations.push(request);
      for (const l of this.#listeners) l();
      return this.onElicit(request);
    });
  }

  /** Raw JSON-RPC request; resolves with the raw result. */
  request(
    method: string,
    params?: unknown,
    options: { onprogress?: (p: unknown) => void; timeout?: number } = {},
  ): Promise<{ [key: string]: unknown }> {
    const request = params === undefined ? { method } : { method, params };
    return this.client.request(request as never, ResultSchema, {
      timeout: options.timeout ?? WAIT_MS,
      ...(options.onprogress && { onprogress: options.onprogress }),
    }) as Promise<{
      [key: string]: unknown;
    }>;
  }

  /** tools/call with `task`; returns the created task (asserting it is a CreateTaskResult). */
  async createTask(name: string, args: { [key: string]: unknown } = {}, task: { [key: string]: unknown } = {}): Promise<WireTask> {
    const result = await this.request('tools/call', { name, arguments: args, task });
    assert.ok(result.task && typeof result.task === 'object', `expected a CreateTaskResult, got ${JSON.stringify(result)}`);
    return result.task as WireTask;
  }

  getTask(taskId: string): Promise<WireTask> {
    return this.request('tasks/get', { taskId }) as unknown as Promise<WireTask>;
  }

  /** Status notifications received so far for `taskId`. */
  statuses(taskId: string): WireTask[] {
    return this.notifications
      .filter((n) => n.method === 'notifications/tasks/status' && (n.params as WireTask | undefined)?.taskId === taskId)
      .map((n) => n.params as unknown as WireTask);
  }

  /** Wait (bounded) until `predicate` holds, re-checked on every notification or elicitation. */
  async until(predicate: () => boolean, what: string): Promise<void> {
    if (predicate()) return;
    const done = deferred<void>();
    const listener = () => predicate() && done.resolve();
    this.#listeners.add(listener);
    try {
      await bounded(done.promise, what);
    } finally {
      this.#listeners.delete(listener);
    }
  }

  close(): Promise<void> {
    return this.client.close();
  }
}

export function newClient(): Client {
  return new Client({ name: 'e2e-client', version: '1.0.0' }, { capabilities: { elicitation: { form: {} } } });
}
