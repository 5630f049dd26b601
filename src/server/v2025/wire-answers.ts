/**
 * How a carried question and its answer find each other on the 2025-11-25 wire, without the SDK's
 * table of pending requests: every question goes out under a JSON-RPC id that names its task and
 * side-channel key (plus a nonce per delivery), so the answer is taken by whichever server
 * receives it (any session, any instance, stateless or not, after the carrying stream ended), as
 * long as the question is still open (`answerCarried`, through the core's `SideChannel`).
 */
import type { InputAnswer, InputMethod, PendingInput } from '../../contract.js';
import { isTasksError } from '../../errors/index.js';
import { isPlainObject, type JsonObject, type JsonValue } from '../../json.js';
import type { Owner } from '../../owner.js';
import { validate } from '../../validate/index.js';
import { answerProblem, type SideChannel } from '../core/side-channel.js';

/** Which question an answer is for. */
export interface QuestionRef {
  taskId: string;
  key: string;
}

const ID_PREFIX = 'mcp-tasks-input:';

/** The JSON-RPC id to send a carried question under: any server can tell what its answer answers. */
export function questionRequestId(question: QuestionRef, nonce: string): string {
  return `${ID_PREFIX}${Buffer.from(JSON.stringify([question.taskId, question.key, nonce])).toString('base64url')}`;
}

/** The question a response's id names, or undefined when the id is not one of `questionRequestId`'s. */
export function questionOfResponseId(id: unknown): QuestionRef | undefined {
  if (typeof id !== 'string' || !id.startsWith(ID_PREFIX)) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(id.slice(ID_PREFIX.length), 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && typeof parsed[0] === 'string' && typeof parsed[1] === 'string')
      return { taskId: parsed[0], key: parsed[1] };
  } catch {
    // not ours after all
  }
  return undefined;
}

/** A JSON-RPC response (result or error) to a carried question: the question, or undefined. */
export function answeredQuestion(message: unknown): QuestionRef | undefined {
  if (!isPlainObject(message) || 'method' in message || !('result' in message || 'error' in message)) return undefined;
  return questionOfResponseId(message.id);
}

/**
 * A JSON-RPC response to a carried question as the answer the work gets: the requestor's error
 * as it came (code, message, JSON data), or the result; a result that fails its 2025-11-25 schema
 * becomes a -32602 error with the one-line reason, so the work (and the task's status message)
 * sees why.
 */
export function answerOf(method: InputMethod, response: unknown): InputAnswer {
  const { result, error } = isPlainObject(response) ? response : {};
  if (isPlainObject(error) && Number.isInteger(error.code) && typeof error.message === 'string') {
    return {
      error: { code: error.code as number, message: error.message, ...(error.data !== undefined && { data: error.data as JsonValue }) },
    };
  }
  const problem = answerProblem(method, result, validate);
  if (problem === undefined && isPlainObject(result)) return { result: result as JsonObject };
  return { error: { code: -32602, message: problem ?? `The requestor's answer to ${method} is malformed: the result: not an object` } };
}

/**
 * The requestor's JSON-RPC response to a carried question, from any stream or instance: stored as
 * the answer when the question is open for `owner` (one read for its method, then one write),
 * else logged and ignored. Resolves true when taken. Never throws for the requestor's doing; a
 * store failure propagates.
 */
export async function answerCarried(side: SideChannel, owner: Owner, question: QuestionRef, response: unknown): Promise<boolean> {
  const { taskId, key } = question;
  let asked: PendingInput | undefined;
  try {
    asked = (await side.store.get(owner, taskId)).input?.requests[key];
  } catch (error) {
    // Missing, expired or foreign: like any question that is not open.
    if (!isTasksError(error, 'TASK_NOT_FOUND')) throw error;
  }
  if (!asked) {
    side.ignored(owner, taskId, key);
    return false;
  }
  return (await side.answer(owner, taskId, { [key]: answerOf(asked.method, response) })).length > 0;
}
