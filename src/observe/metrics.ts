/**
 * `TasksMetrics`: what the library measures, through a small interface with no dependency. The
 * engine, its side channel, the request guard and a measured store (`measureStore`) report to it;
 * an adapter turns it into a metrics system: `TextMetrics` (Prometheus text, no dependency),
 * `promClientMetrics` (`mcp-tasks/prometheus`, on prom-client). The default, `noopMetrics`, costs
 * a call to a shared empty function.
 *
 * Every metric is declared once in `METRICS` (name, type, help, labels, buckets), so adapters and
 * the docs (docs/operations.md) agree. Labels never hold an owner or a token: a metric's label
 * values are bounded sets (tool names the server registered, statuses, error codes, operations).
 * Instruments are asked for with their labels once and kept (`counter(name, labels)` returns a
 * child whose `add` is one addition), so the hot path does no label lookup.
 */

/** Label values of one child of a metric. */
export type MetricLabels = { readonly [label: string]: string };

export interface CounterChild {
  add(value?: number): void;
}

export interface GaugeChild {
  add(delta: number): void;
  set(value: number): void;
}

export interface HistogramChild {
  observe(value: number): void;
}

/** A metrics sink. Names are those of `METRICS`; labels those the metric declares. */
export interface TasksMetrics {
  counter(name: MetricName, labels?: MetricLabels): CounterChild;
  gauge(name: MetricName, labels?: MetricLabels): GaugeChild;
  histogram(name: MetricName, labels?: MetricLabels): HistogramChild;
}

export type MetricType = 'counter' | 'gauge' | 'histogram';

export interface MetricDefinition {
  readonly type: MetricType;
  readonly help: string;
  readonly labels: readonly string[];
  /** Histogram bucket upper bounds (seconds). */
  readonly buckets?: readonly number[];
}

/** Seconds: from milliseconds to a day, for task lifetimes and waits for a person. */
const LONG_BUCKETS = [0.01, 0.1, 0.5, 1, 5, 15, 60, 300, 900, 3600, 14_400, 86_400];
/** Seconds: store operations, from half a millisecond to a few seconds. */
const STORE_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];
/** Seconds: OpenTelemetry's advice for `mcp.server.operation.duration`. */
const OPERATION_BUCKETS = [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 30, 60, 120, 300];

/** Every metric the library reports (docs/operations.md lists them with their meaning). */
export const METRICS = {
  mcp_tasks_created_total: { type: 'counter', help: 'Tasks created by this engine', labels: ['tool'] },
  mcp_tasks_ended_total: {
    type: 'counter',
    help: 'Task runs of this engine that ended, by how: completed, failed, cancelled, expired, unwritten (the end was not stored), taken_over, closed',
    labels: ['tool', 'status'],
  },
  mcp_tasks_active: { type: 'gauge', help: 'Tasks this engine runs now, by status (working, input_required)', labels: ['status'] },
  mcp_tasks_duration_seconds: {
    type: 'histogram',
    help: 'Task life from creation to its end',
    labels: ['tool', 'status'],
    buckets: LONG_BUCKETS,
  },
  mcp_tasks_questions_total: { type: 'counter', help: 'Questions tasks asked their requestor (input_required)', labels: ['method'] },
  mcp_tasks_questions_waiting: { type: 'gauge', help: 'Questions of running tasks waiting for their answer', labels: ['method'] },
  mcp_tasks_question_wait_seconds: {
    type: 'histogram',
    help: 'How long a question waited for its answer (or until the work stopped waiting)',
    labels: ['method', 'outcome'],
    buckets: LONG_BUCKETS,
  },
  mcp_tasks_question_deliveries_total: {
    type: 'counter',
    help: 'Questions delivered to a requestor on the side channel, by wire',
    labels: ['wire'],
  },
  mcp_tasks_answers_total: { type: 'counter', help: 'Answers received: accepted (to an open question) or ignored', labels: ['result'] },
  mcp_tasks_result_waiting: { type: 'gauge', help: 'tasks/result calls waiting for their task to end', labels: [] },
  mcp_tasks_refusals_total: {
    type: 'counter',
    help: 'Task requests refused, by error code (RATE_LIMITED, QUOTA_EXCEEDED, TASK_NOT_FOUND, ...)',
    labels: ['code'],
  },
  mcp_tasks_store_operation_seconds: {
    type: 'histogram',
    help: 'Store operation latency',
    labels: ['store', 'operation'],
    buckets: STORE_BUCKETS,
  },
  mcp_tasks_store_errors_total: {
    type: 'counter',
    help: 'Store operations that threw, by error code',
    labels: ['store', 'operation', 'code'],
  },
  mcp_tasks_sessions: { type: 'gauge', help: 'Open MCP sessions (HTTP)', labels: [] },
  mcp_tasks_http_refusals_total: {
    type: 'counter',
    help: 'HTTP requests answered with an error status before or instead of JSON-RPC',
    labels: ['status'],
  },
  mcp_server_operation_duration_seconds: {
    type: 'histogram',
    help: 'MCP request duration (OpenTelemetry mcp.server.operation.duration)',
    labels: ['mcp_method_name', 'error_type'],
    buckets: OPERATION_BUCKETS,
  },
} as const satisfies { readonly [name: string]: MetricDefinition };

export type MetricName = keyof typeof METRICS;

const NOOP_CHILD: CounterChild & GaugeChild & HistogramChild = { add: () => {}, set: () => {}, observe: () => {} };

/** Measures nothing: the default of every component that takes metrics. */
export const noopMetrics: TasksMetrics = {
  counter: () => NOOP_CHILD,
  gauge: () => NOOP_CHILD,
  histogram: () => NOOP_CHILD,
};

/**
 * Children by a label value, made once each (for metrics whose labels vary per call, e.g. the
 * tool): `of('echo')` is a map lookup after the first.
 */
export class ChildCache<C> {
  readonly #children = new Map<string, C>();
  constructor(private readonly make: (key: string) => C) {}

  of(key: string): C {
    let child = this.#children.get(key);
    if (child === undefined) this.#children.set(key, (child = this.make(key)));
    return child;
  }
}
