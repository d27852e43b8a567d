import type { TrainRequest } from '../../lib/contract';
import type { ServedModel } from './served-model';

/** What training a model produced, before the core adds the model reference and the server timing. */
export interface TrainOutcome {
  version: number;
  coefficients: number[];
  intercept: number;
  r2: number;
  samples: number;
  featureCount: number;
  trainingMs: number;
}

/**
 * A family of models the API trains (today: linear regression). It owns the names it has trained, serves each one as a
 * model of its own, and creates a model the first time a new name is trained. The core has already checked the name
 * (well-formed, not a built-in model) before it calls train().
 */
export interface TrainableModels {
  /** The names it owns, sorted. */
  names(): string[];
  has(name: string): boolean;
  get(name: string): ServedModel;
  /** Trains a new version of `name`, creating the model when it does not exist yet. */
  train(name: string, request: TrainRequest): Promise<TrainOutcome>;
}
