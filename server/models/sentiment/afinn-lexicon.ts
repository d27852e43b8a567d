import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { SentimentLexicon } from '../../../lib/featurize/text';

export const AFINN_SOURCE = 'AFINN-165 via npm sentiment (languages/en/labels.json, negators.json)';

/**
 * Read from the file, not require()d: the `sentiment` package (loaded by the lexicon baselines) adds its emoji
 * valences to the cached labels object, so a require()d copy would depend on what else the process had loaded
 * (and NFKC folds some of those symbols into words: "ℹ" → "i").
 */
function readPackageJson(specifier: string): Record<string, number> {
  return JSON.parse(readFileSync(createRequire(import.meta.url).resolve(specifier), 'utf8')) as Record<string, number>;
}

/** The AFINN word valences and negators shipped in the `sentiment` package. Only the build reads these; served models use the copy in their sidecar. */
export function loadAfinnLexicon(): SentimentLexicon & { source: string } {
  const valences = readPackageJson('sentiment/languages/en/labels.json');
  const negators = Object.keys(readPackageJson('sentiment/languages/en/negators.json'));
  return { valences, negators, source: AFINN_SOURCE };
}
