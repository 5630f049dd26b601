/**
 * Security and resource limits (R38, R79, R80, R81). Every store enforces these the same way
 * (through `BaseTaskStore`); the defaults are documented in docs/reference/limits.md.
 */
import { InvalidArgumentError, InvalidOptionsError } from './errors/index.js';

export interface SecurityConfig {
  /** Max active (working or input_required) tasks per owner; creation beyond it fails with QUOTA_EXCEEDED. */
  maxActiveTasksPerOwner: number;
  /**
   * Max stored (unexpired) tasks per owner, finished ones included: finished tasks stay until
   * their TTL, so the active quota alone does not bound storage. Creation beyond it fails with
   * STORAGE_EXHAUSTED. `null` = no cap. Enforced by stores with `capabilities.storageCaps`.
   */
  maxStoredTasksPerOwner: number | null;
  /**
   * Max JSON bytes of one owner's stored tasks (request params, variables and outcome, as
   * measured when written), finished ones included. `null` = no cap. Same enforcement.
   */
  maxStoredBytesPerOwner: number | null;
  /** TTL (ms from creation) given to a task created without `task.ttl`; `null` = unlimited. */
  defaultTtlMs: number | null;
  /** Largest TTL a requestor can get; larger requests are clamped (R34). `null` = no maximum. */
  maxTtlMs: number | null;
  /** Whether requestors without an identity (no auth, no session) may create and read tasks. */
  allowAnonymous: boolean;
  /** Max size in bytes of a task's variables, serialized as JSON. */
  maxVariablesBytes: number;
  /** Max size in bytes of a stored result or error, serialized as JSON. */
  maxResultBytes: number;
  /** Max size in bytes of the stored original request params, serialized as JSON. */
  maxRequestBytes: number;
  /** `pollInterval` suggested to requestors, in ms (R31). */
  pollIntervalMs: number;
  /** Page size of `list` when the caller gives none. */
  defaultPageSize: number;
  /** Largest page `list` returns, whatever the caller asks. */
  maxPageSize: number;
  /** How long a list cursor stays valid, in ms. */
  cursorTtlMs: number;
}

export const DEFAULT_SECURITY_CONFIG: Readonly<SecurityConfig> = Object.freeze({
  maxActiveTasksPerOwner: 100,
  maxStoredTasksPerOwner: 1_000,
  maxStoredBytesPerOwner: 64 * 1024 * 1024,
  defaultTtlMs: 60 * 60 * 1000,
  maxTtlMs: 24 * 60 * 60 * 1000,
  allowAnonymous: false,
  maxVariablesBytes: 64 * 1024,
  maxResultBytes: 1024 * 1024,
  maxRequestBytes: 256 * 1024,
  pollIntervalMs: 1000,
  defaultPageSize: 50,
  maxPageSize: 500,
  cursorTtlMs: 24 * 60 * 60 * 1000,
});

const POSITIVE_INTEGERS = [
  'maxActiveTasksPerOwner',
  'maxVariablesBytes',
  'maxResultBytes',
  'maxRequestBytes',
  'pollIntervalMs',
  'defaultPageSize',
  'maxPageSize',
  'cursorTtlMs',
] as const satisfies readonly (keyof SecurityConfig)[];

/** Fill defaults and check every value; throws INVALID_OPTIONS naming the bad setting. */
export function resolveSecurityConfig(partial: Partial<SecurityConfig> = {}): Readonly<SecurityConfig> {
  const overrides: Partial<SecurityConfig> = Object.fromEntries(Object.entries(partial).filter(([, value]) => value !== undefined));
  const config: SecurityConfig = { ...DEFAULT_SECURITY_CONFIG, ...overrides };
  for (const key of POSITIVE_INTEGERS) {
    if (!isPositiveInteger(config[key])) {
      throw new InvalidOptionsError(`security.${key} must be a positive integer, got ${String(config[key])}`);
    }
  }
  // The stored cap follows a raised active quota unless set itself: finished tasks must fit too.
  if (partial.maxStoredTasksPerOwner === undefined && isPositiveInteger(config.maxActiveTasksPerOwner)) {
    config.maxStoredTasksPerOwner = Math.max(DEFAULT_SECURITY_CONFIG.maxStoredTasksPerOwner!, 10 * config.maxActiveTasksPerOwner);
  }
  for (const key of ['defaultTtlMs', 'maxTtlMs', 'maxStoredTasksPerOwner', 'maxStoredBytesPerOwner'] as const) {
    const v = config[key];
    if (v !== null && !isPositiveInteger(v)) {
      throw new InvalidOptionsError(`security.${key} must be a positive integer or null, got ${String(v)}`);
    }
  }
  if (typeof config.allowAnonymous !== 'boolean') {
    throw new InvalidOptionsError('security.allowAnonymous must be a boolean');
  }
  if (config.maxStoredTasksPerOwner !== null && config.maxStoredTasksPerOwner < config.maxActiveTasksPerOwner) {
    throw new InvalidArgumentError('security.maxStoredTasksPerOwner must not be below security.maxActiveTasksPerOwner');
  }
  if (config.defaultPageSize > config.maxPageSize) {
    throw new InvalidOptionsError('security.defaultPageSize must not exceed security.maxPageSize');
  }
  if (config.maxTtlMs !== null && (config.defaultTtlMs === null || config.defaultTtlMs > config.maxTtlMs)) {
    throw new InvalidOptionsError('security.defaultTtlMs must not exceed security.maxTtlMs');
  }
  return Object.freeze(config);
}

/**
 * The TTL a task actually gets (R34, R35): the requested value clamped to the maximum, or the
 * default when none was requested. A requested TTL must be a positive integer (A4: null, zero and
 * negative values are refused rather than guessed at).
 */
export function effectiveTtl(requested: unknown, config: Readonly<SecurityConfig>): number | null {
  if (requested === undefined) return config.defaultTtlMs;
  if (!isPositiveInteger(requested)) {
    throw new InvalidArgumentError(`task.ttl must be a positive integer number of milliseconds, got ${JSON.stringify(requested)}`);
  }
  return config.maxTtlMs === null ? requested : Math.min(requested, config.maxTtlMs);
}

function isPositiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}
