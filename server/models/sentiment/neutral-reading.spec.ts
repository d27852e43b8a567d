import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServedModel } from '../../core/served-model';
import { loadAfinnLexicon } from './afinn-lexicon';
import { loadSentimentCorpus } from './corpus';
import { crossValidateSentiment } from './cross-validate';
import { measureNeutralReading, type NeutralMeasurement } from './neutral-measurement';
import { SERVED_NEUTRAL_RULE, scoreNeutralRules } from './neutral-rule-tuning';
import { buildTemporarySentimentModel, type TemporarySentimentModel } from './temporary-model';

let built: TemporarySentimentModel;
let model: ServedModel;
let measured: NeutralMeasurement;

beforeAll(async () => {
  built = await buildTemporarySentimentModel();
  model = built.model;
  measured = await measureNeutralReading(model);
});
afterAll(() => built.remove());

const readingOf = async (text: string) => (await model.predict({ kind: 'text', text }, {})).output;

describe('the sentiment model on text without opinion', () => {
  it.each(['The meeting is at 3pm.', 'ok', 'see you at 5'])('reads "%s" as neutral, still reporting its lean', async (text) => {
    const reading = await readingOf(text);
    expect(reading).toMatchObject({ kind: 'sentiment', label: 'neutral' });
    if (reading.kind === 'sentiment') expect(reading.probability).toBeCloseTo((1 + Math.abs(reading.score)) / 2, 6);
  });

  it('reads most of the factual check set as neutral (measured 87%, written apart from the tuning set)', () => {
    console.log(`check set neutral ${measured.checkNeutral.toFixed(3)}; not neutral: ${JSON.stringify(measured.checkMisses)}`);
    expect(measured.checkNeutral).toBeGreaterThanOrEqual(0.8);
  });

  it.each([
    ['I love this phone, it works great!', 'positive'],
    ['The view from the room was stunning.', 'positive'],
    ['Thanks, that was really helpful!', 'positive'],
    ['Terrible product, it broke after one day and I want a refund.', 'negative'],
    ['The delivery was late and the box was damaged.', 'negative'],
    ['I regret buying this laptop.', 'negative'],
    ['terrible', 'negative'],
    ['wonderful', 'positive'],
  ])('keeps "%s" %s', async (text, label) => {
    expect(await readingOf(text)).toMatchObject({ label });
  });

  it('keeps the label of every clearly opinionated sentence of the sanity set', () => {
    expect(measured.sanityMisses).toEqual([]);
    expect(measured.sanityKept).toBe(1);
  });
});

describe('the neutral rule on held-out labelled sentences', () => {
  it('leaves at most 15% of them neutral, and is the best rule of its grid on the tuning data', () => {
    const data = { corpus: loadSentimentCorpus(), cv: crossValidateSentiment({ folds: 10 }), lexicon: loadAfinnLexicon(), factual: measured.tuning };
    const ranked = scoreNeutralRules(data);
    const served = ranked.find(({ rule }) => JSON.stringify(rule) === JSON.stringify(SERVED_NEUTRAL_RULE))!;
    console.log(`served rule: ${JSON.stringify(served)}`);
    expect(served.opinionatedNeutral).toBeLessThanOrEqual(0.15);
    expect(served.factualNeutral).toBeGreaterThanOrEqual(0.75);
    expect(served.youden).toBe(ranked[0]!.youden);
  });
});
