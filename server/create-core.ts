import { createInferenceBackend, type InferenceBackend } from './backends/inference-backend';
import type { ServerConfig } from './config';
import { createAuthenticator } from './core/auth/authenticator';
import { createTokenService, loadJwtSecret } from './core/auth/token-service';
import { createUserStore } from './core/auth/user-store';
import { createInferenceCore, type InferenceCore } from './core/inference-core';
import type { CoreObserver } from './core/core-observer';
import { createPredictionCache } from './core/prediction-cache';
import type { ErrorLogger } from './core/stream-sessions';
import { createImageClassifier, IMAGENET_MODEL_NAME } from './models/imagenet/image-classifier';
import type { ImageGraphLoading } from './models/imagenet/image-graph-loading';
import { createLinearModels } from './models/linear/linear-models';
import { createRemoteLinearModels } from './models/linear/remote-linear-models';
import { createSentimentModel, ensureSentimentModel, SENTIMENT_MODEL_NAME } from './models/sentiment';

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
  | 'inferenceBackend'
>;

export interface CoreExtras {
  /** Where internal errors of live streams and cache outages are reported; the console when left out. */
  logger?: ErrorLogger;
  /** Told about every prediction, batch and cache lookup (metrics). */
  observer?: CoreObserver;
  /** The image classifier's graph, already loading (server/main.ts starts it before importing the server). */
  imageGraphLoading?: ImageGraphLoading;
}

const BUILTIN_NAMES = [SENTIMENT_MODEL_NAME, IMAGENET_MODEL_NAME];

/** The backend, once it was asked about the built-in models; start-up goes on while it is down, and says so. */
async function connectBackend(config: CoreConfig, warn: (message: string) => void): Promise<InferenceBackend | undefined> {
  if (!config.inferenceBackend) return undefined;
  const backend = createInferenceBackend(config.inferenceBackend);
  for (const [name, served] of await Promise.all(BUILTIN_NAMES.map(async (name) => [name, await backend.refresh(name)] as const))) {
    if (served.state !== 'ready') warn(`ModelWire: the inference backend ${backend.label} does not serve "${name}" now (${served.state}: ${'reason' in served ? served.reason : ''})`);
  }
  return backend;
}

/**
 * Builds the core with every model this server serves; builds the sentiment model first if it is missing (its
 * featuriser runs here even when INFERENCE_BACKEND runs the graphs elsewhere).
 */
export async function createCore(config: CoreConfig, { logger, observer, imageGraphLoading }: CoreExtras = {}): Promise<InferenceCore> {
  const warn = (message: string) => (logger ? logger.error({ component: 'inference-backend' }, message) : console.warn(message));
  await ensureSentimentModel(config.dataDir);
  const backend = await connectBackend(config, warn);
  const [sentiment, imageClassifier, linear, jwtSecret] = await Promise.all([
    createSentimentModel(config.dataDir, backend),
    createImageClassifier({
      modelsDir: config.modelsDir,
      maxImagePixels: config.maxImagePixels,
      batching: { maxBatchSize: config.maxBatchSize, maxQueueDelayMs: config.maxQueueDelayMicroseconds / 1000 },
      observer,
      backend,
      graphLoading: imageGraphLoading,
    }),
    backend ? createRemoteLinearModels(backend, BUILTIN_NAMES) : createLinearModels(config.dataDir, { ...config, observer }),
    loadJwtSecret(config.dataDir, config.jwtSecret),
  ]);
  const auth = createAuthenticator(config.auth, createUserStore(config.dataDir), createTokenService(jwtSecret, config.tokenTtlSeconds));
  const cache = await createPredictionCache(config.predictionCache, (message) => (logger ? logger.error({ component: 'prediction-cache' }, message) : console.warn(message)));
  const core = createInferenceCore({ builtins: [sentiment, imageClassifier], trainable: linear, auth, logger, cache, observer });
  if (!backend) return core;
  // Shutdown lets go of the backend's connection once the calls in flight have answered.
  return { ...core, drain: () => core.drain().finally(() => backend.close()) };
}
