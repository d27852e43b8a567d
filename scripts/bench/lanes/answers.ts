import type { PredictionOutput } from '../../../lib/contract';
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

const base64Cache = new WeakMap<Uint8Array, string>();

/** Base64 of an image, computed once per photo: the bench measures the servers, not repeated client-side encoding. */
export function base64Of(bytes: Uint8Array): string {
  let encoded = base64Cache.get(bytes);
  if (encoded === undefined) {
    encoded = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
    base64Cache.set(bytes, encoded);
  }
  return encoded;
}
