/**
 * The first record of a task: `create`'s input checked field by field (request, params, TTL,
 * variables, lease, task id, status message) and made version 1. Every store creates through
 * BaseTaskStore, so all refuse the same input with the same error.
 */
import type { Clock } from '../clock.js';
import type { CreateTaskInput, StoreCapabilities } from '../contract.js';
import { InvalidArgumentError } from '../errors/index.js';
import { generateTaskId } from '../ids.js';
import { isPlainObject } from '../json.js';
import type { Owner } from '../owner.js';
import type { TaskRecord } from '../record.js';
import { effectiveTtl, type SecurityConfig } from '../security.js';
import { checkLease, checkStatusMessage, checkTaskId, checkVariables, sizedCopyLimited } from './input-checks.js';

/** The record `create` inserts (the owner is checked by the caller); `now` is read after every check passed. */
export function newTaskRecord(
  owner: Owner,
  input: CreateTaskInput,
  security: Readonly<SecurityConfig>,
  clock: Clock,
  capabilities: StoreCapabilities,
): TaskRecord {
  if (!isPlainObject(input) || !isPlainObject(input.request) || typeof input.request.method !== 'string') {
    throw new InvalidArgumentError('create: input.request must be an object with a string method');
  }
  const params = input.request.params ?? {};
  if (!isPlainObject(params)) throw new InvalidArgumentError('create: input.request.params must be an object');
  const ttl = effectiveTtl(input.ttl, security);
  const sizedParams = sizedCopyLimited(params, 'Request params', security.maxRequestBytes);
  const request = Object.freeze({ method: input.request.method, params: sizedParams.copy });
  const sizedVariables = input.variables === undefined ? { copy: {}, size: 2 } : checkVariables(security, input.variables, {});
  const variables = sizedVariables.copy;
  const leaseInput = input.lease === undefined ? undefined : checkLease(input.lease.holder, input.lease.ms);
  if (input.taskId !== undefined) checkTaskId(input.taskId);
  const now = clock.now();
  return {
    taskId: input.taskId ?? generateTaskId(),
    owner,
    status: 'working',
    ...(input.statusMessage !== undefined && { statusMessage: checkStatusMessage(input.statusMessage) }),
    createdAt: now,
    lastUpdatedAt: now,
    ttl,
    expiresAt: ttl === null ? null : now + ttl,
    pollInterval: security.pollIntervalMs,
    request,
    variables,
    ...(capabilities.storageCaps === true && { storedBytes: sizedParams.size + sizedVariables.size }),
    ...(leaseInput !== undefined && { lease: Object.freeze({ holder: leaseInput.holder, expiresAt: now + leaseInput.ms }) }),
    ...(input.resumable === true && leaseInput !== undefined && { resumable: true as const }),
    version: 1,
  };
}
