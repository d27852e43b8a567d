import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** One labelled sentence: label 1 = positive, 0 = negative. */
export interface LabelledSentence {
  text: string;
  label: 0 | 1;
  source: CorpusSource;
}

export const CORPUS_SOURCES = ['amazon', 'imdb', 'yelp'] as const;
export type CorpusSource = (typeof CORPUS_SOURCES)[number];

/** The fixture files ship inside the npm package `sentiment`; resolved through Node, never a hard-coded node_modules path. */
function fixturePath(source: CorpusSource): string {
  const packageJson = createRequire(import.meta.url).resolve('sentiment/package.json');
  return path.join(path.dirname(packageJson), 'test', 'fixtures', `${source}.json`);
}

function parseFixture(source: CorpusSource, raw: unknown): LabelledSentence[] {
  if (!Array.isArray(raw)) throw new Error(`sentiment fixture ${source} is not an array`);
  const sentences: LabelledSentence[] = [];
  for (const entry of raw as Array<{ text?: unknown; class?: unknown }>) {
    // Each file ends with an empty, unlabelled entry ({text: '', class: null}); it is not a sentence.
    if (typeof entry.text !== 'string' || entry.text.trim() === '') continue;
    if (entry.class !== 0 && entry.class !== 1) continue;
    sentences.push({ text: entry.text, label: entry.class, source });
  }
  return sentences;
}

let cached: readonly LabelledSentence[] | undefined;

/** The 3,000 labelled sentences (1,000 each from Amazon, IMDb and Yelp reviews), in file order. */
export function loadSentimentCorpus(): readonly LabelledSentence[] {
  cached ??= CORPUS_SOURCES.flatMap((source) =>
    parseFixture(source, JSON.parse(readFileSync(fixturePath(source), 'utf8')) as unknown),
  );
  return cached;
}
