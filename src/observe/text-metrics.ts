/**
 * `TextMetrics`: `TasksMetrics` kept in process memory and written as the Prometheus text
 * exposition format (version 0.0.4), with no dependency. The reference server's `GET /metrics`
 * uses it: the format is small, and the server runs with its required packages only. With
 * prom-client in your process, use `promClientMetrics` (`mcp-tasks/prometheus`) instead, to have
 * these beside your own metrics in one registry.
 *
 * `metrics()` and `contentType` have prom-client `Registry`'s shape, so one HTTP endpoint
 * (`metricsEndpoint`, `mcp-tasks/monitor`) serves either.
 */
import {
  METRICS,
  type CounterChild,
  type GaugeChild,
  type HistogramChild,
  type MetricLabels,
  type MetricName,
  type TasksMetrics,
} from './metrics.js';

class Value implements CounterChild, GaugeChild {
  value = 0;
  add(delta = 1): void {
    this.value += delta;
  }
  set(value: number): void {
    this.value = value;
  }
}

class Histogram implements HistogramChild {
  readonly counts: number[];
  sum = 0;
  count = 0;
  constructor(readonly bounds: readonly number[]) {
    this.counts = bounds.map(() => 0);
  }
  observe(value: number): void {
    this.sum += value;
    this.count++;
    // Counted in the first bucket that holds it; cumulated when written.
    const at = this.bounds.findIndex((bound) => value <= bound);
    if (at >= 0) this.counts[at]!++;
  }
}

type Child = Value | Histogram;

export class TextMetrics implements TasksMetrics {
  /** What `GET /metrics` answers with (the Prometheus text format). */
  readonly contentType = 'text/plain; version=0.0.4; charset=utf-8';
  /** Per metric: children by their label string (`a="x",b="y"`). */
  readonly #children = new Map<MetricName, Map<string, Child>>();

  counter(name: MetricName, labels: MetricLabels = {}): CounterChild {
    return this.#child(name, labels, 'counter') as Value;
  }

  gauge(name: MetricName, labels: MetricLabels = {}): GaugeChild {
    return this.#child(name, labels, 'gauge') as Value;
  }

  histogram(name: MetricName, labels: MetricLabels = {}): HistogramChild {
    return this.#child(name, labels, 'histogram') as Histogram;
  }

  /** The current value of one child (tests and the dashboard); undefined when never touched. A histogram gives its count. */
  value(name: MetricName, labels: MetricLabels = {}): number | undefined {
    const child = this.#children.get(name)?.get(labelText(name, labels));
    return child instanceof Histogram ? child.count : child?.value;
  }

  /** Every metric in the Prometheus text format. */
  metrics(): string {
    const lines: string[] = [];
    for (const [name, definition] of Object.entries(METRICS) as [MetricName, (typeof METRICS)[MetricName]][]) {
      lines.push(`# HELP ${name} ${definition.help.replaceAll('\\', '\\\\').replaceAll('\n', '\\n')}`, `# TYPE ${name} ${definition.type}`);
      const children = this.#children.get(name) ?? new Map<string, Child>();
      // A metric without labels always has its one series, so a scrape shows it from the start.
      if (definition.labels.length === 0 && children.size === 0)
        children.set('', definition.type === 'histogram' ? new Histogram(bucketsOf(name)) : new Value());
      for (const [labels, child] of children) {
        if (child instanceof Histogram) {
          let cumulative = 0;
          child.bounds.forEach((bound, i) => {
            cumulative += child.counts[i]!;
            lines.push(`${name}_bucket{${join(labels, `le="${bound}"`)}} ${cumulative}`);
          });
          lines.push(
            `${name}_bucket{${join(labels, 'le="+Inf"')}} ${child.count}`,
            `${name}_sum${braces(labels)} ${child.sum}`,
            `${name}_count${braces(labels)} ${child.count}`,
          );
        } else {
          lines.push(`${name}${braces(labels)} ${child.value}`);
        }
      }
    }
    return `${lines.join('\n')}\n`;
  }

  #child(name: MetricName, labels: MetricLabels, type: string): Child {
    const definition = METRICS[name];
    if (definition.type !== type) throw new TypeError(`TextMetrics: ${name} is a ${definition.type}, not a ${type}`);
    let children = this.#children.get(name);
    if (children === undefined) this.#children.set(name, (children = new Map()));
    const key = labelText(name, labels);
    let child = children.get(key);
    if (child === undefined) children.set(key, (child = definition.type === 'histogram' ? new Histogram(bucketsOf(name)) : new Value()));
    return child;
  }
}

function bucketsOf(name: MetricName): readonly number[] {
  const definition = METRICS[name];
  return 'buckets' in definition ? definition.buckets : [];
}

/** The label pairs in the metric's declared order, values escaped as the format requires. */
function labelText(name: MetricName, labels: MetricLabels): string {
  return METRICS[name].labels.map((label) => `${label}="${escapeValue(labels[label] ?? '')}"`).join(',');
}

function escapeValue(value: string): string {
  return value.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n');
}

function join(labels: string, extra: string): string {
  return labels === '' ? extra : `${labels},${extra}`;
}

function braces(labels: string): string {
  return labels === '' ? '' : `{${labels}}`;
}
