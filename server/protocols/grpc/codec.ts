import type { MessageInitShape } from '@bufbuild/protobuf';
import type {
  InputKind,
  ModelDescriptor,
  ModelKind,
  ModelStatus,
  PredictionInput,
  PredictionOutput,
  PredictionResult,
  SentimentLabel,
  TrainRequest,
  TrainResult,
} from '../../../lib/contract';
import {
  ClassifyImageResponseSchema,
  InputKind as ProtoInputKind,
  ModelDescriptorSchema,
  ModelKind as ProtoModelKind,
  ModelStatus as ProtoModelStatus,
  PredictResponseSchema,
  SentimentLabel as ProtoSentimentLabel,
  TrainResponseSchema,
  type FeatureRow,
  type PredictRequest,
  type TrainRequest as ProtoTrainRequest,
} from '../../../lib/gen/modelwire/v1/inference_pb';
import { invalidInput } from '../../../lib/model-wire-error';
import type { StreamSessionEvent } from '../../core/stream-sessions';
import { outputOf } from '../shared/prediction-output';

// Translation between the contract's types and the generated protobuf messages; no logic beyond that.

const MODEL_KINDS: Record<ModelKind, ProtoModelKind> = {
  'image-classification': ProtoModelKind.IMAGE_CLASSIFICATION,
  'text-sentiment': ProtoModelKind.TEXT_SENTIMENT,
  'linear-regression': ProtoModelKind.LINEAR_REGRESSION,
};
const INPUT_KINDS: Record<InputKind, ProtoInputKind> = { image: ProtoInputKind.IMAGE, text: ProtoInputKind.TEXT, features: ProtoInputKind.FEATURES };
const MODEL_STATUSES: Record<ModelStatus, ProtoModelStatus> = { ready: ProtoModelStatus.READY, not_installed: ProtoModelStatus.NOT_INSTALLED };
const SENTIMENT_LABELS: Record<SentimentLabel, ProtoSentimentLabel> = {
  positive: ProtoSentimentLabel.POSITIVE,
  neutral: ProtoSentimentLabel.NEUTRAL,
  negative: ProtoSentimentLabel.NEGATIVE,
};

const rowsOf = (rows: FeatureRow[]) => rows.map((row) => row.values);

/** The oneof input of PredictRequest as the core's typed input. */
export function predictionInputOf(input: PredictRequest['input']): PredictionInput {
  switch (input.case) {
    case 'text':
      return { kind: 'text', text: input.value };
    case 'features':
      return { kind: 'features', rows: rowsOf(input.value.rows) };
    case 'image':
      return { kind: 'image', image: input.value };
    case undefined:
      throw invalidInput('Set exactly one input: "text", "features" (rows of numbers) or "image" (bytes).');
  }
}

export const trainRequestOf = (request: ProtoTrainRequest): TrainRequest => ({ X: rowsOf(request.rows), y: request.targets, ridge: request.ridge });

export function modelDescriptorMessage(model: ModelDescriptor): MessageInitShape<typeof ModelDescriptorSchema> {
  return {
    ...model,
    kind: MODEL_KINDS[model.kind],
    input: INPUT_KINDS[model.input],
    status: MODEL_STATUSES[model.status],
    version: model.version ?? undefined,
  };
}

const sentimentMessage = ({ label, score, probability }: Extract<PredictionOutput, { kind: 'sentiment' }>) => ({ label: SENTIMENT_LABELS[label], score, probability });

export function predictResponseMessage({ model, output, timing, cached }: PredictionResult): MessageInitShape<typeof PredictResponseSchema> {
  switch (output.kind) {
    case 'classification':
      return { model, timing, cached, output: { case: 'classification', value: { labels: output.labels } } };
    case 'sentiment':
      return { model, timing, cached, output: { case: 'sentiment', value: sentimentMessage(output) } };
    case 'regression':
      return { model, timing, cached, output: { case: 'regression', value: { values: output.values } } };
  }
}

export function classifyImageResponseMessage(result: PredictionResult): MessageInitShape<typeof ClassifyImageResponseSchema> {
  const { model, timing, cached } = result;
  return { model, timing, cached, labels: outputOf(result, 'classification').labels };
}

export const trainResponseMessage = (result: TrainResult): MessageInitShape<typeof TrainResponseSchema> => result;

/** An update or error of a live stream as the `event` oneof that StreamSentimentResponse and WatchSentimentResponse share. */
export function liveEventMessage(event: Exclude<StreamSessionEvent, { kind: 'opened' }>) {
  switch (event.kind) {
    case 'update': {
      const { output, ...update } = event.update;
      return { event: { case: 'update' as const, value: { ...update, sentiment: sentimentMessage(output) } } };
    }
    case 'error':
      return { event: { case: 'error' as const, value: { seq: event.seq, code: event.error.code, message: event.error.message } } };
  }
}

/** Any event of a watched session; only WatchSentimentResponse has `opened`. */
export function watchEventMessage(event: StreamSessionEvent) {
  if (event.kind !== 'opened') return liveEventMessage(event);
  return { event: { case: 'opened' as const, value: { sessionId: String(event.id), model: event.model, idleTimeoutMs: event.idleMs } } };
}
