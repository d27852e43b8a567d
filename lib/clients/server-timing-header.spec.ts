import { describe, expect, it } from 'vitest';
import { serverTimeOfHeader, serverTimingMetrics } from './server-timing-header';

describe('serverTimingMetrics', () => {
  it('reads names, durations and skips descriptions, quoted commas included', () => {
    expect(serverTimingMetrics('total;dur=4.2;desc="arrival, to result", preprocess;dur=0.3, cache, inference;dur="2.95"')).toEqual([
      { name: 'total', durationMs: 4.2 },
      { name: 'preprocess', durationMs: 0.3 },
      { name: 'cache' },
      { name: 'inference', durationMs: 2.95 },
    ]);
  });

  it('keeps the first dur and ignores one that is no number', () => {
    expect(serverTimingMetrics('a;dur=1;dur=2, b;dur=x')).toEqual([{ name: 'a', durationMs: 1 }, { name: 'b' }]);
  });
});

describe('serverTimeOfHeader', () => {
  it('reads the server total and its parts', () => {
    expect(serverTimeOfHeader('total;dur=12.517;desc="arrival to result", preprocess;dur=3.192, inference;dur=1.648')).toEqual({
      totalMs: 12.517,
      preprocessMs: 3.192,
      inferenceMs: 1.648,
      source: 'server-timing-header',
    });
  });

  it('is undefined without a header or without a total', () => {
    expect(serverTimeOfHeader(null)).toBeUndefined();
    expect(serverTimeOfHeader('inference;dur=1')).toBeUndefined();
  });
});
