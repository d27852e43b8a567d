import type { ModelDescriptor, PredictionInput, PredictionResult, PredictOptions, SentimentStreamUpdate, TrainRequest, TrainResult } from '../../../lib/contract';
import { ModelWireError, invalidInput } from '../../../lib/model-wire-error';
import type { Scope } from '../../core/auth/principal';
import { assertJsonWithinBudget } from '../shared/json-budget';
import { predictionInputOf, predictOptionsOf } from '../shared/prediction-input';
import { splitBinaryFrame } from '../../../lib/websocket-binary-frame';

// The JSON messages of /ws. Requests: {"id", "type", ...}; replies echo the id. The seed deck's bare messages
// ({"feature1","feature2"} and {"text"}) have neither id nor type and are recognised by their shape; {"type": "auth",
// "token"} may leave out its id.

export type RequestId = string | number;

export const REQUEST_TYPES = ['predict', 'train', 'listModels', 'stream', 'stopStream'] as const;

export type WsRequest =
  | { type: 'predict'; model: string; input: PredictionInput; options: PredictOptions }
  | { type: 'train'; model: string; training: TrainRequest }
  | { type: 'listModels' }
  | { type: 'stream'; text: string; seq?: number; model?: string }
  | { type: 'stopStream' };

export type ClientMessage =
  | { kind: 'request'; id: RequestId; request: WsRequest }
  | { kind: 'seedFeatures'; feature1: unknown; feature2: unknown }
  | { kind: 'seedText'; text: unknown }
  | { kind: 'auth'; id?: RequestId; token: string }
  | { kind: 'unreadable'; id?: RequestId; error: ModelWireError };

export type ServerMessage =
  | ({ id: RequestId; type: 'result' } & (PredictionResult | TrainResult | { models: ModelDescriptor[] }))
  | ({ id: RequestId; type: 'update' } & SentimentStreamUpdate)
  | { id: RequestId; type: 'stopped'; reason?: 'idle' | 'shutdown' }
  | { id?: RequestId; type: 'authenticated'; user: string; scopes: readonly Scope[]; expiresAt?: number };

type Fields = Record<string, unknown>;

const isObject = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value);
const unreadable = (error: unknown, id?: RequestId): ClientMessage => ({ kind: 'unreadable', id, error: ModelWireError.from(error) });

function idOf(value: unknown): RequestId | undefined {
  if (typeof value === 'string' && value.length > 0 && value.length <= 128) return value;
  return Number.isSafeInteger(value) ? (value as number) : undefined;
}

const badId = () => invalidInput('"id" must be a non-empty string (at most 128 characters) or an integer.');

function modelOf(fields: Fields): string {
  // The core checks the name itself, with the same message on every protocol.
  if (typeof fields.model !== 'string') throw invalidInput('"model" must be a string: a model name, e.g. "sentiment".');
  return fields.model;
}

function optionalSeq(value: unknown): number | undefined {
  if (value !== undefined && !Number.isSafeInteger(value)) throw invalidInput('"seq" must be an integer.');
  return value as number | undefined;
}

function inputOf(value: unknown): PredictionInput {
  if (!isObject(value)) throw invalidInput('"input" must be an object: {"text": ".."}, {"features": [[..]]} or {"image": "<base64>"}.');
  return predictionInputOf(value);
}

function requestOf(fields: Fields, receivedAt: number): WsRequest {
  switch (fields.type) {
    case 'predict':
      return { type: 'predict', model: modelOf(fields), input: inputOf(fields.input), options: predictOptionsOf(fields, receivedAt) };
    case 'train':
      return { type: 'train', model: modelOf(fields), training: { X: fields.X, y: fields.y, ridge: fields.ridge } as TrainRequest };
    case 'listModels':
      return { type: 'listModels' };
    case 'stream':
      if (typeof fields.text !== 'string') throw invalidInput('"text" must be a string.');
      return { type: 'stream', text: fields.text, seq: optionalSeq(fields.seq), model: fields.model === undefined ? undefined : modelOf(fields) };
    case 'stopStream':
      return { type: 'stopStream' };
    default:
      throw invalidInput(`Unknown "type" ${JSON.stringify(fields.type) ?? 'undefined'}; send one of ${REQUEST_TYPES.join(', ')}.`, { types: REQUEST_TYPES });
  }
}

function seedMessageOf(fields: Fields): ClientMessage {
  if ('feature1' in fields || 'feature2' in fields) return { kind: 'seedFeatures', feature1: fields.feature1, feature2: fields.feature2 };
  if ('text' in fields) return { kind: 'seedText', text: fields.text };
  return unreadable(invalidInput('A message needs "id" and "type" (or is one of the seed\'s {"feature1", "feature2"} or {"text"}).'));
}

/** {"type": "auth", "token": "<access token>"}, with an optional id for its reply. */
function authMessageOf(fields: Fields): ClientMessage {
  const id = idOf(fields.id);
  if (fields.id !== undefined && id === undefined) return unreadable(badId());
  if (typeof fields.token !== 'string' || fields.token === '') return unreadable(invalidInput('"token" must be an access token from POST /v1/auth/token.'), id);
  return { kind: 'auth', id, token: fields.token };
}

export function decodeTextFrame(text: string, receivedAt: number): ClientMessage {
  let fields: unknown;
  try {
    assertJsonWithinBudget(text);
  } catch (error) {
    return unreadable(error);
  }
  try {
    fields = JSON.parse(text);
  } catch {
    return unreadable(invalidInput('The message is not valid JSON.'));
  }
  if (!isObject(fields)) return unreadable(invalidInput('A message must be a JSON object.'));
  if (fields.type === 'auth') return authMessageOf(fields);
  if (fields.id === undefined && fields.type === undefined) return seedMessageOf(fields);
  const id = idOf(fields.id);
  if (id === undefined) return unreadable(badId());
  try {
    return { kind: 'request', id, request: requestOf(fields, receivedAt) };
  } catch (error) {
    return unreadable(error, id);
  }
}

/** A binary frame is a predict request whose input is the image bytes after the JSON header (see lib/websocket-binary-frame.ts). */
export function decodeBinaryFrame(frame: Uint8Array, receivedAt: number): ClientMessage {
  let header: unknown;
  let image: Uint8Array;
  try {
    ({ header, payload: image } = splitBinaryFrame(frame));
  } catch (error) {
    return unreadable(error);
  }
  const id = isObject(header) ? idOf(header.id) : undefined;
  if (!isObject(header) || id === undefined) return unreadable(invalidInput('The binary frame\'s header must be a JSON object with an "id".'));
  if (header.type !== 'predict') return unreadable(invalidInput('A binary frame carries a predict request: its header\'s "type" must be "predict".'), id);
  if (header.input !== undefined) return unreadable(invalidInput('A binary frame\'s image is its input: leave "input" out of the header.'), id);
  if (image.byteLength === 0) return unreadable(invalidInput('The binary frame has no image bytes after its header.'), id);
  try {
    return { kind: 'request', id, request: { type: 'predict', model: modelOf(header), input: { kind: 'image', image }, options: predictOptionsOf(header, receivedAt) } };
  } catch (error) {
    return unreadable(error, id);
  }
}
