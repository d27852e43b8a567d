import { describe, expect, it } from 'vitest';
import { memoryVerdicts, type MemorySample } from './memory-verdict';

const sample = (requests: number, rssMiB: number): MemorySample => ({
  requests,
  rssMiB,
  lowMiB: rssMiB - 10,
  highMiB: rssMiB + 10,
  atEndMiB: rssMiB,
  peakRssMiB: rssMiB + 20,
  failed: 0,
});

describe('memoryVerdicts', () => {
  it('passes a bounded, flat curve', () => {
    const verdicts = memoryVerdicts(sample(1000, 240), [sample(2000, 250), sample(3000, 220)]);
    expect(verdicts.map((verdict) => verdict.pass)).toEqual([true, true]);
    expect(verdicts[1]!.line).toContain('+4.2%');
  });

  it('misses RSS above 250 MiB after the first window', () => {
    expect(memoryVerdicts(sample(1000, 251), [sample(2000, 251)])[0]!.pass).toBe(false);
  });

  it('misses a later reading more than 10% above or below the first', () => {
    expect(memoryVerdicts(sample(1000, 200), [sample(2000, 205), sample(3000, 221)])[1]!.pass).toBe(false);
    expect(memoryVerdicts(sample(1000, 200), [sample(2000, 179)])[1]!.pass).toBe(false);
  });

  it('misses flatness when there is nothing after the first window', () => {
    expect(memoryVerdicts(sample(1000, 200), [])[1]!.pass).toBe(false);
  });
});
