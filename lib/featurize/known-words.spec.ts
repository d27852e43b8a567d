import { describe, expect, it } from 'vitest';
import { bitsetFromBase64, bitsetToBase64, hasKnownWord, knownWordBitset } from './known-words';
import { SENTIMENT_HASH_SIZE } from './text';

describe('known-word bitset', () => {
  const bits = knownWordBitset(['The battery works great.', 'Awful screen!']);

  it('knows the training words, whatever their case, and not others', () => {
    expect(hasKnownWord('BATTERY life', bits)).toBe(true);
    expect(hasKnownWord('an awful day', bits)).toBe(true);
    expect(hasKnownWord('zzxq wvvk', bits)).toBe(false);
    expect(hasKnownWord('😀 !!!', bits)).toBe(false);
  });

  it('round-trips through base64 at a fixed size', () => {
    const encoded = bitsetToBase64(bits);
    expect(bitsetFromBase64(encoded)).toEqual(bits);
    expect(bits.length).toBe(SENTIMENT_HASH_SIZE / 8);
    expect(() => bitsetFromBase64(btoa('short'))).toThrow(/expected/);
  });
});
