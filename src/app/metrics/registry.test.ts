import { describe, expect, it } from 'vitest';
import { Counter, Histogram, MetricsRegistry } from './registry.js';

describe('MetricsRegistry', () => {
  it('renders counters per label set, escaping label values, and cumulative histogram buckets', () => {
    const registry = new MetricsRegistry();
    const counter = registry.register(new Counter('x_total', 'Things.', ['kind']));
    const histogram = registry.register(new Histogram('x_seconds', 'Time.', [0.1, 1]));
    counter.inc({ kind: 'a' });
    counter.inc({ kind: 'a' }, 2);
    counter.inc({ kind: 'say "hi"\n\\' });
    for (const v of [0.05, 0.5, 3]) histogram.observe(v);
    expect(counter.get({ kind: 'a' })).toBe(3);
    expect(registry.render()).toBe([
      '# HELP x_total Things.', '# TYPE x_total counter',
      'x_total{kind="a"} 3', 'x_total{kind="say \\"hi\\"\\n\\\\"} 1',
      '# HELP x_seconds Time.', '# TYPE x_seconds histogram',
      'x_seconds_bucket{le="0.1"} 1', 'x_seconds_bucket{le="1"} 2', 'x_seconds_bucket{le="+Inf"} 3',
      'x_seconds_sum 3.55', 'x_seconds_count 3', '',
    ].join('\n'));
  });
});
