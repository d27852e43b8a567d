import {
  SENTIMENT_FEATURE_SIZE,
  SENTIMENT_FEATURIZER_ID,
  SENTIMENT_HASH_SIZE,
  type SentimentFeaturizer,
  type SparseFeatures,
} from '../../../lib/featurize/text';
import { encodeDenseModel } from '../../core/onnx-export';
import type { LabelledSentence } from './corpus';
import { trainLogisticRegression, type LogisticModel } from './logistic-regression';
import { naiveBayesScales, scaleRow } from './naive-bayes-scaling';

/**
 * The training recipe. Fixed constants, not searched per build: accuracy is flat across
 * l2 ∈ [3e-5, 3e-4] and emphasis ∈ [1, 4] (see `npm run models:eval -- --nested` for λ chosen inside the folds).
 */
export const SENTIMENT_RECIPE = {
  l2: 1e-4,
  naiveBayesEmphasis: 2,
  naiveBayesSmoothing: 1,
  maxIterations: 300,
  gradientTolerance: 1e-5,
} as const;

export type SentimentRecipe = { -readonly [K in keyof typeof SENTIMENT_RECIPE]: number };

/** Class order of the ONNX output. */
export const SENTIMENT_CLASSES = ['negative', 'positive'] as const;
export const SENTIMENT_INPUT_NAME = 'features';
export const SENTIMENT_OUTPUT_NAME = 'probabilities';

/** Fits the classifier on featurized rows; the returned weights apply to raw featurizer output. */
export function fitSentimentClassifier(
  rows: readonly SparseFeatures[],
  labels: readonly (0 | 1)[],
  recipe: SentimentRecipe = SENTIMENT_RECIPE,
): LogisticModel {
  const scales = naiveBayesScales(rows, labels, SENTIMENT_FEATURE_SIZE, {
    scaledBelow: SENTIMENT_HASH_SIZE,
    smoothing: recipe.naiveBayesSmoothing,
    emphasis: recipe.naiveBayesEmphasis,
  });
  const model = trainLogisticRegression(
    rows.map((row) => scaleRow(row, scales)),
    labels,
    SENTIMENT_FEATURE_SIZE,
    { l2: recipe.l2, maxIterations: recipe.maxIterations, gradientTolerance: recipe.gradientTolerance },
  );
  for (let j = 0; j < model.weights.length; j++) model.weights[j]! *= scales[j]!;
  return model;
}

/**
 * The binary model as a two-class softmax: logits (−z/2, +z/2) give P(positive) = sigmoid(z) exactly,
 * where z = w·x + b is the logistic model's log-odds.
 */
export function encodeSentimentOnnx(model: LogisticModel, samples: number): Uint8Array {
  const weights = new Float32Array(SENTIMENT_FEATURE_SIZE * 2);
  model.weights.forEach((w, j) => {
    weights[2 * j] = -w / 2;
    weights[2 * j + 1] = w / 2;
  });
  return encodeDenseModel({
    inputName: SENTIMENT_INPUT_NAME,
    outputName: SENTIMENT_OUTPUT_NAME,
    inputSize: SENTIMENT_FEATURE_SIZE,
    outputSize: 2,
    weights,
    bias: Float32Array.of(-model.bias / 2, model.bias / 2),
    activation: 'softmax',
    description: 'ModelWire sentiment: L2 logistic regression (NB-scaled hashed n-grams + AFINN features), trained on the sentiment package corpus.',
    // Nothing time-dependent here, so rebuilding gives byte-identical files.
    metadata: { featurizer: SENTIMENT_FEATURIZER_ID, classes: SENTIMENT_CLASSES.join(','), samples: String(samples) },
  });
}

export interface TrainedSentiment {
  model: LogisticModel;
  onnx: Uint8Array;
  samples: number;
}

/** Featurize, train on every sentence, export. */
export function trainSentimentModel(sentences: readonly LabelledSentence[], featurizer: SentimentFeaturizer): TrainedSentiment {
  const rows = sentences.map((sentence) => featurizer.sparse(sentence.text));
  const model = fitSentimentClassifier(rows, sentences.map((sentence) => sentence.label));
  return { model, onnx: encodeSentimentOnnx(model, sentences.length), samples: sentences.length };
}
