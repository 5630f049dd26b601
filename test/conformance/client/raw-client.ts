/**
 * A small requestor for the kit's own tests, on the SDK's low-level `Client.request`: it plays
 * every scenario by the rules, except for the one deviation named in $BROKEN, so each check can
 * be shown to bite on exactly its rule:
 *   fast-poll            polls tasks/get every 10 ms (R26)
 *   poll-after-terminal  polls twice more after tasks/get said terminal (R27)
 *   related-meta         puts related-task _meta on tasks/get, tasks/result, tasks/cancel (R54)
 *   edit-cursor          sends back a changed tasks/list cursor (R62)
 *   no-result-on-input   keeps polling on input_required; tasks/result only at the end (R49)
 *   no-tasks-result      takes the outcome from tasks/get, never calls tasks/result (R17)
 *   augment-forbidden    calls a taskSupport-forbidden tool with a task (R2)
 *   needs-notifications  waits for a terminal status notification instead of polling (R58)
 * With RECEIVER=1 (or a BROKEN=receiver-* value) it also declares tasks.requests.elicitation.create
 * and serves task-augmented elicitation as a receiver (raw-receiver.ts, scenario receiver);
 * RECEIVER=sampling declares and serves sampling/createMessage instead.
 */
import * as z from 'zod/v4';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ElicitRequestSchema, TaskStatusNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { LIST_TASKS, play, readScenarioEnv } from '../../interop/clients/scenario-env.js';
import { receiverCapabilities, serveAsReceiver } from './raw-receiver.js';

type Task = { taskId: string; status: string; pollInterval?: number };

const env = readScenarioEnv();
const broken = process.env.BROKEN ?? '';
const ANY = z.looseObject({});
const RELATED = 'io.modelcontextprotocol/related-task';
const TERMINAL = new Set(['completed', 'failed', 'cancelled']);
const receiver = process.env.RECEIVER !== undefined || broken.startsWith('receiver-');
const receiverKind = process.env.RECEIVER === 'sampling' ? 'sampling' : 'elicitation';
const client = new Client(
  { name: `raw-client${broken ? ` (${broken})` : ''}`, version: '1.0.0' },
  { capabilities: receiver ? receiverCapabilities(receiverKind) : { elicitation: { form: {} } } },
);
if (receiver) serveAsReceiver(client, broken, receiverKind);
else client.setRequestHandler(ElicitRequestSchema, async () => ({ action: 'accept', content: { answer: 'from the raw client' } }));
const notified = new Map<string, string>();
client.setNotificationHandler(TaskStatusNotificationSchema, (n) => void notified.set(n.params.taskId, n.params.status));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const meta = (taskId: string) => (broken === 'related-meta' ? { _meta: { [RELATED]: { taskId } } } : {});
const request = (method: string, params: Record<string, unknown>) =>
  client.request({ method, params } as never, ANY) as Promise<Record<string, unknown>>;
const taskRequest = (method: string, taskId: string) => request(method, { taskId, ...meta(taskId) });

async function create(): Promise<Task> {
  const created = await request('tools/call', { name: env.tool, arguments: env.args, task: {} });
  return created.task as Task;
}

/** Poll to the end (or to input_required, when the rules say to fetch the result then). */
async function drive(task: Task, onPoll?: () => Promise<void>): Promise<string> {
  if (broken === 'needs-notifications') {
    while (!TERMINAL.has(notified.get(task.taskId) ?? '')) await sleep(20);
    return JSON.stringify(await taskRequest('tasks/result', task.taskId));
  }
  let current = task;
  while (!TERMINAL.has(current.status)) {
    if (current.status === 'input_required' && broken !== 'no-result-on-input') break;
    await sleep(broken === 'fast-poll' ? 10 : (current.pollInterval ?? 250));
    await onPoll?.();
    current = (await taskRequest('tasks/get', task.taskId)) as Task;
  }
  if (broken === 'poll-after-terminal') {
    for (let i = 0; i < 2; i++) {
      await sleep(current.pollInterval ?? 250);
      await taskRequest('tasks/get', task.taskId);
    }
  }
  if (broken === 'no-tasks-result') return current.status;
  return JSON.stringify(await taskRequest('tasks/result', task.taskId).catch((error: Error) => error.message));
}

async function listAll(): Promise<number> {
  let count = 0;
  let cursor: string | undefined;
  do {
    const page = await request('tasks/list', cursor === undefined ? {} : { cursor: broken === 'edit-cursor' ? `${cursor}x` : cursor });
    count += (page.tasks as unknown[]).length;
    cursor = page.nextCursor as string | undefined;
  } while (cursor !== undefined);
  return count;
}

play(async () => {
  await client.connect(new StreamableHTTPClientTransport(env.url));
  try {
    await client.listTools(); // each tool's taskSupport (R2)
    switch (env.scenario) {
      case 'forbidden':
        return JSON.stringify(
          await request('tools/call', { name: env.tool, arguments: env.args, ...(broken === 'augment-forbidden' && { task: {} }) }).catch(
            (e: Error) => e.message,
          ),
        );
      case 'receiver':
        return JSON.stringify(await request('tools/call', { name: env.tool, arguments: env.args }));
      case 'cancel': {
        const task = await create();
        await taskRequest('tasks/cancel', task.taskId);
        return 'cancelled';
      }
      case 'list': {
        for (let i = 0; i < LIST_TASKS; i++) await drive(await create());
        return `listed ${await listAll()} tasks`;
      }
      default:
        return await drive(await create());
    }
  } finally {
    await client.close();
  }
});
