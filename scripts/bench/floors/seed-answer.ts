import { seedFormula } from '../seed-formula';

/** How a floor computes the seed's prediction. */
export type SeedAnswer = (feature1: number, feature2: number) => number | Promise<number>;

/** The floor as the issue defines it: the seed's formula inline, no model. */
export const inlineFormula: SeedAnswer = seedFormula;

/**
 * Hands a prediction to `use` at once when it is a number, so the inline floors stay as synchronous as their library's
 * own examples; once it has settled when it is a promise.
 */
export function whenAnswered<T>(prediction: number | Promise<number>, use: (value: number) => T): T | Promise<T> {
  return typeof prediction === 'number' ? use(prediction) : prediction.then(use);
}

/** The rows' predictions, as they are when every one is a number (awaiting that array costs one turn, as before). */
export function allAnswered(predictions: Array<number | Promise<number>>): number[] | Promise<number[]> {
  return predictions.every((prediction) => typeof prediction === 'number') ? (predictions as number[]) : Promise.all(predictions);
}
