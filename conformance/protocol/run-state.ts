/**
 * The shapes a check context is built from: what discovery learnt of the server (capabilities,
 * tools), the resolved options, the run-wide state, and the results of the task helpers.
 */
import type { Json } from '../core/json.js';
import type { Discovery, Role } from './discovery/roles.js';
import type { Liveness } from './liveness.js';
import type { WireReply, WireSession } from './session.js';
import type { Identity } from './target.js';
import type { WireLog } from './wire-log.js';

/** The documented fixture tools (conformance/README.md, reference-server/FIXTURES.md). */
export const FIXTURE_NAMES = [
  'echo',
  'delay',
  'fail_result',
  'throw_error',
  'ask_input',
  'until_cancelled',
  'count_steps',
  'support_forbidden',
  'support_optional',
  'support_required',
] as const;
export type FixtureName = (typeof FIXTURE_NAMES)[number];

export interface ToolInfo {
  name: string;
  /** `execution.taskSupport` as sent (undefined when absent: the default, "forbidden"). */
  taskSupport: unknown;
  raw: Json;
}

export interface ServerFacts {
  serverInfo?: { name?: unknown; version?: unknown };
  /** The raw `capabilities` of the initialize result. */
  capabilities?: Json;
  tools: ToolInfo[];
  toolsError?: string;
  connectError?: string;
}

export interface ToolCall {
  name: string;
  args: Json;
}

export interface ResolvedOptions {
  authA?: Identity;
  authB?: Identity;
  tool?: ToolCall;
  /** Tools per role, from the operator (`--tool-role`, config `roles`). */
  roles: Partial<Record<Role, ToolCall>>;
  /** Forbidden tools the operator says are safe to call (`--allow-tool`, config `allowTools`). */
  allowTools: string[];
  /** How long discovery may watch one probed tool (ms). */
  probeBudgetMs: number;
  maxTasksPerOwner?: number;
  maxTtlMs?: number;
  answer: string;
  checkTimeoutMs: number;
  requestTimeoutMs: number;
  paginationTasks: number;
}

/** The run-wide state a context reads (implemented by the runner). */
export interface RunState {
  readonly options: ResolvedOptions;
  readonly facts: ServerFacts;
  readonly transport: 'url' | 'stdio';
  /** The server's URL (url targets), for checks that speak plain HTTP (raw-session.ts). */
  readonly url: string | undefined;
  /** `a2`: a second session of identity A (same token, another session). */
  session(which: 'a' | 'b' | 'a2'): Promise<WireSession>;
  readonly sessions: readonly WireSession[];
  readonly memos: Map<string, Promise<unknown>>;
  /** What probing the task-capable tools observed (absent when the fixtures made it needless). */
  readonly discovery?: Discovery | undefined;
  /** How long a task of this run may take to reach a terminal status (from observed durations). */
  readonly waitBudgetMs: number;
  /** Every message of the run (wire-log.ts). */
  readonly log: WireLog;
  /** Whether the server still answers (liveness.ts). */
  readonly liveness: Liveness;
}

export interface Created {
  reply: WireReply;
  taskId?: string;
  task?: Json;
  /** The progressToken sent, when progress was requested. */
  progressToken?: number | string;
  /** When the CreateTaskResult arrived. */
  at: number;
}

export interface Polled {
  reply: WireReply;
  task?: Json;
  statuses: string[];
  timedOut: boolean;
}
