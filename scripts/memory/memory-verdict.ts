/** The resident memory the server may hold after its first 1,000 requests. */
const RSS_LIMIT_MIB = 250;
/** How far any later reading may stray from that first one: ±10%. */
const FLAT_TOLERANCE = 0.1;

export interface MemorySample {
  /** Requests answered so far. */
  requests: number;
  /** The RSS after them: the median of the readings over the last quarter of the window (see memory-window.ts). */
  rssMiB: number;
  /** The lowest and highest reading while the window ran. */
  lowMiB: number;
  highMiB: number;
  /** The single reading once the window's last request was answered. */
  atEndMiB: number;
  /** The highest RSS since the server started (VmHWM). */
  peakRssMiB: number;
  failed: number;
}

export interface Verdict {
  pass: boolean;
  line: string;
}

const mib = (value: number) => `${value.toFixed(0)} MiB`;
const percent = (ratio: number) => `${ratio >= 0 ? '+' : ''}${(ratio * 100).toFixed(1)}%`;

/** PASS/MISS for: RSS ≤ 250 MiB after the first sample, and every later sample within ±10% of it. */
export function memoryVerdicts(first: MemorySample, later: readonly MemorySample[]): Verdict[] {
  const bounded: Verdict = {
    pass: first.rssMiB <= RSS_LIMIT_MIB,
    line: `RSS after the first ${first.requests.toLocaleString('en')} requests: ${mib(first.rssMiB)} (limit ${mib(RSS_LIMIT_MIB)})`,
  };
  const ratios = later.map((sample) => sample.rssMiB / first.rssMiB - 1);
  const low = Math.min(...ratios);
  const high = Math.max(...ratios);
  const more = (later.at(-1)?.requests ?? first.requests) - first.requests;
  const flat: Verdict = {
    pass: ratios.length > 0 && Math.max(-low, high) <= FLAT_TOLERANCE,
    line:
      `RSS over the next ${more.toLocaleString('en')} requests within ±${FLAT_TOLERANCE * 100}% of ${mib(first.rssMiB)}: ` +
      `${mib(Math.min(...later.map((sample) => sample.rssMiB)))} … ${mib(Math.max(...later.map((sample) => sample.rssMiB)))} (${percent(low)} … ${percent(high)})`,
  };
  return [bounded, flat];
}

/** The curve as a table: this header, then one row per sample. */
export const MEMORY_CURVE_HEADER = 'requests   RSS MiB   window min–max   at end   peak (VmHWM)   failed';

export const memoryCurveRow = (sample: MemorySample) =>
  [
    sample.requests.toLocaleString('en').padStart(8),
    sample.rssMiB.toFixed(1).padStart(8),
    `${sample.lowMiB.toFixed(0)}–${sample.highMiB.toFixed(0)}`.padStart(15),
    sample.atEndMiB.toFixed(1).padStart(8),
    sample.peakRssMiB.toFixed(1).padStart(13),
    String(sample.failed).padStart(7),
  ].join('  ');
