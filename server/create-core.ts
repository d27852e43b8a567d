import type { ServerConfig } from './config';
import { createAuthenticator } from './core/auth/authenticator';
import { createTokenService, loadJwtSecret } from './core/auth/token-service';
import { createUserStore } from './core/auth/user-store';
import { createInferenceCore, type InferenceCore } from './core/inference-core';
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
>;

/** Builds the core with every model this server serves; builds the sentiment model first if it is missing. */
export async function createCore(config: CoreConfig, logger?: ErrorLogger): Promise<InferenceCore> {
  await ensureSentimentModel(config.dataDir);
  const [sentiment, imageClassifier, linear, jwtSecret] = await Promise.all([
    createSentimentModel(config.dataDir),
    createImageClassifier({
      modelsDir: config.modelsDir,
      maxImagePixels: config.maxImagePixels,
      batching: { maxBatchSize: config.maxBatchSize, maxQueueDelayMs: config.maxQueueDelayMicroseconds / 1000 },
    }),
    createLinearModels(config.dataDir, config),
    loadJwtSecret(config.dataDir, config.jwtSecret),
  ]);
  const auth = createAuthenticator(config.auth, createUserStore(config.dataDir), createTokenService(jwtSecret, config.tokenTtlSeconds));
  return createInferenceCore({ builtins: [sentiment, imageClassifier], trainable: linear, auth, logger });
}
