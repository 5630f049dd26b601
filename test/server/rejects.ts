/**
 * How the server tests check a refusal: the JSON-RPC code and the stable string code in
 * `error.data.code`, never the message text (at most: the message names the bad field).
 */
import assert from 'node:assert/strict';
import type { McpError } from '@modelcontextprotocol/sdk/types.js';
import type { TasksErrorCode } from '../../src/errors/index.js';
import { rejectsRpc } from './harness.js';

/**
 * Assert that `promise` rejects with JSON-RPC error `rpc` carrying `error.data.code === code`;
 * `names`: a field the message must name (rules asking for "a message that says what was wrong").
 */
export async function rejectsCode(promise: Promise<unknown>, rpc: number, code: TasksErrorCode, names?: string): Promise<McpError> {
  const error = await rejectsRpc(promise, rpc);
  assert.equal((error.data as { code?: unknown } | undefined)?.code, code, `error.data.code of ${JSON.stringify(error.message)}`);
  // As a word: "id" must not be found inside "Invalid".
  const word = names && new RegExp(`(^|[^A-Za-z0-9_])${names.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^A-Za-z0-9_])`);
  if (word) assert.match(error.message, word, `the message should name ${JSON.stringify(names)}`);
  return error;
}

/** A refusal by the SDK itself (no string code of ours): the JSON-RPC code, and no `data.code`. */
export async function rejectsBySdk(promise: Promise<unknown>, rpc: number): Promise<McpError> {
  const error = await rejectsRpc(promise, rpc);
  assert.equal((error.data as { code?: unknown } | undefined)?.code, undefined, 'the SDK sets no data.code');
  return error;
}
