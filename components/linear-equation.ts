import type { TrainResult } from '../lib/contract';
import { sixDigits } from './units';

/** "y = 2.625·x1 − 2.125·x2 + 1": each term's sign written as the operator before it. */
export function equationOf({ coefficients, intercept }: Pick<TrainResult, 'coefficients' | 'intercept'>, columns: string[]): string {
  const terms = [...coefficients.map((coefficient, i) => ({ value: sixDigits(coefficient), name: `·${columns[i] ?? `x${i + 1}`}` })), { value: sixDigits(intercept), name: '' }];
  return terms
    .map(({ value, name }, i) => {
      const magnitude = `${Math.abs(value)}${name}`;
      if (i === 0) return value < 0 ? `−${magnitude}` : magnitude;
      return `${value < 0 ? '−' : '+'} ${magnitude}`;
    })
    .join(' ');
}
