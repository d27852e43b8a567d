import type { ModelDescriptor, PredictionInput, PredictionOutput, PredictOptions, TrainRequest } from '../../lib/contract';

/** What a model answers, before the core adds the model reference and the server timing. */
export interface ModelAnswer {
  version: number;
  output: PredictionOutput;
  inferenceMs: number;
  preprocessMs: number;
}

export interface TrainOutcome {
  version: number;
  coefficients: number[];
  intercept: number;
  r2: number;
  samples: number;
  featureCount: number;
  trainingMs: number;
}

/** A model the registry can serve. Implementations live in server/models/. */
export interface ServedModel {
  readonly name: string;
  describe(): ModelDescriptor;
  /** Throws ModelWireError (invalid_input, not_installed, ...) for anything it cannot answer. */
  predict(input: PredictionInput, options: PredictOptions): Promise<ModelAnswer>;
}
