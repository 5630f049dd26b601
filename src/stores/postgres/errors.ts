/**
 * Database failures -> mcp-tasks errors. Only our own errors and fixed messages leave the store:
 * connection failures, a missing schema, resource limits and anything unexpected become
 * `StoreUnavailableError` with a fixed message and the driver's error as `cause` (for logs), so
 * no SQL, server text or connection detail reaches the wire. Nothing is retried here: every
 * statement is one conditional write whose failure is an answer, and `pg` retries nothing.
 */
import { isTasksError, StoreUnavailableError } from '../../errors/index.js';

interface DriverErrorLike {
  code?: unknown;
}

const NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH']);

/** SQLSTATE classes and codes with a message of their own. */
function messageFor(code: string): string {
  if (NETWORK.has(code) || code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03')
    return 'PostgreSQL could not be reached';
  if (code === '42P01' || code === '42883' || code === '3F000') return 'the PostgreSQL schema is missing or not migrated (run migrate())';
  if (code.startsWith('53')) return 'PostgreSQL is out of resources (connections, memory or disk); retry later';
  if (code === '57014') return 'the PostgreSQL statement was cancelled (statement timeout)';
  if (code === '40001' || code === '40P01') return 'PostgreSQL aborted the statement (serialization failure or deadlock); retry';
  if (code === '23505') return 'could not store the new task (task ID already taken)';
  return 'PostgreSQL request failed';
}

/** Any failure of a statement: a StoreUnavailableError (our own errors pass through). */
export function storeError(err: unknown): Error {
  if (isTasksError(err)) return err as Error;
  const code = (err as DriverErrorLike | null)?.code;
  // A driver error without a code (a closed pool, a connection ended mid-query) is a connection failure.
  return new StoreUnavailableError(typeof code === 'string' ? messageFor(code) : 'PostgreSQL could not be reached', { cause: err });
}

/** Rethrow any failure as STORE_UNAVAILABLE. */
export const unavailable = (err: unknown): never => {
  throw storeError(err);
};
