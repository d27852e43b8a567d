import { expect } from 'vitest';

// What every live-sentiment stream test sends, and what it must get back, whatever the transport.

export const SENTENCE = 'I really love this wonderful little phone';

/** 20 growing prefixes of SENTENCE, as someone typing it would send them; the last is the whole sentence. */
export const TYPED_PREFIXES = Array.from({ length: 20 }, (_, i) => SENTENCE.slice(0, Math.round(((i + 1) * SENTENCE.length) / 20)));

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
