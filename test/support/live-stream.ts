import { expect } from 'vitest';
import type { SentimentStreamUpdate } from '../../lib/contract';

/** The sentence every live-stream test types, and the 20 growing prefixes a typist's client sends on the way. */
export const TYPED_SENTENCE = 'I really love this wonderful little phone';

export const TYPED_PREFIXES = Array.from({ length: 20 }, (_, i) => TYPED_SENTENCE.slice(0, Math.round(((i + 1) * TYPED_SENTENCE.length) / 20)));

/** One update as a test received it, whatever the transport's own field names. */
export interface ReceivedUpdate {
  seq: number;
  text: string;
  skipped: number;
  sentiment: { label: unknown; score: number; probability: number };
}

/**
 * Latest-wins, in order, nothing lost: the last update scores the last text sent as a plain Predict does, seqs only
 * increase, each update names the text sent with its seq, and every text sent was either answered or counted as skipped.
 */
export function expectLatestWinsUpdates(sent: readonly string[], updates: readonly ReceivedUpdate[], plainPredict: ReceivedUpdate['sentiment']) {
  expect(updates.length).toBeGreaterThan(0);
  const last = updates.at(-1)!;
  expect(last.seq).toBe(sent.length);
  expect(last.text).toBe(sent.at(-1));
  expect(last.sentiment).toEqual(plainPredict);
  for (let i = 1; i < updates.length; i++) expect(updates[i]!.seq).toBeGreaterThan(updates[i - 1]!.seq);
  for (const update of updates) expect(update.text).toBe(sent[update.seq - 1]);
  expect(updates.length + updates.reduce((sum, update) => sum + update.skipped, 0)).toBe(sent.length);
}

/** The sentiment part of a contract output, without its kind. */
export const sentimentOf = ({ label, score, probability }: SentimentStreamUpdate['output']): ReceivedUpdate['sentiment'] => ({ label, score, probability });

/** The contract's update in the shape expectLatestWinsUpdates compares. */
export const receivedUpdateOf = ({ seq, text, skipped, output }: SentimentStreamUpdate): ReceivedUpdate => ({ seq, text, skipped, sentiment: sentimentOf(output) });
