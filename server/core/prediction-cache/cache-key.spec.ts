import { describe, expect, it } from 'vitest';
import type { PredictionInput } from '../../../lib/contract';
import { cacheKey, inputHashOf } from './cache-key';

const keyOf = async (model: string, version: number, input: PredictionInput, topK?: number) => {
  const hash = await inputHashOf(input);
  return hash && cacheKey(model, version, hash, { topK });
};

describe('cache keys', () => {
  const text = { kind: 'text', text: 'hello' } as const;

  it('are the same for the same model, version, options and input', async () => {
    expect(await keyOf('sentiment', 1, text)).toBe(await keyOf('sentiment', 1, { kind: 'text', text: 'hello' }));
  });

  it('differ by model, version, topK and input', async () => {
    const keys = await Promise.all([
      keyOf('sentiment', 1, text),
      keyOf('other', 1, text),
      keyOf('sentiment', 2, text),
      keyOf('sentiment', 1, text, 3),
      keyOf('sentiment', 1, { kind: 'text', text: 'hello!' }),
      keyOf('sentiment', 1, { kind: 'image', image: new TextEncoder().encode('hello') }),
      keyOf('sentiment', 1, { kind: 'features', rows: [[1]] }),
    ]);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('hash image bytes and feature rows', async () => {
    const image = (bytes: number[]) => keyOf('mobilenetv2', 1, { kind: 'image', image: Uint8Array.from(bytes) }, 5);
    expect(await image([1, 2, 3])).toBe(await image([1, 2, 3]));
    expect(await image([1, 2, 3])).not.toBe(await image([1, 2, 4]));
    const rows = (values: number[][]) => keyOf('default', 1, { kind: 'features', rows: values });
    expect(await rows([[1, 2]])).toBe(await rows([[1.0, 2]]));
    expect(await rows([[1, 2]])).not.toBe(await rows([[1], [2]]));
  });

  it('do not exist for malformed input (the model refuses it; nothing to keep)', async () => {
    let deep: unknown = [1];
    for (let i = 0; i < 10_000; i++) deep = [deep];
    expect(await inputHashOf({ kind: 'features', rows: deep as number[][] })).toBeUndefined();
    expect(await inputHashOf({ kind: 'text', text: 42 as unknown as string })).toBeUndefined();
  });
});
