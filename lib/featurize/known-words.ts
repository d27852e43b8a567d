import { SENTIMENT_HASH_SIZE, hashBucket } from './text';
import { tokenizeText } from './text-tokens';

/**
 * The words of the training set as a Bloom filter: SENTIMENT_HASH_SIZE bits (8 KiB), two hashes per word,
 * stored base64 in the model's JSON sidecar. About 2% of unseen words test as known; that is fine for its one
 * use: a text none of whose words is known gives the model only character fragments, so it is reported neutral.
 */
const bitsOf = (word: string) => [hashBucket(`known:1:${word}`), hashBucket(`known:2:${word}`)];

const words = (text: string) => tokenizeText(text).flatMap((token) => (token.kind === 'word' ? [token.text] : []));

export function knownWordBitset(texts: Iterable<string>): Uint8Array {
  const bits = new Uint8Array(SENTIMENT_HASH_SIZE / 8);
  for (const text of texts) {
    for (const word of words(text)) for (const bit of bitsOf(word)) bits[bit >> 3]! |= 1 << (bit & 7);
  }
  return bits;
}

export function hasKnownWord(text: string, knownWords: Uint8Array): boolean {
  return words(text).some((word) => bitsOf(word).every((bit) => (((knownWords[bit >> 3] ?? 0) >> (bit & 7)) & 1) === 1));
}

/** base64 without node:buffer, so the browser decodes the sidecar with the same code. */
export function bitsetToBase64(bits: Uint8Array): string {
  let binary = '';
  for (const byte of bits) binary += String.fromCharCode(byte);
  return btoa(binary);
}

export function bitsetFromBase64(encoded: string): Uint8Array {
  const binary = atob(encoded);
  if (binary.length !== SENTIMENT_HASH_SIZE / 8) throw new Error(`known-word bitset has ${binary.length} bytes, expected ${SENTIMENT_HASH_SIZE / 8}`);
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}
