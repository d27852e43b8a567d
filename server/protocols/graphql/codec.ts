import type { ErrorCode, InputKind, ModelKind, ModelStatus, PredictionInput, PredictionOutput, SentimentLabel, SentimentStreamUpdate } from '../../../lib/contract';
import { invalidInput } from '../../../lib/model-wire-error';
import type { StreamSessionEvent } from '../../core/stream-sessions';
import { asRows, decodeBase64Image, predictionInputOf } from '../shared/prediction-input';

/** The PredictionInput input object as graphql-js hands it to a resolver (@oneOf: exactly one field set). */
export interface GraphQLPredictionInput {
  text?: string | null;
  features?: number[] | null;
  rows?: number[][] | null;
  image?: string | null;
  upload?: File | null;
}

/** The core's typed input from the GraphQL input object; an uploaded file is read into memory here. */
export async function predictionInputOfGraphQL(input: GraphQLPredictionInput): Promise<PredictionInput> {
  if (input.upload) return { kind: 'image', image: new Uint8Array(await input.upload.arrayBuffer()) };
  return predictionInputOf({ text: input.text, features: input.rows ?? input.features, image: input.image });
}

function parseFeatures(inputData: string): number[][] {
  try {
    return asRows(JSON.parse(inputData));
  } catch {
    throw invalidInput('For a linear model, inputData must be a JSON array of numbers (one row) or of rows, e.g. "[1.0, 2.0]".');
  }
}

/** The seed's createPrediction inputData string, read according to what the model takes. */
export function predictionInputOfSeedString(kind: InputKind, inputData: string): PredictionInput {
  switch (kind) {
    case 'text':
      return { kind: 'text', text: inputData };
    case 'features':
      return { kind: 'features', rows: parseFeatures(inputData) };
    case 'image':
      return { kind: 'image', image: decodeBase64Image(inputData) };
  }
}

// GraphQL enum names ↔ the contract's values, so resolvers pass contract objects through untouched.
const enumValues = {
  ModelKind: { IMAGE_CLASSIFICATION: 'image-classification', TEXT_SENTIMENT: 'text-sentiment', LINEAR_REGRESSION: 'linear-regression' },
  InputKind: { IMAGE: 'image', TEXT: 'text', FEATURES: 'features' },
  ModelStatus: { READY: 'ready', NOT_INSTALLED: 'not_installed' },
  SentimentLabel: { POSITIVE: 'positive', NEUTRAL: 'neutral', NEGATIVE: 'negative' },
} satisfies {
  ModelKind: Record<string, ModelKind>;
  InputKind: Record<string, InputKind>;
  ModelStatus: Record<string, ModelStatus>;
  SentimentLabel: Record<string, SentimentLabel>;
};

const outputTypeName = {
  classification: 'ClassificationOutput',
  sentiment: 'SentimentOutput',
  regression: 'RegressionOutput',
} as const satisfies Record<PredictionOutput['kind'], string>;

/** One event of a sentimentStream subscription, shaped as its GraphQL type reads it. */
export type SentimentStreamEvent =
  | { kind: 'opened'; session: string }
  | ({ kind: 'update'; sentiment: SentimentStreamUpdate['output'] } & SentimentStreamUpdate)
  | { kind: 'error'; seq: number; code: ErrorCode; message: string };

export function sentimentStreamEventOf(event: StreamSessionEvent): SentimentStreamEvent {
  switch (event.kind) {
    case 'opened':
      return { kind: 'opened', session: String(event.id) };
    case 'update':
      return { kind: 'update', ...event.update, sentiment: event.update.output };
    case 'error':
      return { kind: 'error', seq: event.seq, code: event.error.code, message: event.error.message };
  }
}

const streamEventTypeName = {
  opened: 'SentimentStreamOpened',
  update: 'SentimentUpdate',
  error: 'SentimentStreamError',
} as const satisfies Record<SentimentStreamEvent['kind'], string>;

/** Resolvers of the schema's enums and of its unions. */
export const typeResolvers = {
  ...enumValues,
  PredictionOutput: { __resolveType: (output: PredictionOutput) => outputTypeName[output.kind] },
  SentimentStreamEvent: { __resolveType: (event: SentimentStreamEvent) => streamEventTypeName[event.kind] },
};
