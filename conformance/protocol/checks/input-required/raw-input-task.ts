/**
 * A task of the input role over a raw HTTP session (raw-session.ts), for the checks that drop
 * streams and answer questions themselves (redelivery.ts, error-answer.ts), and how to spot the
 * questions (side-channel requests) that belong to it.
 */
import { SkipCheck } from '../../../core/check.js';
import { brief, isObject, type Json } from '../../../core/json.js';
import { RELATED_TASK } from '../../../core/wire.js';
import type { CheckContext } from '../../context.js';
import { RawSession } from '../../raw-session.js';

const METHODS = new Set(['elicitation/create', 'sampling/createMessage']);

/** A question (elicitation or sampling request, with an id) that names task `taskId`. */
export const relatedTo = (taskId: string) => (m: Json) =>
  METHODS.has(String(m.method)) &&
  m.id !== undefined &&
  isObject(m.params) &&
  isObject(m.params._meta) &&
  isObject(m.params._meta[RELATED_TASK]) &&
  (m.params._meta[RELATED_TASK] as Json).taskId === taskId;

async function openRaw(ctx: CheckContext): Promise<RawSession> {
  if (ctx.url === undefined)
    throw new SkipCheck('needs an HTTP target (--url): the check drops single response streams, which stdio has not');
  return RawSession.open(ctx.url, ctx.options.authA, { elicitation: { form: {} }, sampling: {} }, ctx.options.requestTimeoutMs);
}

/** Run `body` on a fresh task of the input role over a raw session; the task is cancelled after. */
export async function withInputTask<T>(ctx: CheckContext, body: (raw: RawSession, taskId: string, call: string) => Promise<T>): Promise<T> {
  const call = ctx.roleTool('input');
  const raw = await openRaw(ctx);
  let taskId: string | undefined;
  try {
    const { response } = await raw.call(
      'tools/call',
      { name: call.name, arguments: call.args, task: {} },
      ctx.options.requestTimeoutMs,
      ctx.signal,
    );
    const task = isObject(response?.result) ? response.result.task : undefined;
    if (!isObject(task) || typeof task.taskId !== 'string')
      throw new SkipCheck(`${call.name} did not create a task over plain HTTP: ${brief(response)}`);
    taskId = task.taskId;
    return await body(raw, taskId, call.name);
  } finally {
    if (taskId !== undefined) await raw.call('tasks/cancel', { taskId }, 3_000).catch(() => undefined);
    await raw.close();
  }
}
