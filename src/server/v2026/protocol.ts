/**
 * What every 2026 handler shares: the request guard (who asks, R76, from verified auth only; the
 * rate limit), whether they declared the extension, the params schema of `tasks/*`, and the leg's
 * thin adapter from the one mapping (`toJsonRpcError`) to SDK v2's `ProtocolError`.
 */
import {
  CLIENT_CAPABILITIES_META_KEY,
  MissingRequiredClientCapabilityError,
  ProtocolError,
  type ServerContext,
  type StandardSchemaV1,
} from '@modelcontextprotocol/server';
import { toJsonRpcError, type JsonRpcErrorOptions } from '../../errors/index.js';
import type { OwnerSource, ResolveOwnerOptions } from '../../owner.js';
import type { TaskEngine } from '../core/engine.js';
import { RequestGuard } from '../core/request-guard.js';
import { declaresTasks, TASKS_REQUIRED_CAPABILITIES } from './wire.js';

/** The request guard of the 2026 leg: refusals as SDK v2 `ProtocolError`s. */
export function requestGuard2026(engine: TaskEngine, owner: ResolveOwnerOptions | undefined): RequestGuard {
  return new RequestGuard({ engine, owner, toWire: toProtocolError });
}

/**
 * Who asks a 2026 request. The 2026 wire has no session: only verified auth info identifies a
 * requestor; without it the request is anonymous (which the store refuses unless allowed).
 */
export function ownerSourceOf(ctx: ServerContext): OwnerSource {
  return { authInfo: ctx.http?.authInfo };
}

/** The client capabilities this one request declared (never remembered across requests). */
export function clientCapabilitiesOf(ctx: ServerContext): { [key: string]: unknown } | undefined {
  // The SDK types the envelope as `{}` (2.4.0); it holds the request's reserved `_meta` keys.
  const envelope = ctx.mcpReq.envelope as { readonly [key: string]: unknown } | undefined;
  const capabilities = envelope?.[CLIENT_CAPABILITIES_META_KEY];
  return typeof capabilities === 'object' && capabilities !== null ? (capabilities as { [key: string]: unknown }) : undefined;
}

/** -32021 with `requiredCapabilities`, for a request that did not declare the extension. */
export function tasksCapabilityMissing(): MissingRequiredClientCapabilityError {
  return new MissingRequiredClientCapabilityError({ requiredCapabilities: { ...TASKS_REQUIRED_CAPABILITIES } });
}

/** Throw -32021 unless this request declared the extension (tasks.md: MUST for tasks/*). */
export function requireTasksExtension(ctx: ServerContext): void {
  if (!declaresTasks(clientCapabilitiesOf(ctx))) throw tasksCapabilityMissing();
}

/** The leg's adapter: any thrown value as SDK v2's JSON-RPC error through the one mapping (SDK protocol errors pass unchanged). */
export function toProtocolError(error: unknown, options?: JsonRpcErrorOptions): ProtocolError {
  if (error instanceof ProtocolError) return error;
  const rpc = toJsonRpcError(error, options);
  return new ProtocolError(rpc.code, rpc.message, rpc.data);
}

/** Params of `tasks/get`, `tasks/update`, `tasks/cancel`: a string `taskId` (the SDK lifts `inputResponses`). */
export const TASK_ID_PARAMS: StandardSchemaV1<unknown, { taskId: string }> = {
  '~standard': {
    version: 1,
    vendor: 'mcp-tasks',
    validate(value) {
      const taskId = typeof value === 'object' && value !== null ? (value as { taskId?: unknown }).taskId : undefined;
      if (typeof taskId === 'string') return { value: { taskId } };
      return { issues: [{ message: 'params.taskId must be a string', path: ['taskId'] }] };
    },
  },
};
