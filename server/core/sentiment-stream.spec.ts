import { describe, expect, it } from 'vitest';
import type { PredictionResult, SentimentStreamUpdate } from '../../lib/contract';
import { ModelWireError } from '../../lib/model-wire-error';
import { createSentimentStream } from './sentiment-stream';

function deferredScorer() {
  const calls: Array<{ text: string; resolve: (result: PredictionResult) => void; reject: (error: unknown) => void }> = [];
  const score = (text: string) => new Promise<PredictionResult>((resolve, reject) => calls.push({ text, resolve, reject }));
  const answer = (text: string): PredictionResult => ({
    model: { name: 'sentiment', version: 1 },
    output: { kind: 'sentiment', label: 'positive', score: text.length, probability: 1 },
    timing: { serverMs: 1, inferenceMs: 1, preprocessMs: 0 },
    cached: false,
  });
  return { calls, score, answer };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('sentiment stream', () => {
  it('scores latest-wins: texts pushed while one is scored are skipped but the newest, in seq order', async () => {
    const { calls, score, answer } = deferredScorer();
    const updates: SentimentStreamUpdate[] = [];
    const stream = createSentimentStream(score, { onUpdate: (update) => updates.push(update), onError: () => {} });
    stream.push('I');
    stream.push('I l');
    stream.push('I lo');
    stream.push('I love');
    calls[0]!.resolve(answer(calls[0]!.text));
    await settle();
    expect(calls.map((call) => call.text)).toEqual(['I', 'I love']);
    calls[1]!.resolve(answer(calls[1]!.text));
    await settle();
    expect(updates.map(({ seq, text, skipped }) => ({ seq, text, skipped }))).toEqual([
      { seq: 1, text: 'I', skipped: 0 },
      { seq: 4, text: 'I love', skipped: 2 },
    ]);
  });

  it('refuses a seq that does not increase and a text that is not a string, and keeps the stream open', async () => {
    const { calls, score, answer } = deferredScorer();
    const errors: Array<[number, string]> = [];
    const stream = createSentimentStream(score, { onUpdate: () => {}, onError: (seq, error) => errors.push([seq, error.code]) });
    expect(stream.push('a', 5)).toBe(5);
    stream.push('b', 5);
    stream.push(42 as unknown as string, 6);
    expect(errors).toEqual([
      [5, 'invalid_input'],
      [6, 'invalid_input'],
    ]);
    calls[0]!.resolve(answer('a'));
    await settle();
    expect(stream.push('c')).toBe(6);
  });

  it('reports a failed scoring as an error of its seq, wrapped as a contract error', async () => {
    const { calls, score } = deferredScorer();
    const errors: ModelWireError[] = [];
    const stream = createSentimentStream(score, { onUpdate: () => {}, onError: (_seq, error) => errors.push(error) });
    stream.push('x');
    calls[0]!.reject(new Error('onnxruntime failed'));
    await settle();
    expect(errors[0]).toBeInstanceOf(ModelWireError);
    expect(errors[0]).toMatchObject({ code: 'internal' });
  });
});
