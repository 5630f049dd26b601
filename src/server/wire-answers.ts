/**
 * Answers that come back to an instance that did not ask (stateless mode, behind a load balancer
 * without affinity): the JSON-RPC id of a carried question names its task and side-channel key,
 * so whichever instance receives the client's answer checks it against the question's result
 * schema and stores it with the task (`input` `answer`), where the worker holding the lease takes
 * it. Exactly once: the store accepts one answer per outstanding key.
 */
import { CreateMessageResultSchema, ElicitResultSchema } from '@modelcontextprotocol/sdk/types.js';
import type { InputAnswer, InputMethod, TaskStore } from '../contract.js';
import { isTasksError } from '../errors/index.js';
import { isPlainObject, type JsonObject } from '../json.js';
import type { Owner } from '../owner.js';
import { INPUT_KEY_META_KEY, RELATED_TASK_META_KEY } from '../record.js';

const ID_PREFIX = 'mcp-tasks-input:';

const RESULT_SCHEMAS: { [method in InputMethod]: { safeParse(value: unknown): { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } } } } = {
  'elicitation/create': ElicitResultSchema,
  'sampling/createMessage': CreateMessageResultSchema,
};

/** Where a carried question belongs, read from its outgoing request (`_meta`); undefined for other requests. */
export function questionOf(params: unknown): { taskId: string; key: string } | undefined {
  const meta = isPlainObject(params) && isPlainObject(params._meta) ? params._meta : undefined;
  const related = meta?.[RELATED_TASK_META_KEY];
  const key = meta?.[INPUT_KEY_META_KEY];
  if (!isPlainObject(related) || typeof related.taskId !== 'string' || typeof key !== 'string') return undefined;
  return { taskId: related.taskId, key };
}

/** The JSON-RPC id to send a carried question under: any instance can tell what its answer answers. */
export function questionRequestId(question: { taskId: string; key: string }, nonce: string): string {
  return `${ID_PREFIX}${Buffer.from(JSON.stringify([question.taskId, question.key, nonce])).toString('base64url')}`;
}

/** The question a response's id names, or undefined when the id is not one of `questionRequestId`'s. */
export function questionOfResponseId(id: unknown): { taskId: string; key: string } | undefined {
  if (typeof id !== 'string' || !id.startsWith(ID_PREFIX)) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(id.slice(ID_PREFIX.length), 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && typeof parsed[0] === 'string' && typeof parsed[1] === 'string') return { taskId: parsed[0], key: parsed[1] };
  } catch {
    // not ours after all
  }
  return undefined;
}

/**
 * Store the client's response to the question `key` of `taskId` as its answer: a result checked
 * against the question's result schema (a malformed one is stored as a -32602 error the work
 * sees, in one plain line), or the client's JSON-RPC error. Returns false when there is nothing
 * to answer (an unknown, foreign or ended task, or a question no longer outstanding).
 */
export async function storeWireAnswer(store: TaskStore, owner: Owner, question: { taskId: string; key: string }, response: JsonObject): Promise<boolean> {
  try {
    const task = await store.get(owner, question.taskId);
    const asked = task.input?.requests[question.key];
    if (!asked) return false;
    const answer = toAnswer(asked.method, response);
    const { accepted } = await store.input(owner, question.taskId, { type: 'answer', responses: { [question.key]: answer } });
    return accepted.length > 0;
  } catch (error) {
    if (isTasksError(error, 'TASK_NOT_FOUND') || isTasksError(error, 'TASK_TERMINAL')) return false;
    throw error;
  }
}

function toAnswer(method: InputMethod, response: JsonObject): InputAnswer {
  const error = response.error;
  if (isPlainObject(error) && Number.isInteger(error.code) && typeof error.message === 'string') {
    return { error: { code: error.code as number, message: error.message, ...(error.data !== undefined && { data: error.data }) } };
  }
  const parsed = RESULT_SCHEMAS[method].safeParse(response.result);
  if (parsed.success && isPlainObject(response.result)) return { result: response.result };
  const issue = parsed.error?.issues[0];
  const where = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : 'the result';
  return { error: { code: -32602, message: `The requestor's answer to ${method} is malformed: ${where}: ${issue?.message ?? 'not an object'}` } };
}
