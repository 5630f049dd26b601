/**
 * Probing a task-capable tool once, as a task: how long it runs, how it ends (completed, failed
 * with an isError result or with a JSON-RPC error, or not within the budget), whether it reports
 * progress, whether it enters `input_required` or sends a side-channel request (elicitation or
 * sampling, answered on the tasks/result stream as answers.ts says), and, for a tool still running
 * at the end, whether it honours tasks/cancel. Roles are then assigned from these observations,
 * not from names. What the kit answered is kept with the probe: when the task then fails, the
 * report says the failure followed the kit's own answer.
 */
import { isObject, type Json } from '../../core/json.js';
import { isTerminalStatus, PROGRESS_NOTIFICATION, RELATED_TASK } from '../../core/wire.js';
import { describeAnswer, SIDE_CHANNEL_METHODS } from '../answers.js';
import type { WireReply, WireSession } from '../session.js';

export type ProbeOutcome = 'completed' | 'failed' | 'cancelled' | 'refused' | 'running';

export interface Probe {
  tool: string;
  args: Json;
  outcome: ProbeOutcome;
  /** From the CreateTaskResult to the first terminal status seen (absent while running). */
  durationMs?: number;
  /** For failed: how tasks/result answered (an isError result or a JSON-RPC error). */
  failure?: 'is-error' | 'jsonrpc-error';
  progress: boolean;
  inputRequired: boolean;
  /** For a tool still running at the end of the probe: tasks/cancel made it cancelled. */
  cancelHonoured?: boolean;
  /** The server's pollInterval (ms), when it sent one. */
  pollInterval?: number;
  /** Why the tool was refused (describe of the reply). */
  problem?: string;
  /** What the kit answered to the task's side-channel requests (answers.ts), one line each. */
  answered?: string[];
  /** For failed: the server's words (isError text, error message or statusMessage), one line. */
  failureMessage?: string;
}

export interface ProbeOptions {
  budgetMs: number;
  signal?: AbortSignal;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Create the task, drive it with tasks/result (answering any elicitation) and poll it with tasks/get. */
export async function probeTool(session: WireSession, tool: string, args: Json, options: ProbeOptions): Promise<Probe> {
  const probe: Probe = { tool, args, outcome: 'refused', progress: false, inputRequired: false };
  const reply = await session.call(
    'tools/call',
    { name: tool, arguments: args, task: { ttl: 60_000 } },
    { onprogress: () => {}, ...(options.signal && { signal: options.signal }) },
  );
  const task = reply.kind === 'result' && isObject(reply.result.task) ? reply.result.task : undefined;
  if (!task || typeof task.taskId !== 'string') return { ...probe, problem: brief(reply) };
  const taskId = task.taskId;
  const started = Date.now();
  const token = reply.requestId;
  let result: WireReply | undefined;
  void session
    .call('tasks/result', { taskId }, { timeoutMs: options.budgetMs + 2_000, ...(options.signal && { signal: options.signal }) })
    .then((r) => (result = r));
  const deadline = started + options.budgetMs;
  let last: Json = task;
  while (!isTerminalStatus(last.status) && Date.now() < deadline && !options.signal?.aborted) {
    if (typeof last.pollInterval === 'number') probe.pollInterval = last.pollInterval;
    await sleep(Math.min(Math.max(typeof last.pollInterval === 'number' ? last.pollInterval : 100, 20), 200));
    const get = await session.call('tasks/get', { taskId }, { timeoutMs: 5_000 });
    if (get.kind !== 'result') break;
    last = get.result;
    if (last.status === 'input_required') probe.inputRequired = true;
  }
  probe.durationMs = Date.now() - started;
  probe.progress = session.received(PROGRESS_NOTIFICATION).some((n) => n.params.progressToken === token);
  probe.inputRequired ||= SIDE_CHANNEL_METHODS.some((method) => session.received(method).some((m) => relatedTaskId(m.params) === taskId));
  const answered = session.answers.filter((a) => a.taskId === taskId).map((a) => `${a.method}: ${describeAnswer(a)}`);
  if (answered.length) probe.answered = answered;
  if (!isTerminalStatus(last.status)) {
    delete probe.durationMs;
    probe.outcome = 'running';
    const cancel = await session.call('tasks/cancel', { taskId }, { timeoutMs: 5_000 });
    const after = await session.call('tasks/get', { taskId }, { timeoutMs: 5_000 });
    probe.cancelHonoured =
      cancel.kind === 'result' && cancel.result.status === 'cancelled' && (after.kind !== 'result' || after.result.status === 'cancelled');
    return probe;
  }
  probe.outcome = last.status as ProbeOutcome;
  if (probe.outcome === 'failed') {
    for (let i = 0; i < 20 && result === undefined; i++) await sleep(50);
    // A tasks/result that did not wait for the end (R40 broken) answered for a task still working:
    // how it ended is what tasks/result says now that it is terminal.
    if (result !== undefined && result.kind !== 'local') result = await session.call('tasks/result', { taskId }, { timeoutMs: 5_000 });
    if (result?.kind === 'error') probe.failure = 'jsonrpc-error';
    else if (result?.kind === 'result' && result.result.isError === true) probe.failure = 'is-error';
    const message = failureWords(result, last);
    if (message) probe.failureMessage = message;
  }
  return probe;
}

/** After the probe of a tool that completed: run it again and cancel it at once. */
export async function probeCancel(session: WireSession, tool: string, args: Json, waitMs: number): Promise<boolean> {
  const reply = await session.call('tools/call', { name: tool, arguments: args, task: { ttl: 60_000 } });
  const task = reply.kind === 'result' && isObject(reply.result.task) ? reply.result.task : undefined;
  if (!task || typeof task.taskId !== 'string') return false;
  const cancel = await session.call('tasks/cancel', { taskId: task.taskId }, { timeoutMs: 5_000 });
  if (cancel.kind !== 'result' || cancel.result.status !== 'cancelled') return false;
  await sleep(waitMs);
  const after = await session.call('tasks/get', { taskId: task.taskId }, { timeoutMs: 5_000 });
  return after.kind !== 'result' || after.result.status === 'cancelled';
}

/** What the server said of a failure: the isError result's text, the error message, or statusMessage. */
function failureWords(result: WireReply | undefined, task: Json): string | undefined {
  let words: unknown = typeof task.statusMessage === 'string' ? task.statusMessage : undefined;
  if (result?.kind === 'error') words = result.error.message;
  else if (result?.kind === 'result' && Array.isArray(result.result.content)) {
    const texts = result.result.content.map((c) => (isObject(c) && typeof c.text === 'string' ? c.text : '')).filter(Boolean);
    if (texts.length) words = texts.join(' ');
  }
  return typeof words === 'string' && words ? words.split('\n')[0]!.slice(0, 300) : undefined;
}

function relatedTaskId(params: Json): unknown {
  const meta = isObject(params._meta) ? params._meta[RELATED_TASK] : undefined;
  return isObject(meta) ? meta.taskId : undefined;
}

function brief(reply: WireReply): string {
  if (reply.kind === 'error') return `error ${reply.error.code} ${JSON.stringify(reply.error.message.split('\n')[0]!.slice(0, 200))}`;
  if (reply.kind === 'local') return `no answer (${reply.message})`;
  return `result without a task: ${JSON.stringify(reply.result).slice(0, 200)}`;
}
