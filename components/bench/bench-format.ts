/** Requests per second: 12,345 · 812 · 46.2 · 3.07. */
export function formatRps(rps: number): string {
  if (!Number.isFinite(rps)) return '–';
  if (rps === 0) return '0';
  if (rps >= 100) return Math.round(rps).toLocaleString('en-US');
  return rps >= 10 ? rps.toFixed(1) : rps.toFixed(2);
}

/** A ratio as a multiple: 0.62×. */
export const formatRatio = (ratio: number | undefined) => (ratio === undefined || !Number.isFinite(ratio) ? '–' : `${ratio.toFixed(2)}×`);

/** "c32", or "sequential" for concurrency 1. */
export const loadTitle = (concurrency: number) => (concurrency === 1 ? 'sequential' : `c${concurrency}`);

/** Requests per second for an axis: 950 · 1.2k · 15k. */
export function formatRpsShort(rps: number): string {
  if (rps < 1000) return formatRps(rps);
  return `${(rps / 1000).toFixed(rps < 10_000 ? 1 : 0).replace(/\.0$/, '')}k`;
}
