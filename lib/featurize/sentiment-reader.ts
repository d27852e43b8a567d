import { createOpinionEvidence } from './opinion-evidence';
import { readSentiment, type SentimentReading } from './sentiment-label';
import { createSentimentFeaturizer, type SentimentLexicon } from './text';

export interface PreparedText {
  /** The row fed to the ONNX model (SENTIMENT_FEATURE_SIZE floats). */
  features: Float32Array;
  hasOpinionEvidence: boolean;
}

/** A prepared text whose features are only their non-zero entries (a few hundred of SENTIMENT_FEATURE_SIZE). */
export interface SparselyPreparedText {
  indices: Int32Array;
  values: Float32Array;
  hasOpinionEvidence: boolean;
}

export interface SentimentReader {
  prepare(text: string): PreparedText;
  /** As prepare, for a caller that writes the features into a row of its own instead of a new one per text. */
  prepareSparse(text: string): SparselyPreparedText;
  /** The label, score and probability for the ONNX output [P(negative), P(positive)] of a prepared text. */
  read(probabilities: ArrayLike<number>, prepared: Pick<PreparedText, 'hasOpinionEvidence'>): SentimentReading;
}

/** Everything between text and answer that is not the ONNX run, built from the sidecar: the server and the browser lane share it. */
export function createSentimentReader(sidecar: { lexicon: SentimentLexicon; opinionWords: readonly string[] }): SentimentReader {
  const featurizer = createSentimentFeaturizer(sidecar.lexicon);
  const hasOpinionEvidence = createOpinionEvidence(sidecar.lexicon, sidecar.opinionWords);
  return {
    prepare: (text) => ({ features: featurizer.featurize(text), hasOpinionEvidence: hasOpinionEvidence(text) }),
    prepareSparse: (text) => ({ ...featurizer.sparse(text), hasOpinionEvidence: hasOpinionEvidence(text) }),
    read(probabilities, prepared) {
      const [negative, positive] = [probabilities[0], probabilities[1]];
      if (negative === undefined || positive === undefined) throw new Error('sentiment ONNX output has fewer than 2 values');
      return readSentiment(negative, positive, prepared.hasOpinionEvidence);
    },
  };
}
