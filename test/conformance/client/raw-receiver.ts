/**
 * The raw client's receiver side (scenario `receiver`): it declares
 * tasks.requests.elicitation.create (or, with RECEIVER=sampling, only
 * tasks.requests.sampling.createMessage) and runs a task-augmented request as a task of its own,
 * answered after ANSWER_MS; tasks/get, tasks/result (blocking) and tasks/cancel by the rules,
 * except for the deviation named in $BROKEN:
 *   receiver-direct         answers the ElicitResult at once instead of a CreateTaskResult (R16)
 *   receiver-early-result   answers tasks/result at once, while the task is still working (R40)
 *   receiver-cancel-ignored answers tasks/cancel with the task still working (R67)
 *   receiver-no-meta        tasks/result without related-task _meta (R44)
 * The handlers go on the SDK's Protocol directly: the SDK Client checks elicitation answers
 * against its own schemas, and this client must be able to answer wrongly on purpose.
 */
import { randomUUID } from 'node:crypto';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { Protocol } from '@modelcontextprotocol/sdk/shared/protocol.js';
import {
  CancelTaskRequestSchema,
  CreateMessageRequestSchema,
  ElicitRequestSchema,
  ErrorCode,
  GetTaskPayloadRequestSchema,
  GetTaskRequestSchema,
  McpError,
} from '@modelcontextprotocol/sdk/types.js';

/** How long the client's elicitation task takes (the user thinking). */
const ANSWER_MS = 600;
const RELATED = 'io.modelcontextprotocol/related-task';
const TERMINAL = new Set(['completed', 'failed', 'cancelled']);

export type ReceiverKind = 'elicitation' | 'sampling';

export function receiverCapabilities(kind: ReceiverKind): Record<string, unknown> {
  if (kind === 'sampling') return { sampling: {}, tasks: { requests: { sampling: { createMessage: {} } } } };
  return { elicitation: { form: {} }, tasks: { requests: { elicitation: { create: {} } } } };
}

interface OwnTask {
  task: { taskId: string; status: string; createdAt: string; lastUpdatedAt: string; ttl: number | null; pollInterval: number };
  result?: Record<string, unknown>;
  done: Promise<void>;
  finish(status: string, result?: Record<string, unknown>): void;
}

const ANSWERS: Record<ReceiverKind, Record<string, unknown>> = {
  elicitation: { action: 'accept', content: { answer: 'from the raw receiver' } },
  sampling: { role: 'assistant', content: { type: 'text', text: 'hello from the raw receiver' }, model: 'raw-receiver' },
};

export function serveAsReceiver(client: Client, broken: string, kind: ReceiverKind): void {
  const answer = ANSWERS[kind];
  const tasks = new Map<string, OwnTask>();
  const on = Protocol.prototype.setRequestHandler.bind(client) as (
    schema: unknown,
    handler: (request: { params: Record<string, unknown> }) => unknown,
  ) => void;
  const own = (taskId: unknown): OwnTask => {
    const entry = tasks.get(String(taskId));
    if (!entry) throw new McpError(ErrorCode.InvalidParams, `Task not found: ${String(taskId)}`);
    return entry;
  };

  on(kind === 'sampling' ? CreateMessageRequestSchema : ElicitRequestSchema, (request) => {
    const augmented = request.params.task as { ttl?: number } | undefined;
    if (!augmented || broken === 'receiver-direct') return answer;
    const now = new Date().toISOString();
    let finish!: OwnTask['finish'];
    const entry: OwnTask = {
      task: { taskId: randomUUID(), status: 'working', createdAt: now, lastUpdatedAt: now, ttl: augmented.ttl ?? null, pollInterval: 100 },
      done: new Promise(
        (resolve) =>
          (finish = (status, result) => {
            if (TERMINAL.has(entry.task.status)) return;
            Object.assign(entry.task, { status, lastUpdatedAt: new Date().toISOString() });
            entry.result = result;
            resolve();
          }),
      ),
      finish: (status, result) => finish(status, result),
    };
    tasks.set(entry.task.taskId, entry);
    setTimeout(() => entry.finish('completed', answer), ANSWER_MS);
    return { task: { ...entry.task } };
  });

  on(GetTaskRequestSchema, (request) => ({ ...own(request.params.taskId).task }));

  on(GetTaskPayloadRequestSchema, async (request) => {
    const entry = own(request.params.taskId);
    const meta = broken === 'receiver-no-meta' ? {} : { _meta: { [RELATED]: { taskId: entry.task.taskId } } };
    if (broken === 'receiver-early-result' && !TERMINAL.has(entry.task.status)) return { action: 'cancel', ...meta };
    await entry.done;
    if (entry.task.status === 'cancelled')
      throw new McpError(ErrorCode.InvalidParams, `Task ${entry.task.taskId} was cancelled: it has no result`);
    return { ...entry.result, ...meta };
  });

  on(CancelTaskRequestSchema, (request) => {
    const entry = own(request.params.taskId);
    if (TERMINAL.has(entry.task.status))
      throw new McpError(ErrorCode.InvalidParams, `Cannot cancel task: already in terminal status '${entry.task.status}'`);
    if (broken !== 'receiver-cancel-ignored') entry.finish('cancelled');
    return { ...entry.task };
  });
}
