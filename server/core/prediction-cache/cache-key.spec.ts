import { describe, expect, it } from 'vitest';
import { cacheKey } from './cache-key';

describe('cacheKey', () => {
  const text = { kind: 'text', text: 'hello' } as const;

  it('is the same for the same model, version, options and input', () => {
    expect(cacheKey('sentiment', 1, text, {})).toBe(cacheKey('sentiment', 1, { kind: 'text', text: 'hello' }, {}));
  });

  it('differs by model, version, topK and input', () => {
    const keys = [
      cacheKey('sentiment', 1, text, {}),
      cacheKey('other', 1, text, {}),
      cacheKey('sentiment', 2, text, {}),
      cacheKey('sentiment', 1, text, { topK: 3 }),
      cacheKey('sentiment', 1, { kind: 'text', text: 'hello!' }, {}),
      cacheKey('sentiment', 1, { kind: 'image', image: new TextEncoder().encode('hello') }, {}),
    ];
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('hashes image bytes and feature rows', () => {
    const image = (bytes: number[]) => cacheKey('mobilenetv2', 1, { kind: 'image', image: Uint8Array.from(bytes) }, { topK: 5 });
    expect(image([1, 2, 3])).toBe(image([1, 2, 3]));
    expect(image([1, 2, 3])).not.toBe(image([1, 2, 4]));
    const rows = (values: number[][]) => cacheKey('default', 1, { kind: 'features', rows: values }, {});
    expect(rows([[1, 2]])).toBe(rows([[1.0, 2]]));
    expect(rows([[1, 2]])).not.toBe(rows([[1], [2]]));
  });

  it('has no key for malformed input (the model refuses it; nothing to keep)', () => {
    let deep: unknown = [1];
    for (let i = 0; i < 10_000; i++) deep = [deep];
    expect(cacheKey('default', 1, { kind: 'features', rows: deep as number[][] }, {})).toBeUndefined();
    expect(cacheKey('sentiment', 1, { kind: 'text', text: 42 as unknown as string }, {})).toBeUndefined();
  });
});
