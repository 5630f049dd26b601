/**
 * What `withTasks` takes (WithTasksOptions, ResumeTaskOptions) and the engine it runs on
 * (`engineOf`: the engine given, or a new one on the store given).
 */
import type { TaskStore } from '../../contract.js';
import { InvalidArgumentError } from '../../errors/index.js';
import type { ResolveOwnerOptions } from '../../owner.js';
import { TaskEngine } from '../core/engine.js';
import type { TasksLogger } from '../core/logger.js';
import type { RateLimitOptions } from '../core/rate-limit.js';
import type { TaskSupport } from '../core/task-support.js';

export interface WithTasksOptions {
  /**
   * The engine running this server's tasks. Create one per store and pass it to every server on
   * that store (e.g. one McpServer per HTTP session), so a cancel or `tasks/result` in one
   * session reaches work started in another.
   */
  engine?: TaskEngine;
  /**
   * The one-line form: without `engine`, a new engine on this store is made for this server
   * (with `logger`, `leaseMs`, `rateLimit`). With `engine`, it must be the engine's store.
   */
  store?: TaskStore;
  /**
   * Declare and serve `tasks/list` (R5). Default: only when anonymous requestors are refused, i.e.
   * when every requestor can be identified (R9, R80).
   */
  list?: boolean;
  /** Declare `tasks.requests.tools.call` (default true). When false, `task` is ignored (R7). */
  toolCalls?: boolean;
  /** taskSupport of tools not registered through `TasksServer.registerTool`. */
  taskSupport?: { [toolName: string]: TaskSupport };
  owner?: ResolveOwnerOptions;
  /** The new engine's audit logger (without `engine`). */
  logger?: TasksLogger;
  /** The new engine's lease on a store shared across processes, in ms (without `engine`; default 30 000). */
  leaseMs?: number;
  /** The new engine's per-owner rate limit (R81), e.g. `{ perSecond: 20, burst: 50 }` (without `engine`). Default: none. */
  rateLimit?: RateLimitOptions;
  /**
   * Serve statelessly: a fresh server and transport per HTTP request, on any instance (README,
   * "Running several instances"). Owners then come only from authentication (`authInfo`), never
   * from a transport session, which would be another owner on every request; a request without
   * it is `anonymous` (refused unless `security.allowAnonymous`).
   */
  stateless?:
    | boolean
    | {
        /**
         * What the requestor is taken to support when this server did not see its `initialize`
         * (a stateless server never does): decides whether a task may ask for input
         * (`elicitation`, `sampling`). Default: nothing, so tasks cannot ask.
         */
        clientCapabilities?: { [key: string]: unknown };
      };
}

export interface ResumeTaskOptions {
  /** Lease length of the resumed run on a store shared across processes (ms; renewed every third). Default: the engine's `leaseMs`. */
  leaseMs?: number;
  /**
   * What the requestor is taken to support while the task runs on without its connection (its
   * `initialize` went to the stopped worker's server): decides whether the work may ask
   * (`elicitation`, `sampling`). Default: `stateless.clientCapabilities`, else nothing.
   */
  clientCapabilities?: { [key: string]: unknown };
}

/** The engine given, or a new one on the store given; engine options beside an engine are an error, not ignored. */
export function engineOf(options: WithTasksOptions): TaskEngine {
  const { engine, store } = options;
  if (engine) {
    if (store !== undefined && store !== engine.store) throw new InvalidArgumentError('withTasks: options.engine belongs to another store');
    if (options.logger !== undefined || options.leaseMs !== undefined || options.rateLimit !== undefined) {
      throw new InvalidArgumentError(
        'withTasks: logger, leaseMs and rateLimit configure a new engine; set them on the TaskEngine passed as options.engine',
      );
    }
    return engine;
  }
  if (!store) throw new InvalidArgumentError('withTasks: pass options.engine (shared) or options.store (a new engine)');
  return new TaskEngine({
    store,
    ...(options.logger && { logger: options.logger }),
    ...(options.leaseMs !== undefined && { leaseMs: options.leaseMs }),
    ...(options.rateLimit && { rateLimit: options.rateLimit }),
  });
}
