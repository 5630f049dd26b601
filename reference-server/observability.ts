/**
 * What the reference server shows of itself (docs/operations.md), built from its flags and mounted
 * by the HTTP handler with a few lines: Prometheus metrics at `GET /metrics` (on by default,
 * `--metrics PATH|off`), the live task monitor at `/dashboard` (`--dashboard`), and the request
 * spans of `--otel` (otel.ts sets up the exporter; the tracing arrives here ready).
 *
 * Metrics use the library's own `TextMetrics` rather than prom-client: the server then runs with
 * its required packages only, and the text format is small. An embedding application with
 * prom-client uses `promClientMetrics` (`mcp-tasks/prometheus`) instead.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { measureStore, TextMetrics, type TaskEngine, type TaskStore, type TasksTracing } from '../src/index.js';
import { createDashboard, HttpObserver, metricsEndpoint, TaskMonitor, type Dashboard, type MetricsEndpoint, type MonitorViewer } from '../src/monitor/index.js';
import type { TokenTable } from './tokens.js';

export const DEFAULT_METRICS_PATH = '/metrics';
export const DASHBOARD_PATH = '/dashboard';

export interface ObservabilityOptions {
  /** Where `GET` answers with the metrics; false: no metrics at all. Default `/metrics`. */
  metricsPath?: string | false;
  /** Serve the live task monitor at `/dashboard`. */
  dashboard?: boolean;
  /** Spans (`--otel`); default none. */
  tracing?: TasksTracing | undefined;
  /** With tokens the dashboard asks for one (owner or operator view); without, it answers loopback clients only. */
  tokens?: TokenTable | undefined;
}

/** The HTTP side, once the engine exists: what the handler calls per request. */
export interface MountedObservability {
  /** Request spans, durations and HTTP refusals (call `exchange` first, `request` around each dispatch). */
  readonly observer: HttpObserver;
  /** Serve `/metrics` or `/dashboard...`; false for any other path. */
  handle(req: IncomingMessage, res: ServerResponse): boolean;
  close(): void;
}

export class ReferenceObservability {
  readonly metrics: TextMetrics | undefined;
  readonly tracing: TasksTracing | undefined;
  readonly #options: ObservabilityOptions;

  constructor(options: ObservabilityOptions = {}) {
    this.#options = options;
    this.metrics = options.metricsPath === false ? undefined : new TextMetrics();
    this.tracing = options.tracing;
  }

  /** The store the engine should use: every operation timed when metrics are on. */
  store(store: TaskStore): TaskStore {
    return this.metrics ? measureStore(store, this.metrics) : store;
  }

  /** What the engine is given (`createEngine`'s `metrics` and `tracing`). */
  get engineOptions(): { metrics?: TextMetrics; tracing?: TasksTracing } {
    return { ...(this.metrics && { metrics: this.metrics }), ...(this.tracing && { tracing: this.tracing }) };
  }

  /** The endpoints on `engine`; `sessions` gives the open sessions at each scrape. */
  mount(engine: TaskEngine, live: { sessions(): number }): MountedObservability {
    const { metrics } = this;
    const sessions = metrics?.gauge('mcp_tasks_sessions');
    const scrape: MetricsEndpoint | undefined = metrics && metricsEndpoint(metrics, { path: this.#options.metricsPath || DEFAULT_METRICS_PATH, beforeScrape: () => sessions!.set(live.sessions()) });
    const monitor = this.#options.dashboard ? new TaskMonitor(engine) : undefined;
    const tokens = this.#options.tokens;
    const dashboard: Dashboard | undefined = monitor && createDashboard({ monitor, path: DASHBOARD_PATH, authenticate: tokens && ((token) => viewerOf(tokens, token)) });
    return {
      observer: new HttpObserver({ metrics, tracing: this.tracing }),
      handle: (req, res) => scrape?.handle(req, res) === true || dashboard?.handle(req, res) === true,
      close() {
        dashboard?.close();
        monitor?.close();
      },
    };
  }
}

/** A token's viewer: its owner as the library names it (`auth:<name>`, R76), an operator or not. */
function viewerOf(tokens: TokenTable, token: string): MonitorViewer | undefined {
  const name = tokens.ownerOf(token);
  return name === undefined ? undefined : { owner: `auth:${name}`, operator: tokens.isOperator(token) };
}
