/**
 * What every 2026 handler shares: who asks (owner), whether they declared the extension, the
 * params schema of `tasks/*`, and THE mapping of thrown values to the SDK's JSON-RPC errors.
 */
import {
  CLIENT_CAPABILITIES_META_KEY,
  MissingRequiredClientCapabilityError,
  ProtocolError,
  type ServerContext,
  type StandardSchemaV1,
} from '@modelcontextprotocol/server';
import { toJsonRpcError } from '../../errors/index.js';
import { resolveOwner, type Owner, type ResolveOwnerOptions } from '../../owner.js';
import { declaresTasks, TASKS_REQUIRED_CAPABILITIES } from './wire.js';

/**
 * The owner of a 2026 request. The 2026 wire has no session: only verified auth info identifies
 * a requestor; without it the request is anonymous (which the store refuses unless allowed).
 */
export function ownerOf(ctx: ServerContext, options?: ResolveOwnerOptions): Owner {
  return resolveOwner({ authInfo: ctx.http?.authInfo }, options);
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

/** The SDK's JSON-RPC error for anything thrown by our code (SDK protocol errors pass unchanged). */
export function toProtocolError(error: unknown): ProtocolError {
  if (error instanceof ProtocolError) return error;
  const rpc = toJsonRpcError(error);
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
