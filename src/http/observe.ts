/**
 * The handler's `observe` option (docs/operations.md, "Seeing what runs"): metrics, request spans
 * and the live task monitor, mounted by the handler on both faces so a server author gets them
 * with a few lines. `HttpWatch` is what the router calls: `route` first (GET /metrics and the
 * dashboard are answered before the MCP endpoint's checks), `answered` with every status, and
 * `begin` around each JSON-RPC request's dispatch (router.ts). The pieces are those of
 * `mcp-tasks/monitor`, which a server without this handler mounts itself.
 */
import type { TaskStore } from '../contract.js';
import { InvalidOptionsError } from '../errors/index.js';
import { createDashboard, type Dashboard, type DashboardOptions } from '../monitor/dashboard.js';
import { HttpObserver, type ObservedRequest, type RequestHead } from '../monitor/http-requests.js';
import { metricsEndpoint, type MetricsSource } from '../monitor/metrics-endpoint.js';
import type { HttpRoute, RouteHead } from '../monitor/route.js';
import { TaskMonitor } from '../monitor/task-monitor.js';
import type { TasksMetrics } from '../observe/metrics.js';
import { measureStore } from '../observe/store-metrics.js';
import type { TasksTracing } from '../observe/tracing.js';
import type { TaskEngine } from '../server/core/engine.js';
import type { TokenOwners } from './tokens.js';

export interface TasksHttpObserve {
  /**
   * Where metrics go (`TextMetrics`, or `promClientMetrics` of `mcp-tasks/prometheus`): the
   * handler's own (HTTP refusals by status, request durations, open sessions) and, when the
   * handler makes the engine, the engine's, with its store timed (`measureStore`). A given
   * `engine` reports to the metrics it was made with.
   */
  metrics?: TasksMetrics;
  /** What `GET metricsPath` answers with. Default `metrics` when it can be scraped (`TextMetrics`); for prom-client, its `Registry`. */
  scrape?: MetricsSource;
  /** Where the metrics are served. Default `/metrics`; false: not served. */
  metricsPath?: string | false;
  /**
   * Spans (`openTelemetryTracing()` of `mcp-tasks/opentelemetry`): one per MCP request, its trace
   * context read from `params._meta`; when the handler makes the engine, also one per task run,
   * linked to the request that created it. A given `engine` traces with what it was made with.
   */
  tracing?: TasksTracing;
  /**
   * The live task monitor at `/dashboard` (true, or its options). With `tokens`, it asks for a
   * token and shows that owner's tasks (an operator's token, `isOperator`, sees every owner's);
   * without, it answers loopback clients only, each an operator.
   */
  dashboard?: boolean | TasksHttpDashboard;
}

/** Options of the mounted task monitor. */
export interface TasksHttpDashboard extends Pick<DashboardOptions, 'path' | 'maxStreams' | 'maxStreamsPerOwner'> {
  /** The viewer of a bearer token. Default: from `tokens` (owner `auth:<name>`, operator by `isOperator`). */
  authenticate?: DashboardOptions['authenticate'];
}

export const DEFAULT_METRICS_PATH = '/metrics';
export const DEFAULT_DASHBOARD_PATH = '/dashboard';

/** What the handler hands the watch once its engine and sessions exist. */
export interface WatchContext {
  engine: TaskEngine;
  tokens: TokenOwners | undefined;
  /** Open 2025-11-25 sessions, read at each scrape. */
  sessions(): number;
}

export class HttpWatch {
  readonly #observer: HttpObserver;
  readonly #routes: HttpRoute[] = [];
  readonly #monitor: TaskMonitor | undefined;
  readonly #dashboard: Dashboard | undefined;

  constructor(observe: TasksHttpObserve, context: WatchContext) {
    const { metrics } = observe;
    this.#observer = new HttpObserver({ metrics, tracing: observe.tracing });
    const source = scrapeOf(observe);
    if (source && observe.metricsPath !== false) {
      const sessions = metrics?.gauge('mcp_tasks_sessions');
      this.#routes.push(
        metricsEndpoint(source, {
          path: observe.metricsPath ?? DEFAULT_METRICS_PATH,
          beforeScrape: () => sessions?.set(context.sessions()),
        }),
      );
    }
    if (observe.dashboard) {
      const options = observe.dashboard === true ? {} : observe.dashboard;
      this.#monitor = new TaskMonitor(context.engine);
      const authenticate = options.authenticate ?? (context.tokens && viewersOf(context.tokens));
      this.#dashboard = createDashboard({ ...options, monitor: this.#monitor, path: options.path ?? DEFAULT_DASHBOARD_PATH, authenticate });
      this.#routes.push(this.#dashboard);
    }
  }

  /** The answer of a mounted route (metrics, dashboard) when the path is one of theirs. */
  route(head: RouteHead): Promise<Response> | undefined {
    for (const route of this.#routes) if (route.owns(head.path)) return route.serve(head);
    return undefined;
  }

  /** An HTTP response's status (errors are counted). */
  answered(status: number): void {
    this.#observer.answered(status);
  }

  /** A JSON-RPC request to watch (span, duration), or undefined. */
  begin(head: RequestHead, body: unknown): ObservedRequest | undefined {
    return this.#observer.begin(head, body);
  }

  close(): void {
    this.#dashboard?.close();
    this.#monitor?.close();
  }
}

/** The store a made engine uses: timed when there are metrics. */
export function observedStore(store: TaskStore, observe: TasksHttpObserve | undefined): TaskStore {
  return observe?.metrics ? measureStore(store, observe.metrics) : store;
}

/** INVALID_OPTIONS for paths that cannot work together, at creation. */
export function checkObserve(observe: TasksHttpObserve, mcpPath: string | null): void {
  const dashboard = observe.dashboard
    ? ((observe.dashboard === true ? undefined : observe.dashboard.path) ?? DEFAULT_DASHBOARD_PATH).replace(/\/+$/, '')
    : undefined;
  const paths = [typeof observe.metricsPath === 'string' ? observe.metricsPath : undefined, dashboard].filter((p) => p !== undefined);
  for (const path of paths) {
    if (!/^\/[\w./-]*$/.test(path) || path === mcpPath)
      throw new InvalidOptionsError(
        `observe: ${JSON.stringify(path)} must be a path of its own (such as /metrics), not the MCP endpoint's`,
      );
  }
  if (
    typeof observe.metricsPath === 'string' &&
    dashboard !== undefined &&
    (observe.metricsPath === dashboard || observe.metricsPath.startsWith(`${dashboard}/`))
  ) {
    throw new InvalidOptionsError(`observe: the metrics path ${observe.metricsPath} lies under the dashboard's ${dashboard}`);
  }
  if (typeof observe.metricsPath === 'string' && !scrapeOf(observe)) {
    throw new InvalidOptionsError(
      'observe: metricsPath needs metrics that can be scraped (TextMetrics) or `scrape` (a prom-client Registry)',
    );
  }
}

function scrapeOf(observe: TasksHttpObserve): MetricsSource | undefined {
  if (observe.scrape) return observe.scrape;
  const metrics = observe.metrics as Partial<MetricsSource> | undefined;
  return typeof metrics?.metrics === 'function' && typeof metrics.contentType === 'string' ? (metrics as MetricsSource) : undefined;
}

/** A token's viewer: its owner as the handler names it (`auth:<name>`, R76), an operator or not. */
function viewersOf(tokens: TokenOwners): NonNullable<DashboardOptions['authenticate']> {
  return async (token) => {
    const owner = await tokens.ownerOf(token);
    return owner === undefined ? undefined : { owner: `auth:${owner}`, operator: (await tokens.isOperator?.(token)) === true };
  };
}
