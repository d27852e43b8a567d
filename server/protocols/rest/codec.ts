import type {} from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { PredictionInput, PredictOptions } from '../../../lib/contract';
import { ModelWireError, invalidInput } from '../../../lib/model-wire-error';

/** The JSON body of POST /v1/models/{name}/predict. Exactly one of text, features, image. */
export interface PredictBody {
  text?: unknown;
  features?: unknown;
  image?: unknown;
  topK?: unknown;
  version?: unknown;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export function decodeBase64Image(value: string): Uint8Array {
  const payload = value.replace(/^data:[^;,]*;base64,/, '').replace(/\s+/g, '');
  if (!BASE64.test(payload) || payload.length % 4 === 1) throw invalidInput('image must be base64 (optionally a data: URL).');
  return new Uint8Array(Buffer.from(payload, 'base64'));
}

function optionalInteger(value: unknown, field: string): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const number = typeof value === 'string' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number)) throw invalidInput(`${field} must be an integer.`);
  return number;
}

export function predictOptionsOf(source: { topK?: unknown; version?: unknown }, receivedAt: number): PredictOptions {
  return { topK: optionalInteger(source.topK, 'topK'), version: optionalInteger(source.version, 'version'), receivedAt };
}

/** Features may be one row ([1, 2]) or many ([[1, 2], [3, 4]]). */
export const asRows = (features: unknown): number[][] =>
  (Array.isArray(features) && features.length > 0 && !Array.isArray(features[0]) ? [features] : features) as number[][];

export function predictionInputOfJson(body: PredictBody): PredictionInput {
  const given = (['text', 'features', 'image'] as const).filter((field) => body[field] !== undefined);
  if (given.length !== 1) {
    throw invalidInput('Send exactly one input: "text" (string), "features" (array of numbers or rows) or "image" (base64).', {
      received: given,
    });
  }
  if (body.text !== undefined) {
    if (typeof body.text !== 'string') throw invalidInput('text must be a string.');
    return { kind: 'text', text: body.text };
  }
  if (body.image !== undefined) {
    if (typeof body.image !== 'string') throw invalidInput('image must be a base64 string.');
    return { kind: 'image', image: decodeBase64Image(body.image) };
  }
  return { kind: 'features', rows: asRows(body.features) };
}

/** Reads a multipart body: the image from the file field `image`, other fields as text. */
export async function readMultipart(request: FastifyRequest): Promise<{ image: Uint8Array; fields: Record<string, string> }> {
  let image: Uint8Array | undefined;
  const fields: Record<string, string> = {};
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      const bytes = await part.toBuffer();
      if (part.fieldname === 'image') image = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    } else {
      fields[part.fieldname] = String(part.value);
    }
  }
  if (!image) throw invalidInput('The multipart body has no file field named "image".');
  return { image, fields };
}

export const isMultipart = (request: FastifyRequest) => request.isMultipart();

export const requireObjectBody = (body: unknown): Record<string, unknown> => {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new ModelWireError('invalid_input', 'The body must be a JSON object.');
  return body as Record<string, unknown>;
};
