import { describe, expect, it } from 'vitest';
import { equationOf } from './linear-equation';

describe('equationOf', () => {
  it('writes a negative term with a minus, not "+ -"', () => {
    expect(equationOf({ coefficients: [2.625, -2.125], intercept: 1 }, ['x1', 'x2', 'y'])).toBe('2.625·x1 − 2.125·x2 + 1');
  });

  it('handles a negative first term and intercept, and unnamed columns', () => {
    expect(equationOf({ coefficients: [-3, 0.5], intercept: -0.25 }, [])).toBe('−3·x1 + 0.5·x2 − 0.25');
  });
});
