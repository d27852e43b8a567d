import { describe, expect, it } from 'vitest';
import type { TrainRequest } from '../../../lib/contract';
import { ModelWireError } from '../../../lib/model-wire-error';
import { MAX_FEATURES, MAX_TRAINING_VALUES, readFeatureRows, readTrainingSet } from './validate-training-data';

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    return error instanceof ModelWireError ? error.code : 'not a ModelWireError';
  }
}

/** [[[ … ]]] nested `depth` levels deep, built without recursion (as JSON.parse would build it). */
function nested(depth: number): unknown {
  let value: unknown = [];
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

const train = (request: Partial<TrainRequest>) => () => readTrainingSet(request as TrainRequest);

describe('reading training data', () => {
  it('packs X row-major and y into float64', () => {
    const set = readTrainingSet({ X: [[1, 2], [3, 4]], y: [5, 6], ridge: 0.5 });
    expect(set).toMatchObject({ rows: 2, width: 2, ridge: 0.5 });
    expect(Array.from(set.x)).toEqual([1, 2, 3, 4]);
    expect(Array.from(set.y)).toEqual([5, 6]);
  });

  it('refuses 100k levels of nesting in X, y or features with invalid_input, not a stack overflow', () => {
    const deep = nested(100_000);
    expect(codeOf(train({ X: deep as number[][], y: [1] }))).toBe('invalid_input');
    expect(codeOf(train({ X: [deep] as unknown as number[][], y: [1] }))).toBe('invalid_input');
    expect(codeOf(train({ X: [[1]], y: deep as number[] }))).toBe('invalid_input');
    expect(codeOf(() => readFeatureRows([[1, deep]], 'features'))).toBe('invalid_input');
  });

  it.each([
    ['X not an array', { X: 3, y: [1] }],
    ['X empty', { X: [], y: [] }],
    ['a row empty', { X: [[]], y: [1] }],
    ['ragged rows', { X: [[1, 2], [3]], y: [1, 2] }],
    ['a string feature', { X: [['1']], y: [1] }],
    ['a null feature', { X: [[null]], y: [1] }],
    ['y too short', { X: [[1], [2]], y: [1] }],
    ['y not numbers', { X: [[1]], y: ['a'] }],
    ['negative ridge', { X: [[1]], y: [1], ridge: -1 }],
    ['a feature beyond float32', { X: [[1e308]], y: [1] }],
    ['a target beyond float32', { X: [[1], [2], [3]], y: [1e200, -1e200, 5e199] }],
  ])('refuses %s with invalid_input', (_, request) => {
    expect(codeOf(train(request as Partial<TrainRequest>))).toBe('invalid_input');
  });

  it(`refuses more than ${MAX_FEATURES} features or ${MAX_TRAINING_VALUES} values before reading them`, () => {
    expect(codeOf(() => readFeatureRows([new Array(MAX_FEATURES + 1).fill(0)]))).toBe('invalid_input');
    const rows = new Array(MAX_TRAINING_VALUES / 2 + 1).fill([0, 0]);
    expect(codeOf(() => readFeatureRows(rows))).toBe('invalid_input');
  });

  it('names the offending value without serialising it', () => {
    expect(() => readFeatureRows([[1], [nested(50_000)]])).toThrow('X[1][0] must be a finite number, got an array.');
    expect(() => readFeatureRows([[1e308]], 'features')).toThrow(/features\[0\]\[0\] is 1e\+308, beyond ±3.4e38/);
    expect(() => readTrainingSet({ X: [[1], [2]], y: [1, 'two'] } as unknown as TrainRequest)).toThrow('y[1] must be a finite number, got a string.');
  });
});
