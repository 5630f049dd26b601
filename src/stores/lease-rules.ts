/**
 * The lease rules as pure functions of the record (the store makes each write, as with
 * input-channel.ts): when a read must fail a task whose worker stopped, and the conditional
 * writes of a renewal, a takeover and that failure. Every condition names the lease expiry it
 * read, so a renewal racing a read that found the lease expired wins.
 */
import { LEASE_EXPIRED_MESSAGE } from '../contract.js';
import type { TaskOutcome, TaskRecord } from '../record.js';
import { isTerminal, type TaskStatus } from '../status.js';
import type { RecordPatch, WriteCondition } from './primitives.js';

const ACTIVE: readonly TaskStatus[] = ['working', 'input_required'];
const LEASE_EXPIRED_OUTCOME: TaskOutcome = Object.freeze({
  type: 'error',
  error: Object.freeze({ code: -32603, message: LEASE_EXPIRED_MESSAGE }),
});

export interface LeaseWrite {
  condition: WriteCondition;
  patch: RecordPatch;
}

/** An active task whose lease ran out at `now`. */
export function leaseExpired(record: TaskRecord, now: number): boolean {
  return record.lease !== undefined && now >= record.lease.expiresAt && !isTerminal(record.status);
}

/** A read at `now` must fail the task: its lease ran out and it cannot be taken over. */
export const mustFailForLease = (record: TaskRecord, now: number): boolean => leaseExpired(record, now) && !record.resumable;

/** The holder extends its lease (lease renewals are not task updates: `lastUpdatedAt` stays). */
export function renewalWrite(holder: string, leaseMs: number, now: number): LeaseWrite {
  return {
    condition: { statusIn: ACTIVE, leaseHolder: holder, now },
    patch: { lease: Object.freeze({ holder, expiresAt: now + leaseMs }) },
  };
}

/**
 * A new holder takes a resumable task whose lease ran out, or, when the caller declares the holder
 * `from` stopped, an active task whose lease is still `from`'s, run out or not (an explicit
 * resume); undefined when it may not. Conditioned on the lease read, so a renewal racing it wins.
 */
export function takeoverWrite(record: TaskRecord, holder: string, leaseMs: number, now: number, from?: string): LeaseWrite | undefined {
  const allowed =
    from === undefined
      ? record.resumable === true && leaseExpired(record, now)
      : record.lease?.holder === from && !isTerminal(record.status);
  if (!allowed) return undefined;
  return { condition: sameLease(record, now), patch: { lease: Object.freeze({ holder, expiresAt: now + leaseMs }) } };
}

/** The one write that fails a task whose worker stopped (-32603, LEASE_EXPIRED_MESSAGE). */
export function expiryFailureWrite(record: TaskRecord, now: number): LeaseWrite {
  return {
    condition: sameLease(record, now),
    patch: { status: 'failed', outcome: LEASE_EXPIRED_OUTCOME, statusMessage: LEASE_EXPIRED_MESSAGE, lastUpdatedAt: now },
  };
}

function sameLease(record: TaskRecord, now: number): WriteCondition {
  return { statusIn: [record.status], leaseExpiresAt: record.lease!.expiresAt, now };
}
