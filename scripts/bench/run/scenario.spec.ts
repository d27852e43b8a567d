import { describe, expect, it } from 'vitest';
import { combineSamples, type LoadPlan, type LoadSample } from './load-runner';
import type { Progress } from './progress';
import { runScenariosTogether, sliceOf, turnOrder, type ScenarioSpec } from './scenario';

const quietProgress: Progress = { step: () => undefined, update: () => undefined, note: () => undefined, finish: () => undefined };

/** A scenario whose calls answer at once and are logged as `id:load`, the load being the one its caller is in. */
function loggedSpec(id: string, loads: LoadPlan[], log: string[], current: { load: string }): ScenarioSpec {
  return {
    id,
    target: id === 'floor' ? 'floor' : 'modelwire',
    workload: 'linear',
    library: id,
    loads,
    open: async () => ({
      call: async () => {
        log.push(`${id}:${current.load}`);
      },
      close: async () => undefined,
    }),
  };
}

/** The log with runs of the same entry folded: ['a', 'a', 'b'] → ['a×2', 'b×1']. */
function runsOf(log: string[]): string[] {
  const runs: string[] = [];
  let previous = '';
  let count = 0;
  for (const entry of [...log, '']) {
    if (entry === previous) count += 1;
    else {
      if (count > 0) runs.push(`${previous}×${count}`);
      previous = entry;
      count = 1;
    }
  }
  return runs;
}

describe('sliceOf', () => {
  it('shares out the calls so the slices add up to the load, and the seconds evenly', () => {
    const slices = [0, 1, 2, 3].map((slice) => sliceOf({ concurrency: 1, calls: 10 }, slice, 4));
    expect(slices.map((slice) => slice.calls)).toEqual([2, 3, 2, 3]);
    expect(sliceOf({ concurrency: 32, seconds: 3 }, 2, 4)).toEqual({ concurrency: 32, seconds: 0.75 });
  });
});

describe('turnOrder', () => {
  it('alternates A B, B A', () => {
    expect([0, 1, 2, 3].map((slice) => turnOrder(['a', 'b'], slice).join(''))).toEqual(['ab', 'ba', 'ab', 'ba']);
  });
});

describe('combineSamples', () => {
  const sample = (latencies: number[], durationMs: number, extra: Partial<LoadSample> = {}): LoadSample => ({
    concurrency: 1,
    calls: latencies.length,
    errors: 0,
    refused: 0,
    durationMs,
    latencies,
    ...extra,
  });

  it('adds calls, errors and time, and takes percentiles over every slice’s latencies together', () => {
    const outcome = combineSamples([sample([1, 1, 1], 30, { errors: 1, calls: 4, firstError: 'boom' }), sample([9, 9, 9], 30)]);
    expect(outcome.calls).toBe(7);
    expect(outcome.errors).toBe(1);
    expect(outcome.durationMs).toBe(60);
    expect(outcome.rps).toBe(100); // 6 answered in 60 ms
    expect(outcome.latencyMs.max).toBe(9);
    expect(outcome.latencyMs.mean).toBe(5);
    expect(outcome.firstError).toBe('boom');
  });
});

describe('runScenariosTogether', () => {
  it('runs each load in slices, the scenarios taking turns A B, B A, and adds each one’s slices into its run', async () => {
    const log: string[] = [];
    const current = { load: 'warmup' };
    const loads: LoadPlan[] = [{ concurrency: 1, calls: 8 }];
    const specs = [loggedSpec('ours', loads, log, current), loggedSpec('floor', loads, log, current)];
    const progress: Progress = { ...quietProgress, step: () => (current.load = 'seq') };

    const [ours, floor] = await runScenariosTogether(specs, { warmupSeconds: 0, slices: 4 }, progress, []);

    // Slices of 2 calls: ours floor | floor ours | ours floor | floor ours, so neighbouring turns of one scenario fold.
    expect(runsOf(log)).toEqual(['ours:seq×2', 'floor:seq×4', 'ours:seq×4', 'floor:seq×4', 'ours:seq×2']);
    expect(ours!.runs.map((run) => run.calls)).toEqual([8]);
    expect(floor!.runs.map((run) => run.calls)).toEqual([8]);
    expect(ours!.id).toBe('ours');
    expect(floor!.target).toBe('floor');
  });

  it('still measures the others when one cannot connect, reporting its loads as failed', async () => {
    const log: string[] = [];
    const loads: LoadPlan[] = [{ concurrency: 1, calls: 3 }];
    const broken: ScenarioSpec = { ...loggedSpec('floor', loads, log, { load: '' }), open: () => Promise.reject(new Error('connection refused')) };
    const notes: string[] = [];

    const [ours, floor] = await runScenariosTogether([loggedSpec('ours', loads, log, { load: 'seq' }), broken], { warmupSeconds: 0, slices: 4 }, quietProgress, notes);

    expect(log).toEqual(['ours:seq', 'ours:seq', 'ours:seq']);
    expect(ours!.runs[0]).toMatchObject({ calls: 3, errors: 0 });
    expect(floor!.runs[0]).toMatchObject({ errors: 1, firstError: 'connection refused' });
    expect(notes.join('\n')).toContain('floor failed: connection refused');
  });

  it('refuses scenarios whose loads differ', async () => {
    const log: string[] = [];
    const specs = [loggedSpec('ours', [{ concurrency: 1, calls: 3 }], log, { load: '' }), loggedSpec('floor', [{ concurrency: 8, seconds: 1 }], log, { load: '' })];
    await expect(runScenariosTogether(specs, { warmupSeconds: 0, slices: 2 }, quietProgress, [])).rejects.toThrow(/same loads/);
  });
});
