/** Milliseconds with sensible precision: 0.42 ms, 3.1 ms, 128 ms. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  if (ms < 1) return `${ms.toFixed(2)} ms`;
  if (ms < 100) return `${ms.toFixed(1)} ms`;
  return `${Math.round(ms)} ms`;
}

/** Bytes as B, kB or MB (1 kB = 1000 B, as network tools count). */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1)} kB`;
  return `${(bytes / 1_000_000).toFixed(2)} MB`;
}

export const errorText = (error: unknown) => (error instanceof Error ? `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}` : String(error));

/** A fitted or predicted number to six significant digits, trailing zeros dropped: 2.625, 0.333333. */
export const sixDigits = (value: number) => Number(value.toPrecision(6));
