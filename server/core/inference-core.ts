import type { ModelDescriptor, ModelRef, PredictionInput, PredictionResult, PredictOptions, TrainRequest, TrainResult } from '../../lib/contract';
import { ModelWireError } from '../../lib/model-wire-error';
import type { LinearModels } from '../models/linear/linear-models';
import { createModelRegistry } from './model-registry';
import { createSentimentStream, type SentimentStream, type SentimentStreamHandlers } from './sentiment-stream';
import type { ModelArtifact, ServedModel } from './served-model';

export interface InferenceCoreOptions {
  builtins: readonly ServedModel[];
  linear: LinearModels;
  /** Predictions in flight at once before new ones are refused as overloaded. */
  maxConcurrentPredictions?: number;
}

export interface InferenceCore {
  listModels(): ModelDescriptor[];
  describeModel(name: string): ModelDescriptor;
  predict(name: string, input: PredictionInput, options?: PredictOptions): Promise<PredictionResult>;
  train(name: string, request: TrainRequest, options?: { receivedAt?: number }): Promise<TrainResult>;
  /** The files a browser needs to run a model itself; not_found for models that cannot, not_installed while missing. */
  modelArtifacts(name: string): Promise<{ model: ModelRef; files: ModelArtifact[] }>;
  /** Opens a latest-wins live sentiment stream (model `sentiment` unless another text model is named). */
  streamSentiment(handlers: SentimentStreamHandlers, options?: { model?: string }): SentimentStream;
}

const elapsedSince = (start: number) => performance.now() - start;

/** The one place that touches models. Every protocol adapter calls this and only this. */
export function createInferenceCore(options: InferenceCoreOptions): InferenceCore {
  const registry = createModelRegistry(options.builtins, options.linear);
  const maxInFlight = options.maxConcurrentPredictions ?? 64;
  let inFlight = 0;

  const core: InferenceCore = {
    listModels: () => registry.list(),
    describeModel: (name) => registry.get(name).describe(),

    async predict(name, input, predictOptions = {}) {
      const receivedAt = predictOptions.receivedAt ?? performance.now();
      const model = registry.get(name);
      if (inFlight >= maxInFlight) {
        throw new ModelWireError('overloaded', `The server is busy (${inFlight} predictions in flight); retry shortly.`);
      }
      inFlight++;
      try {
        const answer = await model.predict(input, predictOptions);
        return {
          model: { name, version: answer.version },
          output: answer.output,
          timing: { serverMs: elapsedSince(receivedAt), inferenceMs: answer.inferenceMs, preprocessMs: answer.preprocessMs },
        };
      } catch (error) {
        throw ModelWireError.from(error);
      } finally {
        inFlight--;
      }
    },

    async train(name, request, trainOptions = {}) {
      const receivedAt = trainOptions.receivedAt ?? performance.now();
      registry.assertTrainableName(name);
      try {
        const outcome = await options.linear.train(name, request);
        const { version, trainingMs, ...fit } = outcome;
        return { model: { name, version }, ...fit, timing: { serverMs: elapsedSince(receivedAt), trainingMs } };
      } catch (error) {
        throw ModelWireError.from(error);
      }
    },

    async modelArtifacts(name) {
      const model = registry.get(name);
      if (!model.artifacts) throw new ModelWireError('not_found', `Model "${name}" cannot be downloaded to run in a browser.`, { model: name });
      const descriptor = model.describe();
      const files = model.artifacts();
      if (!files || descriptor.version === null) {
        throw new ModelWireError('not_installed', `Model "${name}" is not installed.`, { model: name, installCommand: descriptor.installCommand });
      }
      return { model: { name, version: descriptor.version }, files };
    },

    streamSentiment(handlers, streamOptions = {}) {
      const model = streamOptions.model ?? 'sentiment';
      if (registry.get(model).describe().kind !== 'text-sentiment') {
        throw new ModelWireError('invalid_input', `Model "${model}" is not a sentiment model; live streams need one, e.g. "sentiment".`);
      }
      return createSentimentStream((text, receivedAt) => core.predict(model, { kind: 'text', text }, { receivedAt }), handlers);
    },
  };
  return core;
}
