/**
 * The types of `BaseTaskStore`'s five storage primitives: what a backend receives (a patch and
 * the condition it must hold atomically) and answers (a write result, a page of records).
 */
import type { Clock } from '../clock.js';
import type { TaskInput } from '../contract.js';
import type { JsonObject } from '../json.js';
import type { TaskLease, TaskOutcome, TaskRecord } from '../record.js';
import type { SecurityConfig } from '../security.js';
import type { TaskStatus } from '../status.js';

export interface BaseTaskStoreOptions {
  security?: Partial<SecurityConfig>;
  clock?: Clock;
  /** HMAC secret for list cursors; give all instances sharing one database the same secret. */
  cursorSecret?: string | Uint8Array;
}

/** The fields a write may change; the backend also sets `version` to the current version + 1. */
export interface RecordPatch {
  status?: TaskStatus;
  /** `null` removes the message. */
  statusMessage?: string | null;
  /** Absent: leave `lastUpdatedAt` as it is (lease renewals are not task updates). */
  lastUpdatedAt?: number;
  outcome?: TaskOutcome;
  /** Sets the lease. */
  lease?: TaskLease;
  /** Replaces the whole variables map. */
  variables?: JsonObject;
  /** Replaces the side-channel state (questions and unread answers). */
  input?: TaskInput;
  /** Replaces `storedBytes` (written with `variables`). */
  storedBytes?: number;
  /** Bytes of `outcome`: a backend keeping `storedBytes` adds them to the current value. */
  outcomeBytes?: number;
}

/** A write applies only if the task exists, is unexpired at `now`, and matches the rest. */
export interface WriteCondition {
  statusIn: readonly TaskStatus[];
  /** When set, also require this exact version (optimistic concurrency for merges). */
  version?: number;
  /** When set, also require the lease to be held by this holder. */
  leaseHolder?: string;
  /** When set, also require the lease to expire at exactly this instant. */
  leaseExpiresAt?: number;
  now: number;
}

export type WriteResult = { ok: true; record: TaskRecord } | { ok: false; current: TaskRecord | undefined };

export interface StoredPage {
  /** Unexpired records in creation order. */
  records: TaskRecord[];
  /** Resume point after the last record looked at; present when more records may follow. */
  next?: string;
}
