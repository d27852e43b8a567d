import type { PredictionInput } from '../../../lib/contract';
import { readConfig } from '../../../server/config';
import type { ServedModel } from '../../../server/core/served-model';
import { createLinearModels } from '../../../server/models/linear/linear-models';
import { createSentimentModel } from '../../../server/models/sentiment';
import { answerOfOutput } from '../lanes/answers';
import type { Answer } from '../lanes/lane';
import { withVersion } from '../package-version';
import { BENCH_LINEAR_MODEL, type ModelWorkload } from '../workloads';
import { loadRawImageClassifier } from './raw-image-classifier';

export const IN_PROCESS_LIBRARY = `${withVersion('onnxruntime-node')} + ${withVersion('sharp')}, in the bench process`;

export type InProcessPredict = (input: PredictionInput) => Promise<Answer>;

/**
 * Each model in the bench process, from the files the spawned server uses: the sentiment and linear models through
 * the server's own model classes (featurizer + onnxruntime session, nothing else), the image classifier raw
 * (see raw-image-classifier.ts). No protocol and no core in between.
 */
export async function loadInProcessModels(dataDir: string, modelsDir: string | undefined): Promise<Record<ModelWorkload['key'], InProcessPredict | undefined>> {
  const settings = readConfig({});
  const linear = await createLinearModels(dataDir, { trainingConcurrency: 1, trainingQueue: 1, maxVersionsPerModel: settings.maxVersionsPerModel });
  const predictWith = (model: ServedModel) => async (input: PredictionInput) => answerOfOutput((await model.predict(input, {})).output);
  return {
    sentiment: predictWith(await createSentimentModel(dataDir)),
    'linear-model': predictWith(linear.get(BENCH_LINEAR_MODEL)),
    image: modelsDir ? await loadRawImageClassifier(modelsDir, settings.maxImagePixels) : undefined,
  };
}
