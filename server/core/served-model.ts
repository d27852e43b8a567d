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

/** One file of a model that a browser may download to run the model itself (the in-browser lane). */
export interface ModelArtifact {
  /** The name it is served under: /v1/models/{name}/artifacts/{file}. */
  file: string;
  role: 'model' | 'sidecar' | 'labels';
  path: string;
  contentType: string;
}

export const ONNX_CONTENT_TYPE = 'application/octet-stream';
export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/** A model the registry can serve. Implementations live in server/models/. */
export interface ServedModel {
  readonly name: string;
  describe(): ModelDescriptor;
  /** Throws ModelWireError (invalid_input, not_installed, ...) for anything it cannot answer. */
  predict(input: PredictionInput, options: PredictOptions): Promise<ModelAnswer>;
  /** The files a browser needs to run this model itself, when it can; undefined while not installed. */
  artifacts?(): ModelArtifact[] | undefined;
}
