/**
 * `probe_receiver`: the scripted tool of the `receiver` scenario. Called plainly, it turns the
 * tables: the server sends the client task-augmented requests (elicitation/create, or
 * sampling/createMessage when that is all the client declares) and acts as requestor on the
 * client's tasks, the way the server kit treats a server (R16, R20, R21, R35, R40, R41, R44,
 * R66, R67). Every message crosses the recorded transport; the checks judge the recording
 * (checks/receiver*.ts), this tool only plays the script.
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import * as z from 'zod/v4';
import type { TasksServer } from '../../src/index.js';
import { ANSWER_SCHEMA, text } from '../../src/fixtures/common.js';
import { declaredReceiverRequests } from './receiver-wire.js';

export const PROBE_RECEIVER = 'probe_receiver';
/** The ttl the server asks for its tasks on the client (the client may override it, R34). */
export const RECEIVER_TTL_MS = 60_000;
/** How long one request to the client may take (tasks/result blocks for the client's task). */
const REQUEST_TIMEOUT_MS = 8_000;

const LOOSE = z.looseObject({});
type Sent = { result?: Record<string, unknown>; error?: string };
type SendRequest = (
  request: { method: string; params: Record<string, unknown> },
  schema: typeof LOOSE,
  options: { timeout: number },
) => Promise<Record<string, unknown>>;

/** The params of the request the client receives, for the method it declared. */
function requestParams(method: string): Record<string, unknown> {
  if (method === 'sampling/createMessage')
    return { messages: [{ role: 'user', content: { type: 'text', text: 'scripted receiver: say hello' } }], maxTokens: 16 };
  return { mode: 'form', message: 'scripted receiver: your name?', requestedSchema: ANSWER_SCHEMA };
}

export function registerProbeReceiver(tasks: TasksServer, mcp: McpServer): void {
  tasks.registerTool(
    PROBE_RECEIVER,
    {
      description:
        'Sends the client task-augmented requests and polls, fetches and cancels the tasks it creates (requestor kit, scenario receiver).',
    },
    async (_args, extra) => {
      const method = declaredReceiverRequests(mcp.server.getClientCapabilities())[0];
      if (!method) return text(`${PROBE_RECEIVER}: the client declares no task-augmentable request; nothing sent`);
      const sendRequest = extra.sendRequest as unknown as SendRequest;
      const send = (m: string, params: Record<string, unknown>): Promise<Sent> =>
        sendRequest({ method: m, params }, LOOSE, { timeout: REQUEST_TIMEOUT_MS }).then(
          (result) => ({ result }),
          (error: Error) => ({ error: error.message }),
        );
      const create = async (): Promise<string | undefined> => {
        const created = await send(method, { ...requestParams(method), task: { ttl: RECEIVER_TTL_MS } });
        const task = created.result?.task as { taskId?: unknown } | undefined;
        return typeof task?.taskId === 'string' ? task.taskId : undefined;
      };
      // Round 1: poll, block on the result, poll once more (the task must be over by then, R40).
      const first = await create();
      if (first === undefined) return text(`${PROBE_RECEIVER}: ${method} with params.task got no CreateTaskResult`, true);
      await send('tasks/get', { taskId: first });
      const result = await send('tasks/result', { taskId: first });
      await send('tasks/get', { taskId: first });
      // Round 2: cancel at once, poll, cancel again (now terminal: -32602, R66).
      const second = await create();
      if (second !== undefined) {
        await send('tasks/cancel', { taskId: second });
        await send('tasks/get', { taskId: second });
        await send('tasks/cancel', { taskId: second });
      }
      return text(`${PROBE_RECEIVER}: ${method} as a task answered ${result.error ? `an error (${result.error})` : 'a result'}`);
    },
  );
}
