import { describe, expect, it } from 'vitest';
import { SENTIMENT_FEATURE_SIZE, createSentimentFeaturizer } from '../../../lib/featurize/text';
import { float32Tensor, loadOnnxSession, outputFloats } from '../../core/onnx-session';
import { loadAfinnLexicon } from './afinn-lexicon';
import { loadSentimentCorpus } from './corpus';
import { logOdds } from './logistic-regression';
import { SENTIMENT_INPUT_NAME, SENTIMENT_OUTPUT_NAME, trainSentimentModel } from './train-sentiment';

describe('training and exporting the sentiment model', () => {
  it('loads the corpus: 3,000 labelled sentences, balanced', () => {
    const corpus = loadSentimentCorpus();
    expect(corpus).toHaveLength(3000);
    expect(corpus.filter((s) => s.label === 1)).toHaveLength(1500);
    expect(corpus.every((s) => s.text.trim() !== '')).toBe(true);
  });

  it('exports an ONNX graph whose softmax equals the trained logistic model', async () => {
    const corpus = loadSentimentCorpus();
    const featurizer = createSentimentFeaturizer(loadAfinnLexicon());
    const { model, onnx } = trainSentimentModel(corpus, featurizer);
    const session = await loadOnnxSession(onnx);
    const texts = [...corpus.slice(0, 10), ...corpus.slice(-10)].map((s) => s.text);
    const batch = new Float32Array(texts.length * SENTIMENT_FEATURE_SIZE);
    texts.forEach((text, i) => batch.set(featurizer.featurize(text), i * SENTIMENT_FEATURE_SIZE));
    const outputs = await session.run({ [SENTIMENT_INPUT_NAME]: float32Tensor(batch, [texts.length, SENTIMENT_FEATURE_SIZE]) });
    const probabilities = outputFloats(outputs, SENTIMENT_OUTPUT_NAME);
    texts.forEach((text, i) => {
      const expected = 1 / (1 + Math.exp(-logOdds(model, featurizer.sparse(text))));
      expect(probabilities[2 * i + 1]).toBeCloseTo(expected, 5); // float32 weights vs float64 training
      expect(probabilities[2 * i]! + probabilities[2 * i + 1]!).toBeCloseTo(1, 6);
    });
  });
});
