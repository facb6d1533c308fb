/* A minimal Prometheus registry: counters and histograms with labels, rendered in the text
   exposition format (version 0.0.4). Enough for the App's /metrics without a dependency. */

type Labels = Record<string, string>;

interface Metric {
  render(): string[];
}

const escapeLabel = (v: string) => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
const labelText = (labels: Labels) => {
  const parts = Object.entries(labels).map(([k, v]) => `${k}="${escapeLabel(v)}"`);
  return parts.length ? `{${parts.join(',')}}` : '';
};
const keyOf = (names: readonly string[], labels: Labels) => JSON.stringify(names.map((n) => labels[n] ?? ''));
const header = (name: string, help: string, type: string) => [`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`];

/** A monotonically increasing count per label set. */
export class Counter<L extends string> implements Metric {
  private readonly values = new Map<string, { labels: Labels; value: number }>();

  constructor(readonly name: string, private readonly help: string, private readonly labelNames: readonly L[]) {}

  inc(labels: Record<L, string>, by = 1): void {
    const key = keyOf(this.labelNames, labels);
    const entry = this.values.get(key) ?? { labels: { ...labels }, value: 0 };
    entry.value += by;
    this.values.set(key, entry);
  }

  /** The current count for one label set (0 if never incremented). */
  get(labels: Record<L, string>): number {
    return this.values.get(keyOf(this.labelNames, labels))?.value ?? 0;
  }

  render(): string[] {
    const lines = [...this.values.values()].map((e) => `${this.name}${labelText(e.labels)} ${e.value}`);
    return [...header(this.name, this.help, 'counter'), ...lines];
  }
}

/** Observations in cumulative buckets, with their sum and count. */
export class Histogram implements Metric {
  private readonly counts: number[];
  private sum = 0;
  private count = 0;

  constructor(readonly name: string, private readonly help: string, private readonly buckets: readonly number[]) {
    this.counts = buckets.map(() => 0);
  }

  observe(value: number): void {
    this.sum += value;
    this.count += 1;
    this.buckets.forEach((le, i) => {
      if (value <= le) this.counts[i] = (this.counts[i] ?? 0) + 1;
    });
  }

  render(): string[] {
    const lines = this.buckets.map((le, i) => `${this.name}_bucket{le="${le}"} ${this.counts[i] ?? 0}`);
    return [
      ...header(this.name, this.help, 'histogram'),
      ...lines,
      `${this.name}_bucket{le="+Inf"} ${this.count}`,
      `${this.name}_sum ${this.sum}`,
      `${this.name}_count ${this.count}`,
    ];
  }
}

/** Metrics in registration order, rendered together. */
export class MetricsRegistry {
  private readonly metrics: Metric[] = [];

  register<M extends Metric>(metric: M): M {
    this.metrics.push(metric);
    return metric;
  }

  /** The whole registry in Prometheus text format. */
  render(): string {
    return `${this.metrics.flatMap((m) => m.render()).join('\n')}\n`;
  }
}

/** The content type Prometheus expects for the text format. */
export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';
