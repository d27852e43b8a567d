import type { PredictionInput, PredictOptions } from '../../../lib/contract';
import { invalidInput } from '../../../lib/model-wire-error';

/** The loosely typed input fields every text-based protocol (JSON, GraphQL, XML) carries. */
export interface LooseInputFields {
  text?: unknown;
  features?: unknown;
  /** base64 bytes or a data: URL. */
  image?: unknown;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export function decodeBase64Image(value: string): Uint8Array {
  const payload = value.replace(/^data:[^;,]*;base64,/, '').replace(/\s+/g, '');
  if (!BASE64.test(payload) || payload.length % 4 === 1) throw invalidInput('image must be base64 (optionally a data: URL).');
  return new Uint8Array(Buffer.from(payload, 'base64'));
}

/** Features may be one row ([1, 2]) or many ([[1, 2], [3, 4]]); the model validates the numbers. */
export const asRows = (features: unknown): number[][] =>
  (Array.isArray(features) && features.length > 0 && !Array.isArray(features[0]) ? [features] : features) as number[][];

/** Exactly one of text, features or image, as the core's typed input. */
export function predictionInputOf(fields: LooseInputFields): PredictionInput {
  const given = (['text', 'features', 'image'] as const).filter((field) => fields[field] !== undefined && fields[field] !== null);
  if (given.length !== 1) {
    throw invalidInput('Send exactly one input: "text" (string), "features" (array of numbers or rows) or "image" (base64).', {
      received: given,
    });
  }
  if (given[0] === 'text') {
    if (typeof fields.text !== 'string') throw invalidInput('text must be a string.');
    return { kind: 'text', text: fields.text };
  }
  if (given[0] === 'image') {
    if (typeof fields.image !== 'string') throw invalidInput('image must be a base64 string.');
    return { kind: 'image', image: decodeBase64Image(fields.image) };
  }
  return { kind: 'features', rows: asRows(fields.features) };
}

function optionalInteger(value: unknown, field: string): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const number = typeof value === 'string' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number)) throw invalidInput(`${field} must be an integer.`);
  return number;
}

/** topK and version, as numbers or as the strings that multipart fields and XML carry. */
export function predictOptionsOf(source: { topK?: unknown; version?: unknown }, receivedAt: number): PredictOptions {
  return { topK: optionalInteger(source.topK, 'topK'), version: optionalInteger(source.version, 'version'), receivedAt };
}
