import { describe, expect, it } from 'vitest';
import { createSparseRowLender } from './sparse-row-lender';

const sparse = (entries: Array<[number, number]>) => ({ indices: Int32Array.from(entries.map(([index]) => index)), values: Float32Array.from(entries.map(([, value]) => value)) });

describe('sparse row lender', () => {
  it('lends a row holding exactly the given features, and the next one lent is zero again', async () => {
    const lender = createSparseRowLender(6, 4);
    const first = await lender.withRow(sparse([[1, 0.5], [4, 2]]), async (row) => Array.from(row));
    expect(first).toEqual([0, 0.5, 0, 0, 2, 0]);
    const second = await lender.withRow(sparse([[0, 3]]), async (row) => Array.from(row));
    expect(second).toEqual([3, 0, 0, 0, 0, 0]);
  });

  it('reuses a returned row instead of making a new one', async () => {
    const lender = createSparseRowLender(4, 4);
    const first = await lender.withRow(sparse([[2, 1]]), async (row) => row);
    const second = await lender.withRow(sparse([[3, 1]]), async (row) => row);
    expect(second).toBe(first);
    expect(Array.from(second)).toEqual([0, 0, 0, 0]);
  });

  it('gives calls that overlap rows of their own', async () => {
    const lender = createSparseRowLender(3, 4);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const first = lender.withRow(sparse([[0, 1]]), async (row) => {
      await held;
      return Array.from(row);
    });
    const second = await lender.withRow(sparse([[2, 7]]), async (row) => Array.from(row));
    release();
    expect(await first).toEqual([1, 0, 0]);
    expect(second).toEqual([0, 0, 7]);
  });

  it('zeroes and takes back the row when the run fails', async () => {
    const lender = createSparseRowLender(3, 4);
    let failed: Float32Array | undefined;
    await expect(
      lender.withRow(sparse([[1, 9]]), async (row) => {
        failed = row;
        throw new Error('run failed');
      }),
    ).rejects.toThrow('run failed');
    expect(Array.from(failed!)).toEqual([0, 0, 0]);
    expect(await lender.withRow(sparse([]), async (row) => row)).toBe(failed);
  });

  it('keeps at most `keep` rows waiting', async () => {
    const lender = createSparseRowLender(2, 1);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const rows: Float32Array[] = [];
    const calls = [0, 1].map(() => lender.withRow(sparse([]), async (row) => (rows.push(row), await held)));
    release();
    await Promise.all(calls);
    const next = [await lender.withRow(sparse([]), async (row) => row), await lender.withRow(sparse([]), async (row) => row)];
    expect(next[0]).toBe(next[1]);
    expect(rows.filter((row) => row === next[0])).toHaveLength(1);
  });
});
