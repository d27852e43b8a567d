/** mulberry32: a tiny seeded PRNG with well-mixed 32-bit output; the same seed gives the same stream everywhere. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** Fisher-Yates shuffle of 0..n-1 driven by the seed. */
export function seededPermutation(n: number, seed: number): number[] {
  const random = seededRandom(seed);
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

/** Fold number of each of n items: a seeded shuffle dealt round-robin, so fold sizes differ by at most one. */
export function assignFolds(n: number, folds: number, seed: number): Int32Array {
  if (!Number.isInteger(folds) || folds < 2 || folds > n) throw new Error(`folds must be an integer from 2 to ${n}`);
  const fold = new Int32Array(n);
  seededPermutation(n, seed).forEach((item, position) => (fold[item] = position % folds));
  return fold;
}

/** The training and test indices of one fold. */
export function splitFold(fold: Int32Array, k: number): { train: number[]; test: number[] } {
  const train: number[] = [];
  const test: number[] = [];
  fold.forEach((f, i) => (f === k ? test : train).push(i));
  return { train, test };
}
