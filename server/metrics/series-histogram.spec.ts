import { Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { SeriesHistogram } from './series-histogram';

const BUCKETS = [0.5, 1, 2.5, 10];
const OBSERVED: Array<[labels: Record<string, string>, value: number]> = [
  [{ model: 'a', protocol: 'rest' }, 0.2],
  [{ model: 'a', protocol: 'rest' }, 0.5],
  [{ model: 'a', protocol: 'rest' }, 3],
  [{ protocol: 'mqtt', model: 'a' }, 1],
  [{ model: 'b', protocol: 'rest' }, 40],
  [{ model: 'b', protocol: 'rest' }, 2.5],
];

/** Exposition lines without the comment lines, labels in name order: the same samples whatever order they came in. */
function samples(exposition: string): string[] {
  return exposition
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const [, name, labels = '', value] = /^(\w+)(?:\{(.*)\})? (.+)$/.exec(line)!;
      return `${name}{${labels.split(',').filter(Boolean).sort().join(',')}} ${value}`;
    })
    .sort();
}

describe('SeriesHistogram', () => {
  it('exposes exactly the samples prom-client’s Histogram exposes for the same observations', async () => {
    const theirs = new Registry();
    const ours = new Registry();
    const reference = new Histogram({ name: 'latency_ms', help: 'h', labelNames: ['model', 'protocol'], buckets: BUCKETS, registers: [theirs] });
    const histogram = new SeriesHistogram({ name: 'latency_ms', help: 'h', labelNames: ['model', 'protocol'], buckets: BUCKETS, registers: [ours] });
    for (const [labels, value] of OBSERVED) {
      reference.observe(labels, value);
      histogram.seriesOf(labels).observe(value);
    }
    const expected = samples(await theirs.metrics());
    expect(expected).toContain('latency_ms_bucket{le="1",model="a",protocol="rest"} 2');
    expect(samples(await ours.metrics())).toEqual(expected);
    expect(await ours.metrics()).toContain('# TYPE latency_ms histogram');
  });

  it('gives labels of the same names and values one series, and refuses a label it was not given or a value that is not finite', () => {
    const histogram = new SeriesHistogram({ name: 'h_ms', help: 'h', labelNames: ['model'], buckets: BUCKETS, registers: [] });
    expect(histogram.seriesOf({ model: 'a' })).toBe(histogram.seriesOf({ model: 'a' }));
    expect(histogram.seriesOf({ model: 'a' })).not.toBe(histogram.seriesOf({ model: 'b' }));
    expect(() => histogram.seriesOf({ model: 'a', version: '1' })).toThrow(/no label version/);
    expect(() => histogram.seriesOf({ model: 'a' }).observe(Number.NaN)).toThrow(TypeError);
  });

  it('zeroes its series on reset and keeps counting into them', async () => {
    const registry = new Registry();
    const histogram = new SeriesHistogram({ name: 'h_ms', help: 'h', labelNames: ['model'], buckets: BUCKETS, registers: [registry] });
    const series = histogram.seriesOf({ model: 'a' });
    series.observe(2);
    registry.resetMetrics();
    series.observe(20);
    expect(samples(await registry.metrics())).toEqual(
      ['h_ms_bucket{le="+Inf",model="a"} 1', 'h_ms_bucket{le="0.5",model="a"} 0', 'h_ms_bucket{le="1",model="a"} 0', 'h_ms_bucket{le="10",model="a"} 0', 'h_ms_bucket{le="2.5",model="a"} 0', 'h_ms_count{model="a"} 1', 'h_ms_sum{model="a"} 20'].sort(),
    );
  });
});
