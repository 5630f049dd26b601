/**
 * `mcp-tasks/prometheus`: `TasksMetrics` on prom-client (an optional peer), so the library's
 * metrics sit in your registry beside your own (and prom-client's process metrics). Every metric
 * of `METRICS` is registered at once, with its help, labels and buckets; a name prefix keeps two
 * engines apart in one registry. Without prom-client, `TextMetrics` (`mcp-tasks`) writes the same
 * Prometheus text with no dependency.
 */
import { Counter, Gauge, Histogram, register, type Registry } from 'prom-client';
import {
  METRICS,
  type CounterChild,
  type GaugeChild,
  type HistogramChild,
  type MetricLabels,
  type MetricName,
  type TasksMetrics,
} from './metrics.js';

export interface PromClientMetricsOptions {
  /** Where the metrics are registered; default prom-client's global `register`. */
  registry?: Registry;
  /** Put before every metric name (e.g. `worker_`); default none. */
  prefix?: string;
}

type AnyMetric = Counter<string> | Gauge<string> | Histogram<string>;

/** `TasksMetrics` registering every metric of `METRICS` in prom-client's `registry`. */
export function promClientMetrics(options: PromClientMetricsOptions = {}): TasksMetrics {
  const registers = [options.registry ?? register];
  const prefix = options.prefix ?? '';
  const made = new Map<MetricName, AnyMetric>();
  for (const [name, definition] of Object.entries(METRICS) as [MetricName, (typeof METRICS)[MetricName]][]) {
    const common = { name: `${prefix}${name}`, help: definition.help, labelNames: [...definition.labels], registers };
    if (definition.type === 'counter') made.set(name, new Counter(common));
    else if (definition.type === 'gauge') made.set(name, new Gauge(common));
    else made.set(name, new Histogram({ ...common, buckets: 'buckets' in definition ? [...definition.buckets] : [] }));
  }
  // A metric without labels is its own child; one with labels gives one per label set.
  const child = <T>(name: MetricName, labels: MetricLabels | undefined): T => {
    const metric = made.get(name) as AnyMetric & { labels(labels: MetricLabels): unknown };
    return (METRICS[name].labels.length === 0 ? metric : metric.labels(labels ?? {})) as T;
  };
  return {
    counter(name, labels): CounterChild {
      const c = child<{ inc(value?: number): void }>(name, labels);
      return { add: (value = 1) => c.inc(value) };
    },
    gauge(name, labels): GaugeChild {
      const g = child<{ inc(value?: number): void; dec(value?: number): void; set(value: number): void }>(name, labels);
      return { add: (delta) => (delta >= 0 ? g.inc(delta) : g.dec(-delta)), set: (value) => g.set(value) };
    },
    histogram(name, labels): HistogramChild {
      const h = child<{ observe(value: number): void }>(name, labels);
      return { observe: (value) => h.observe(value) };
    },
  };
}
