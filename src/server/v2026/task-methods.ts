/**
 * `tasks/get`, `tasks/update`, `tasks/cancel` of the 2026-07-28 extension, registered on an SDK v2
 * `Server` with the schema form of `setRequestHandler` (the only form the SDK dispatches for
 * these names on the 2026 wire; docs/2026-leg.md section 3). Each checks the request's own
 * capabilities first (-32021), then reads and writes the shared store as the requestor.
 */
import type { Server, ServerContext } from '@modelcontextprotocol/server';
import { isTasksError } from '../../errors/index.js';
import { isPlainObject, type JsonObject } from '../../json.js';
import type { Owner, ResolveOwnerOptions } from '../../owner.js';
import { isTerminal } from '../../status.js';
import type { TaskEngine } from '../core/engine.js';
import type { InputChannel } from './input-channel.js';
import { ownerSourceOf, requestGuard2026, requireTasksExtension, TASK_ID_PARAMS } from './protocol.js';
import { taskView } from './task-view.js';

export interface TaskMethods2026Options {
  engine: TaskEngine;
  input: InputChannel;
  owner?: ResolveOwnerOptions;
}

type Handler = (taskId: string, owner: Owner, ctx: ServerContext) => Promise<JsonObject>;

/** Register the three methods on `server` (before it serves). */
export function registerTaskMethods2026(server: Server, options: TaskMethods2026Options): void {
  const { engine, input } = options;
  const store = engine.store;
  const guard = requestGuard2026(engine, options.owner);

  const guarded =
    (handler: Handler) =>
    async ({ taskId }: { taskId: string }, ctx: ServerContext) => {
      requireTasksExtension(ctx);
      const owner = guard.admit(ownerSourceOf(ctx));
      return guard.task(owner, taskId, () => handler(taskId, owner, ctx));
    };

  // tasks.md "Task Polling": the DetailedTask, with inputRequests when input_required and the poll
  // interval advised now (it "MAY change over the lifetime of a task"). -32602 when unknown. A read
  // takes over a resumable task whose worker stopped, as on the 2025 wire.
  server.setRequestHandler(
    'tasks/get',
    { params: TASK_ID_PARAMS },
    guarded(async (taskId, owner) => {
      const record = await engine.read(owner, taskId);
      engine.logger({ event: 'task.retrieved', owner, taskId, status: record.status });
      return taskView(engine, input, owner, record, true);
    }),
  );

  // tasks.md "Task Update Requests": an empty ack; answers for keys not outstanding are ignored.
  server.setRequestHandler(
    'tasks/update',
    { params: TASK_ID_PARAMS },
    guarded(async (taskId, owner, ctx) => {
      const record = await engine.read(owner, taskId);
      if (!isTerminal(record.status)) await input.answer(record, plainResponses(ctx.mcpReq.inputResponses));
      return {};
    }),
  );

  // tasks.md "Task Cancellation": an empty ack, also for a task that already ended (the kit's
  // idempotent-ack check); the engine aborts the work when the store reports `cancelled`.
  server.setRequestHandler(
    'tasks/cancel',
    { params: TASK_ID_PARAMS },
    guarded(async (taskId, owner) => {
      try {
        const record = await store.cancel(owner, taskId);
        engine.logger({ event: 'task.cancelled', owner, taskId, status: record.status });
      } catch (error) {
        if (!isTasksError(error, 'TASK_TERMINAL')) throw error;
      }
      return {};
    }),
  );
}

/** The SDK keeps only plain-object answers already; anything else is dropped here too. */
function plainResponses(responses: Record<string, unknown> | undefined): { [key: string]: JsonObject } {
  const out: { [key: string]: JsonObject } = {};
  for (const [key, value] of Object.entries(responses ?? {})) if (isPlainObject(value)) out[key] = value as JsonObject;
  return out;
}
