import type { ServerConfig } from './config';
import { createAuthenticator } from './core/auth/authenticator';
import { createTokenService, loadJwtSecret } from './core/auth/token-service';
import { createUserStore } from './core/auth/user-store';
import { createInferenceCore, type InferenceCore } from './core/inference-core';
import type { CoreObserver } from './core/core-observer';
import { createPredictionCache } from './core/prediction-cache';
import type { ErrorLogger } from './core/stream-sessions';
import { createImageClassifier } from './models/imagenet/image-classifier';
import { createLinearModels } from './models/linear/linear-models';
import { createSentimentModel, ensureSentimentModel } from './models/sentiment';

export type CoreConfig = Pick<
  ServerConfig,
  | 'modelsDir'
  | 'dataDir'
  | 'maxImagePixels'
  | 'auth'
  | 'jwtSecret'
  | 'tokenTtlSeconds'
  | 'trainingConcurrency'
  | 'trainingQueue'
  | 'maxVersionsPerModel'
  | 'maxBatchSize'
  | 'maxQueueDelayMicroseconds'
  | 'predictionCache'
>;

export interface CoreExtras {
  /** Where internal errors of live streams and cache outages are reported; the console when left out. */
  logger?: ErrorLogger;
  /** Told about every prediction, batch and cache lookup (metrics). */
  observer?: CoreObserver;
}

/** Builds the core with every model this server serves; builds the sentiment model first if it is missing. */
export async function createCore(config: CoreConfig, { logger, observer }: CoreExtras = {}): Promise<InferenceCore> {
  await ensureSentimentModel(config.dataDir);
  const [sentiment, imageClassifier, linear, jwtSecret] = await Promise.all([
    createSentimentModel(config.dataDir),
    createImageClassifier({
      modelsDir: config.modelsDir,
      maxImagePixels: config.maxImagePixels,
      batching: { maxBatchSize: config.maxBatchSize, maxQueueDelayMs: config.maxQueueDelayMicroseconds / 1000 },
      observer,
    }),
    createLinearModels(config.dataDir, config),
    loadJwtSecret(config.dataDir, config.jwtSecret),
  ]);
  const auth = createAuthenticator(config.auth, createUserStore(config.dataDir), createTokenService(jwtSecret, config.tokenTtlSeconds));
  const cache = createPredictionCache(config.predictionCache, (message) => (logger ? logger.error({ component: 'prediction-cache' }, message) : console.warn(message)));
  return createInferenceCore({ builtins: [sentiment, imageClassifier], trainable: linear, auth, logger, cache, observer });
}
