/**
 * How a carried question and its answer find each other on the 2025-11-25 wire, without the SDK's
 * table of pending requests: every question goes out under a JSON-RPC id that names its task and
 * side-channel key (plus a nonce per delivery), so the answer is taken by whichever server
 * receives it (any session, any instance, stateless or not, after the carrying stream ended), as
 * long as the question is still open (`SideChannel.answer`).
 */
import { isPlainObject } from '../../json.js';
import type { QuestionRef } from '../core/side-channel.js';

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
    if (Array.isArray(parsed) && typeof parsed[0] === 'string' && typeof parsed[1] === 'string') return { taskId: parsed[0], key: parsed[1] };
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
