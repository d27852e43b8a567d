/** A word with its negation scope resolved; punctuation and symbols are kept as their own tokens. */
export interface TextToken {
  text: string;
  kind: 'word' | 'punctuation' | 'emoji';
  /** True inside a negation scope: after a negator, up to the next punctuation mark. */
  negated: boolean;
}

/** Negators beyond the lexicon's own list (AFINN's has only not/don't/can't-style words); any "...n't" word is one too. */
export const EXTRA_NEGATORS = [
  'no', 'never', 'nothing', 'nobody', 'none', 'neither', 'nor', 'nowhere', 'without', 'cannot', 'hardly', 'barely',
] as const;

/**
 * NFKC, lower case, typographic apostrophes folded to ', control/format characters (e.g. stray
 * Windows-1252 dashes decoded as C1 controls) turned into spaces. toLowerCase is locale-independent.
 */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc\u0060\u00b4]/g, "'")
    .replace(/[\p{Cc}\p{Cf}]/gu, ' ');
}

// Words are runs of letters, marks and digits with inner apostrophes (don't, l'amour); hyphens split words.
const TOKEN = /[\p{L}\p{M}\p{N}]+(?:'[\p{L}\p{M}\p{N}]+)*|[.!?,;:]|\p{Extended_Pictographic}/gu;
const PUNCTUATION = /^[.!?,;:]$/;

/**
 * Deterministic, Unicode-aware tokenisation with negation scope marking ("not good." → not, good*).
 * `negators` must be normalised the same way as text (lower case, ' apostrophes).
 */
export function tokenizeText(text: string, negators: ReadonlySet<string> = new Set()): TextToken[] {
  const isNegator = (word: string) => negators.has(word) || word.endsWith("n't");
  const tokens: TextToken[] = [];
  let negated = false;
  for (const match of normalizeText(text).matchAll(TOKEN)) {
    const token = match[0];
    if (PUNCTUATION.test(token)) {
      negated = false;
      tokens.push({ text: token, kind: 'punctuation', negated: false });
    } else if (/^\p{Extended_Pictographic}$/u.test(token)) {
      tokens.push({ text: token, kind: 'emoji', negated });
    } else {
      tokens.push({ text: token, kind: 'word', negated });
      if (isNegator(token)) negated = true;
    }
  }
  return tokens;
}
