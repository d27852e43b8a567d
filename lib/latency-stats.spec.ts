import { describe, expect, it } from 'vitest';
import { histogram, niceTicks, quantile, summarize } from './latency-stats';

describe('quantile', () => {
  it('interpolates between ranks like numpy', () => {
    const sorted = [1, 2, 3, 4];
    expect(quantile(sorted, 0)).toBe(1);
    expect(quantile(sorted, 1)).toBe(4);
    expect(quantile(sorted, 0.5)).toBe(2.5);
    expect(quantile(sorted, 0.95)).toBeCloseTo(3.85, 10);
  });

  it('refuses empty input and out-of-range q', () => {
    expect(() => quantile([], 0.5)).toThrow(RangeError);
    expect(() => quantile([1], 1.5)).toThrow(RangeError);
    expect(() => quantile([1], Number.NaN)).toThrow(RangeError);
  });
});

describe('summarize', () => {
  it('gives min, max, mean, quartiles and p95 of unsorted samples', () => {
    const samples = Array.from({ length: 101 }, (_, i) => 100 - i); // 100 .. 0
    expect(summarize(samples)).toEqual({ count: 101, min: 0, max: 100, mean: 50, p25: 25, p50: 50, p75: 75, p95: 95 });
  });

  it('handles one sample and ignores non-finite ones', () => {
    expect(summarize([7, Number.NaN, Number.POSITIVE_INFINITY])).toEqual({ count: 1, min: 7, max: 7, mean: 7, p25: 7, p50: 7, p75: 7, p95: 7 });
  });

  it('is undefined for no samples', () => {
    expect(summarize([])).toBeUndefined();
  });

  it('does not reorder the caller\'s array', () => {
    const samples = [3, 1, 2];
    summarize(samples);
    expect(samples).toEqual([3, 1, 2]);
  });
});

describe('histogram', () => {
  it('splits the range into equal bins and counts every sample once', () => {
    const bins = histogram([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 5);
    expect(bins.map((bin) => [bin.from, bin.to, bin.count])).toEqual([
      [0, 2, 2],
      [2, 4, 2],
      [4, 6, 2],
      [6, 8, 2],
      [8, 10, 3],
    ]);
    expect(bins.reduce((sum, bin) => sum + bin.count, 0)).toBe(11);
  });

  it('uses a shared range and leaves out samples beyond it', () => {
    const bins = histogram([1, 5, 50], 2, { min: 0, max: 10 });
    expect(bins).toEqual([
      { from: 0, to: 5, count: 1 },
      { from: 5, to: 10, count: 1 },
    ]);
  });

  it('puts identical samples into one bin', () => {
    expect(histogram([4, 4, 4], 10)).toEqual([{ from: 4, to: 4, count: 3 }]);
  });

  it('returns no bins for no samples, and refuses a bad bin count', () => {
    expect(histogram([], 4)).toEqual([]);
    expect(histogram([], 2, { min: 0, max: 2 }).map((bin) => bin.count)).toEqual([0, 0]);
    expect(() => histogram([1], 0)).toThrow(RangeError);
  });
});

describe('niceTicks', () => {
  it('picks round steps', () => {
    expect(niceTicks(0, 10, 5)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(niceTicks(3.2, 47, 5)).toEqual([10, 20, 30, 40]);
    expect(niceTicks(0.1, 0.9, 4)).toEqual([0.2, 0.4, 0.6, 0.8]);
  });

  it('copes with a flat or invalid range', () => {
    expect(niceTicks(5, 5)).toEqual([5]);
    expect(niceTicks(5, 1)).toEqual([]);
  });
});
