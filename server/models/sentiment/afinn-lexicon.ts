import { createRequire } from 'node:module';
import type { SentimentLexicon } from '../../../lib/featurize/text';

export const AFINN_SOURCE = 'AFINN-165 via npm sentiment (languages/en/labels.json, negators.json)';

/**
 * The AFINN word valences and negators shipped in the `sentiment` package. Loaded with require rather than a
 * JSON import: tsx's JSON-to-ESM transform chokes on keys that are reserved words ("protected", "super").
 * Only the build reads these; served models use the copy in their sidecar.
 */
export function loadAfinnLexicon(): SentimentLexicon & { source: string } {
  const require = createRequire(import.meta.url);
  const valences = require('sentiment/languages/en/labels.json') as Record<string, number>;
  const negators = Object.keys(require('sentiment/languages/en/negators.json') as Record<string, number>);
  return { valences: { ...valences }, negators, source: AFINN_SOURCE };
}
