import type { ServerConfig } from './config';
import { createInferenceCore, type InferenceCore } from './core/inference-core';
import { createImageClassifier } from './models/imagenet/image-classifier';
import { createLinearModels } from './models/linear/linear-models';
import { createSentimentModel, ensureSentimentModel } from './models/sentiment';

/** Builds the core with every model this server serves; builds the sentiment model first if it is missing. */
export async function createCore(config: Pick<ServerConfig, 'modelsDir' | 'dataDir' | 'maxImagePixels'>): Promise<InferenceCore> {
  await ensureSentimentModel(config.dataDir);
  const [sentiment, imageClassifier, linear] = await Promise.all([
    createSentimentModel(config.dataDir),
    createImageClassifier({ modelsDir: config.modelsDir, maxImagePixels: config.maxImagePixels }),
    createLinearModels(config.dataDir),
  ]);
  return createInferenceCore({ builtins: [sentiment, imageClassifier], linear });
}
