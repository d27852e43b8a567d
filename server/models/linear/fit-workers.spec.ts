import { afterAll, describe, expect, it } from 'vitest';
import { ModelWireError } from '../../../lib/model-wire-error';
import { createFitWorkers } from './fit-workers';
import type { TrainingSet } from './least-squares';

const set = (X: number[][], y: number[]): TrainingSet => ({
  x: Float64Array.from(X.flat()),
  y: Float64Array.from(y),
  rows: X.length,
  width: X[0]!.length,
  ridge: 0,
});

describe('fit workers (the TypeScript worker loaded under vitest)', () => {
  const workers = createFitWorkers({ idleMs: 1_000 });
  afterAll(() => workers.close());

  it('fits on a worker thread, reusing it for the next fit', async () => {
    const first = await workers.fit(set([[0], [1], [2]], [1, 3, 5]));
    expect(first.coefficients[0]).toBeCloseTo(2, 9);
    expect(first.intercept).toBeCloseTo(1, 9);
    const second = await workers.fit(set([[0], [1], [2]], [0, -1, -2]));
    expect(second.coefficients[0]).toBeCloseTo(-1, 9);
  });

  it('passes invalid_input back from the thread', async () => {
    const refused = await workers.fit(set([[1], [1], [1]], [1, 2, 3])).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ModelWireError);
    expect((refused as ModelWireError).code).toBe('invalid_input');
  });

  it('leaves the event loop free while it fits', async () => {
    let seed = 1;
    const random = () => ((seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647) - 0.5;
    const rows = Array.from({ length: 2_000 }, () => Array.from({ length: 200 }, random));
    let ticks = 0;
    const ticking = setInterval(() => ticks++, 1);
    const fit = await workers.fit(set(rows, rows.map((row) => row[0]! + 1)));
    clearInterval(ticking);
    expect(fit.coefficients[0]).toBeCloseTo(1, 6);
    expect(ticks).toBeGreaterThan(0);
  });

  it('runs fits side by side', async () => {
    const fits = await Promise.all([1, 2, 3].map((slope) => workers.fit(set([[0], [1]], [0, slope]))));
    expect(fits.map((fit) => Math.round(fit.coefficients[0]!))).toEqual([1, 2, 3]);
  });
});
