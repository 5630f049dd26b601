/**
 * What a 2026 check works with: the client, identities A and B, the tools found, and helpers
 * that end a check early (skip for a missing fixture, fail for a wrong answer, inconclusive when
 * a task does not settle in time). Tasks a check created are cancelled when it ends.
 */
import { CheckFailure, InconclusiveCheck, SkipCheck } from '../../core/check.js';
import { brief, isObject, type Json } from '../../core/json.js';
import { isTerminalStatus } from '../../core/wire.js';
import type { Identity } from '../target.js';
import type { Found2026 } from './detect.js';
import type { Reply2026 } from './wire.js';

export type Who = 'a' | 'b';

export interface State2026 {
  readonly found: Found2026;
  readonly identities: { a?: Identity | undefined; b?: Identity | undefined };
  /** How long to wait for a task to settle (the 2025 run's budget, at least 10 s). */
  readonly settleMs: number;
}

export class Context2026 {
  readonly #created: { id: string; who: Who }[] = [];
  constructor(
    readonly state: State2026,
    readonly signal: AbortSignal,
  ) {}

  call(method: string, params: Json, options: { who?: Who; declare?: boolean } = {}): Promise<Reply2026> {
    const identity = this.state.identities[options.who ?? 'a'];
    const label = (options.who ?? 'a').toUpperCase();
    return this.state.found.client.call(method, params, { identity, declare: options.declare ?? true, signal: this.signal, label });
  }

  /** The fixture `name`, or skip: a server is never failed for lacking a fixture. */
  fixture(name: string, why: string): Json {
    const tool = this.state.found.tools.get(name);
    if (!tool) throw new SkipCheck(`the server lists no \`${name}\` tool (the official fixture ${why}; reference-server/FIXTURES-2026.md)`);
    return tool;
  }

  requireB(): void {
    if (this.state.identities.b === undefined) throw new SkipCheck('needs a second identity (--auth-b) to compare owners');
  }

  /** Call `tool` and expect a CreateTaskResult; returns it (the task is cancelled at the end). */
  async createTask(tool: string, args: Json, who: Who = 'a'): Promise<Json> {
    const reply = await this.call('tools/call', { name: tool, arguments: args }, { who });
    // A server-defined refusal (-32000..-32099: a task limit, a rate limit; not the extension's own
    // -32020/-32021) or a transport failure says nothing about the rule under check: no verdict.
    if ((reply.kind === 'error' && serverRefusal(reply.error.code)) || reply.kind === 'local') {
      throw new InconclusiveCheck(
        `tools/call ${tool} was refused before a task existed: ${reply.kind === 'error' ? `${reply.error.code} ${reply.error.message}` : reply.message}`,
      );
    }
    const result = expectResult(reply, `tools/call ${tool}`);
    // A task handle (taskId, status and createdAt at the top) under another resultType is a
    // CreateTaskResult mislabelled: a client reading resultType takes it for the tool's result.
    if (
      result.resultType !== 'task' &&
      typeof result.taskId === 'string' &&
      typeof result.status === 'string' &&
      typeof result.createdAt === 'string'
    ) {
      this.#created.push({ id: result.taskId, who });
      throw new CheckFailure(
        `tools/call ${tool} answered a task (taskId ${result.taskId}, status ${brief(result.status)}) with resultType ${brief(result.resultType)}: ${brief(result)}`,
        'resultType "task" on a CreateTaskResult (T2)',
        { rule: 'T2', level: 'MUST' },
      );
    }
    if (result.resultType !== 'task' || typeof result.taskId !== 'string') {
      throw new SkipCheck(`\`${tool}\` answered without creating a task (the server decides; nothing to check): ${brief(result)}`);
    }
    this.#created.push({ id: result.taskId, who });
    return result;
  }

  async get(taskId: string, who: Who = 'a'): Promise<Json> {
    return expectResult(await this.call('tasks/get', { taskId }, { who }), `tasks/get ${taskId}`);
  }

  /** Poll tasks/get (every 200 ms) until `done` holds; inconclusive when it does not in time. */
  async pollUntil(taskId: string, done: (task: Json) => boolean, what: string, seen?: (task: Json) => void): Promise<Json> {
    const deadline = Date.now() + this.state.settleMs;
    for (;;) {
      const task = await this.get(taskId);
      seen?.(task);
      if (done(task)) return task;
      if (Date.now() > deadline)
        throw new InconclusiveCheck(`task ${taskId} not ${what} within ${this.state.settleMs} ms (last: ${brief(task)})`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  settled(taskId: string, seen?: (task: Json) => void): Promise<Json> {
    return this.pollUntil(taskId, (t) => isTerminalStatus(t.status), 'terminal', seen);
  }

  async cleanup(): Promise<void> {
    for (const { id, who } of this.#created.splice(0)) {
      await this.state.found.client.call('tasks/cancel', { taskId: id }, { identity: this.state.identities[who] }).catch(() => {});
    }
  }
}

/** The result of `reply`, or a failure naming what answered instead. */
/** A server-defined error code that is not one the 2026-07-28 text gives a meaning. */
const serverRefusal = (code: number): boolean => code <= -32000 && code >= -32099 && code !== -32020 && code !== -32021;

export function expectResult(reply: Reply2026, what: string): Json {
  if (reply.kind === 'result') return reply.result;
  throw new CheckFailure(
    `${what} answered ${reply.kind === 'error' ? `error ${reply.error.code} ${reply.error.message}` : reply.message}`,
    `${what} answers a result`,
  );
}

/** The keys of a task's inlined `inputRequests` (empty when absent). */
export const inputKeys = (task: Json): string[] => (isObject(task.inputRequests) ? Object.keys(task.inputRequests) : []);

/** The accept answer the official kit sends to an elicitation. */
export const ACCEPT = { action: 'accept', content: { name: 'conformance', confirm: true } } as const;
