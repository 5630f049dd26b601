/**
 * What a protocol run is given (`ProtocolConformanceOptions`, from the API or the CLI's flags) and
 * what its checks read (`ResolvedOptions`, run-state.ts): identities parsed, defaults filled in.
 */
import type { CheckResult } from '../core/check.js';
import type { Json } from '../core/json.js';
import type { Role } from './discovery/roles.js';
import type { ResolvedOptions, ToolCall } from './run-state.js';
import { parseIdentity, type Identity, type ProtocolTarget } from './target.js';

export interface ProtocolConformanceOptions {
  /** `{ url }` (Streamable HTTP) or `{ stdio: "command line" }` (spawned). */
  target: ProtocolTarget;
  /** Identity A: a bearer token, `Header: value` strings, or an Identity (url targets). */
  authA?: string | string[] | Identity;
  /** Identity B: enables the owner-isolation checks (url targets). */
  authB?: string | string[] | Identity;
  /** A task-capable tool that completes, for servers without the fixture tools. */
  tool?: { name: string; args?: Json };
  /** Tools per role (completes, long, input, fails, errors), for what discovery cannot find. */
  roles?: Partial<Record<Role, { name: string; args?: Json }>>;
  /** Forbidden tools that are safe to call (no side effects), beyond those annotated readOnlyHint. */
  allowTools?: readonly string[];
  /** How long discovery watches one probed tool (default 15000 ms). */
  probeBudgetMs?: number;
  /** The server's limit of active tasks per requestor, when known. */
  maxTasksPerOwner?: number;
  /** The server's maximum ttl (ms), when known. */
  maxTtlMs?: number;
  /** The server's task operations per second per requestor (R81), when known. */
  rateLimit?: number;
  /** The largest request params (bytes) the server takes for a task (R38), when known. */
  maxRequestBytes?: number;
  /** What the suite answers to elicitations (default "conformance-answer"). */
  elicitationAnswer?: string;
  /** Time limit of one check (default 15000 ms). */
  checkTimeoutMs?: number;
  /** Time limit of one request (default 10000 ms). */
  requestTimeoutMs?: number;
  /** How many tasks the pagination check makes sure exist (default 60). */
  paginationTasks?: number;
  /** Run only these checks: ids (`tool.required-without-task`), rules (`R13`) or areas (`listing`). */
  only?: readonly string[];
  /** Called after each check, in run order (progress). */
  onResult?: (result: CheckResult) => void;
}

function toIdentity(value: ProtocolConformanceOptions['authA']): Identity | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' || Array.isArray(value)) return parseIdentity(value as string | string[]);
  return value as Identity;
}

/** The options with identities parsed and every default filled in. */
export function resolveOptions(options: ProtocolConformanceOptions): ResolvedOptions {
  const authA = toIdentity(options.authA);
  const authB = toIdentity(options.authB);
  const tool: ToolCall | undefined = options.tool && { name: options.tool.name, args: options.tool.args ?? {} };
  return {
    ...(authA && { authA }),
    ...(authB && { authB }),
    ...(tool && { tool }),
    roles: Object.fromEntries(Object.entries(options.roles ?? {}).map(([role, t]) => [role, { name: t.name, args: t.args ?? {} }])),
    allowTools: [...(options.allowTools ?? [])],
    probeBudgetMs: options.probeBudgetMs ?? 15_000,
    ...(options.maxTasksPerOwner !== undefined && { maxTasksPerOwner: options.maxTasksPerOwner }),
    ...(options.maxTtlMs !== undefined && { maxTtlMs: options.maxTtlMs }),
    ...(options.rateLimit !== undefined && { rateLimit: options.rateLimit }),
    ...(options.maxRequestBytes !== undefined && { maxRequestBytes: options.maxRequestBytes }),
    answer: options.elicitationAnswer ?? 'conformance-answer',
    checkTimeoutMs: options.checkTimeoutMs ?? 15_000,
    requestTimeoutMs: options.requestTimeoutMs ?? 10_000,
    paginationTasks: options.paginationTasks ?? 60,
  };
}
