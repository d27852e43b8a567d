import type { MessageInitShape } from '@bufbuild/protobuf';
import type { InputKind, ModelDescriptor, ModelKind, ModelStatus, PredictionInput, PredictionResult, SentimentLabel, SentimentStreamUpdate, TrainRequest, TrainResult } from '../contract';
import {
  InputKind as ProtoInputKind,
  ModelKind as ProtoModelKind,
  ModelStatus as ProtoModelStatus,
  SentimentLabel as ProtoSentimentLabel,
  type ModelDescriptor as ProtoModelDescriptor,
  type PredictRequestSchema,
  type PredictResponse,
  type Sentiment,
  type SentimentUpdate,
  type TrainRequestSchema,
  type TrainResponse,
} from '../gen/modelwire/v1/inference_pb';

// The browser's translation between the contract's types and the generated protobuf messages (the server's is in
// server/protocols/grpc/codec.ts; lib/ cannot import server/).

const MODEL_KINDS: Record<ProtoModelKind, ModelKind | undefined> = {
  [ProtoModelKind.UNSPECIFIED]: undefined,
  [ProtoModelKind.IMAGE_CLASSIFICATION]: 'image-classification',
  [ProtoModelKind.TEXT_SENTIMENT]: 'text-sentiment',
  [ProtoModelKind.LINEAR_REGRESSION]: 'linear-regression',
};
const INPUT_KINDS: Record<ProtoInputKind, InputKind | undefined> = {
  [ProtoInputKind.UNSPECIFIED]: undefined,
  [ProtoInputKind.IMAGE]: 'image',
  [ProtoInputKind.TEXT]: 'text',
  [ProtoInputKind.FEATURES]: 'features',
};
const SENTIMENT_LABELS: Record<ProtoSentimentLabel, SentimentLabel | undefined> = {
  [ProtoSentimentLabel.UNSPECIFIED]: undefined,
  [ProtoSentimentLabel.POSITIVE]: 'positive',
  [ProtoSentimentLabel.NEUTRAL]: 'neutral',
  [ProtoSentimentLabel.NEGATIVE]: 'negative',
};

function known<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`the server sent an unspecified ${what}`);
  return value;
}

const rowsMessage = (rows: number[][]) => rows.map((values) => ({ values }));

export function predictRequestMessage(model: string, input: PredictionInput, topK: number | undefined): MessageInitShape<typeof PredictRequestSchema> {
  const options = topK === undefined ? {} : { topK };
  switch (input.kind) {
    case 'text':
      return { model, input: { case: 'text', value: input.text }, ...options };
    case 'features':
      return { model, input: { case: 'features', value: { rows: rowsMessage(input.rows) } }, ...options };
    case 'image':
      return { model, input: { case: 'image', value: input.image }, ...options };
  }
}

export const trainRequestMessage = (model: string, { X, y, ridge }: TrainRequest): MessageInitShape<typeof TrainRequestSchema> => ({
  model,
  rows: rowsMessage(X),
  targets: y,
  ...(ridge === undefined ? {} : { ridge }),
});

const sentimentOf = ({ label, score, probability }: Sentiment) => ({ kind: 'sentiment' as const, label: known(SENTIMENT_LABELS[label], 'sentiment label'), score, probability });

const timingOf = (timing: { serverMs: number; inferenceMs: number; preprocessMs: number } | undefined) => ({
  serverMs: timing?.serverMs ?? 0,
  inferenceMs: timing?.inferenceMs ?? 0,
  preprocessMs: timing?.preprocessMs ?? 0,
});
const modelRefOf = (model: { name: string; version: number } | undefined) => ({ name: model?.name ?? '', version: model?.version ?? 0 });

export function predictionResultOf({ model, output, timing, cached }: PredictResponse): PredictionResult {
  const result = { model: modelRefOf(model), timing: timingOf(timing), cached };
  switch (output.case) {
    case 'classification':
      return { ...result, output: { kind: 'classification', labels: output.value.labels.map(({ label, classIndex, probability }) => ({ label, classIndex, probability })) } };
    case 'sentiment':
      return { ...result, output: sentimentOf(output.value) };
    case 'regression':
      return { ...result, output: { kind: 'regression', values: output.value.values } };
    case undefined:
      throw new Error('the server sent a PredictResponse without output');
  }
}

export const trainResultOf = (response: TrainResponse): TrainResult => ({
  model: modelRefOf(response.model),
  coefficients: response.coefficients,
  intercept: response.intercept,
  r2: response.r2,
  samples: response.samples,
  featureCount: response.featureCount,
  timing: { serverMs: response.timing?.serverMs ?? 0, trainingMs: response.timing?.trainingMs ?? 0 },
});

export function modelDescriptorOf(model: ProtoModelDescriptor): ModelDescriptor {
  const status: ModelStatus = model.status === ProtoModelStatus.READY ? 'ready' : 'not_installed';
  return {
    name: model.name,
    kind: known(MODEL_KINDS[model.kind], 'model kind'),
    input: known(INPUT_KINDS[model.input], 'input kind'),
    description: model.description,
    status,
    version: model.version ?? null,
    versions: model.versions,
    trainable: model.trainable,
    ...(model.installCommand === undefined ? {} : { installCommand: model.installCommand }),
    ...(model.featureCount === undefined ? {} : { featureCount: model.featureCount }),
    ...(model.classCount === undefined ? {} : { classCount: model.classCount }),
    ...(model.sha256 === undefined ? {} : { sha256: model.sha256 }),
  };
}

export const streamUpdateOf = ({ seq, text, skipped, model, sentiment, timing }: SentimentUpdate): SentimentStreamUpdate => ({
  seq,
  text,
  skipped,
  model: modelRefOf(model),
  output: sentimentOf(known(sentiment, 'sentiment')),
  timing: timingOf(timing),
});
