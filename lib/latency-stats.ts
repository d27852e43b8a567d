// Pure statistics over latency samples (milliseconds) for the repeat runner's charts.

export interface LatencySummary {
  count: number;
  min: number;
  max: number;
  mean: number;
  p25: number;
  p50: number;
  p75: number;
  p95: number;
}

export interface HistogramBin {
  /** Inclusive lower edge. */
  from: number;
  /** Exclusive upper edge, except for the last bin, which includes it. */
  to: number;
  count: number;
}

/** The q-quantile (0..1) of ascending samples, interpolating linearly between ranks (R type 7, numpy's default). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) throw new RangeError('quantile of no samples');
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile must be in [0, 1], got ${q}`);
  const rank = (sorted.length - 1) * q;
  const below = Math.floor(rank);
  const lower = sorted[below]!;
  const upper = sorted[Math.min(below + 1, sorted.length - 1)]!;
  return lower + (upper - lower) * (rank - below);
}

/** min, max, mean and the quartiles plus p95 of the finite samples; undefined when there are none. */
export function summarize(samples: readonly number[]): LatencySummary | undefined {
  const sorted = samples.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return undefined;
  const sum = sorted.reduce((total, value) => total + value, 0);
  return {
    count: sorted.length,
    min: sorted[0]!,
    max: sorted[sorted.length - 1]!,
    mean: sum / sorted.length,
    p25: quantile(sorted, 0.25),
    p50: quantile(sorted, 0.5),
    p75: quantile(sorted, 0.75),
    p95: quantile(sorted, 0.95),
  };
}

/**
 * Equal-width bins over [range.min, range.max] (the samples' own range by default), so several protocols can share
 * one axis. Samples outside the range are left out; a zero-width range gives one bin holding every sample.
 */
export function histogram(samples: readonly number[], binCount: number, range?: { min: number; max: number }): HistogramBin[] {
  if (!Number.isInteger(binCount) || binCount < 1) throw new RangeError(`binCount must be a positive integer, got ${binCount}`);
  const finite = samples.filter(Number.isFinite);
  if (finite.length === 0 && !range) return [];
  const min = range?.min ?? Math.min(...finite);
  const max = range?.max ?? Math.max(...finite);
  if (max <= min) return [{ from: min, to: max, count: finite.filter((value) => value === min).length }];
  const width = (max - min) / binCount;
  const bins = Array.from({ length: binCount }, (_, i) => ({ from: min + i * width, to: i === binCount - 1 ? max : min + (i + 1) * width, count: 0 }));
  for (const value of finite) {
    if (value < min || value > max) continue;
    const index = Math.min(binCount - 1, Math.floor((value - min) / width));
    bins[index]!.count += 1;
  }
  return bins;
}

/** Round axis ticks (1, 2 or 5 × 10^k apart) covering [min, max], about `count` of them. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max) || max < min) return [];
  if (max === min) return [min];
  const raw = (max - min) / Math.max(1, count);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].find((factor) => factor * magnitude >= raw) ?? 10) * magnitude;
  const ticks: number[] = [];
  for (let tick = Math.ceil(min / step) * step; tick <= max + step * 1e-9; tick += step) ticks.push(Number(tick.toPrecision(12)));
  return ticks;
}
