import type { PredictionInput, PredictionOutput } from '../../../lib/contract';
import type { Answer } from './lane';

/** The contract's output (REST, WebSocket, MQTT and the in-process model all return it) reduced to its answer. */
export function answerOfOutput(output: PredictionOutput): Answer {
  switch (output.kind) {
    case 'sentiment':
      return output.label;
    case 'regression':
      return firstOf(output.values, 'regression value');
    case 'classification':
      return firstOf(output.labels, 'label').label;
  }
}

export function firstOf<T>(values: readonly T[] | undefined, what: string): T {
  const first = values?.[0];
  if (first === undefined) throw new Error(`the answer holds no ${what}`);
  return first;
}

/** Throws with the body's start when a reply is not what a successful call returns. */
export function unexpected(what: string, body: unknown): never {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  throw new Error(`unexpected ${what}: ${text.slice(0, 300)}`);
}

/**
 * `encode` run once per model and input (the workloads send the same input objects again and again): the bench
 * measures the servers, not its one client encoding a fixed request anew for every call.
 */
export function encodedOnce<T>(encode: (model: string, input: PredictionInput) => T): (model: string, input: PredictionInput) => T {
  const cache = new WeakMap<PredictionInput, { model: string; encoded: T }>();
  return (model, input) => {
    let entry = cache.get(input);
    if (entry?.model !== model) cache.set(input, (entry = { model, encoded: encode(model, input) }));
    return entry.encoded;
  };
}

/** The same for the seed call, whose two features stay the same call after call. */
export function seedEncodedOnce<T>(encode: (feature1: number, feature2: number) => T): (feature1: number, feature2: number) => T {
  let last: { feature1: number; feature2: number; encoded: T } | undefined;
  return (feature1, feature2) => {
    if (last?.feature1 !== feature1 || last.feature2 !== feature2) last = { feature1, feature2, encoded: encode(feature1, feature2) };
    return last.encoded;
  };
}

/** Base64 of an image, for the encoders above. */
export const base64Of = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
