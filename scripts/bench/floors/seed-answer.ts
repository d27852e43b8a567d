import { seedFormula } from '../seed-formula';

/** How a floor computes the seed's prediction. */
export type SeedAnswer = (feature1: number, feature2: number) => number | Promise<number>;

/** The floor as the issue defines it: the seed's formula inline, no model. */
export const inlineFormula: SeedAnswer = seedFormula;

// The inline floors must stay as synchronous as their library's own examples: a prediction that is already a value is
// used at once, and only a promise (a floor that runs the model) is waited for.

/** `use` of the prediction, for a library that takes a handler's result: at once for a value, as a promise otherwise. */
export function whenAnswered<V, T>(prediction: V | Promise<V>, use: (value: V) => T): T | Promise<T> {
  return prediction instanceof Promise ? prediction.then(use) : use(prediction);
}

/** For a library that answers through a callback or a send: `send` gets the prediction, `fail` a failed run's error. */
export function deliverAnswer(prediction: number | Promise<number>, send: (value: number) => void, fail: (error: Error) => void): void {
  if (prediction instanceof Promise) prediction.then(send).catch(fail);
  else send(prediction);
}

/** The rows' predictions: an array at once when every one is a value, a promise of it otherwise. */
export function allAnswered(predictions: Array<number | Promise<number>>): number[] | Promise<number[]> {
  return predictions.some((prediction) => prediction instanceof Promise) ? Promise.all(predictions) : (predictions as number[]);
}
