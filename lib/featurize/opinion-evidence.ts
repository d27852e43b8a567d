import type { SentimentLexicon } from './text';
import { normalizeText, tokenizeText } from './text-tokens';

/**
 * A lexicon word counts as opinion evidence from this |valence| up. AFINN gives ±1 to words that are mostly
 * not opinions in plain messages ("please", "yes", "no", "free"); tuned with the other rule parameters by
 * `npm run models:eval -- --tune-neutral` (see server/models/sentiment/neutral-rule-tuning.ts).
 */
export const MIN_LEXICON_VALENCE = 2;

/** Does this text carry any opinion evidence? (see createOpinionEvidence) */
export type OpinionEvidence = (text: string) => boolean;

export const wordsOf = (text: string): string[] => tokenizeText(text).flatMap((token) => (token.kind === 'word' ? [token.text] : []));

/**
 * The model was trained on opinionated sentences only, and it leans (mostly negative) on any text, facts
 * included. So a text earns a positive or negative label only when it holds a word that carries opinion:
 * a lexicon word with |valence| ≥ minLexiconValence, or one of the `opinionWords` the build found leaning
 * clearly to one class in the training sentences (see server/models/sentiment/opinion-words.ts).
 */
export function createOpinionEvidence(
  lexicon: SentimentLexicon,
  opinionWords: readonly string[],
  minLexiconValence: number = MIN_LEXICON_VALENCE,
): OpinionEvidence {
  const vocabulary = opinionVocabulary(lexicon, opinionWords, minLexiconValence);
  return (text) => holdsOpinionWord(wordsOf(text), vocabulary);
}

/** The words that count as evidence: the opinion words and the strong lexicon words. */
export function opinionVocabulary(lexicon: SentimentLexicon, opinionWords: readonly string[], minLexiconValence: number): ReadonlySet<string> {
  const vocabulary = new Set(opinionWords);
  for (const [word, valence] of Object.entries(lexicon.valences)) {
    if (Math.abs(valence) >= minLexiconValence) vocabulary.add(normalizeText(word));
  }
  return vocabulary;
}

export const holdsOpinionWord = (words: readonly string[], vocabulary: ReadonlySet<string>) => words.some((word) => vocabulary.has(word));
