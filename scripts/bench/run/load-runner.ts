import { quantile } from '../../../lib/latency-stats';
import type { LatencyPercentiles } from '../../../lib/bench/bench-report';
import { CallRefused } from '../lanes/lane';

/** One load: `calls` calls, or as many as fit in `seconds`; with both, whichever ends first. */
export interface LoadPlan {
  concurrency: number;
  calls?: number;
  seconds?: number;
}

export interface LoadOutcome {
  concurrency: number;
  calls: number;
  errors: number;
  /** Calls the server shed with `overloaded`: neither answered nor errors. */
  refused: number;
  durationMs: number;
  /** Successful calls per second. */
  rps: number;
  latencyMs: LatencyPercentiles;
  firstError?: string;
  firstRefusal?: string;
}

/** No call finished for this long: the run stops and counts the calls still out as errors. */
const STALL_MS = 15_000;
const TICK_MS = 200;

export function percentilesOf(latencies: number[]): LatencyPercentiles {
  if (latencies.length === 0) return { p50: NaN, p95: NaN, p99: NaN, mean: NaN, max: NaN };
  const sorted = Float64Array.from(latencies).sort();
  const values = Array.from(sorted);
  return {
    p50: quantile(values, 0.5),
    p95: quantile(values, 0.95),
    p99: quantile(values, 0.99),
    mean: values.reduce((sum, value) => sum + value, 0) / values.length,
    max: values[values.length - 1]!,
  };
}

/** What one stretch of load measured, its latencies kept so that stretches of the same load can be added up. */
export interface LoadSample {
  concurrency: number;
  calls: number;
  errors: number;
  refused: number;
  durationMs: number;
  /** Of the answered calls, in milliseconds. */
  latencies: number[];
  firstError?: string;
  firstRefusal?: string;
}

/** Stretches of one load taken as one: their calls, errors and time added, their latencies pooled. */
export function combineSamples(samples: readonly LoadSample[]): LoadOutcome {
  if (samples.length === 0) throw new Error('no load was measured');
  const sum = (count: (sample: LoadSample) => number) => samples.reduce((total, sample) => total + count(sample), 0);
  const latencies = samples.flatMap((sample) => sample.latencies);
  const durationMs = sum((sample) => sample.durationMs);
  return {
    concurrency: samples[0]!.concurrency,
    calls: sum((sample) => sample.calls),
    errors: sum((sample) => sample.errors),
    refused: sum((sample) => sample.refused),
    durationMs,
    rps: (latencies.length * 1000) / durationMs,
    latencyMs: percentilesOf(latencies),
    firstError: samples.find((sample) => sample.firstError)?.firstError,
    firstRefusal: samples.find((sample) => sample.firstRefusal)?.firstRefusal,
  };
}

/**
 * Closed-loop load: `concurrency` workers, each sending its next call as soon as its last one answered. Latency is
 * timed around each call; failed calls count as errors and stay out of the percentiles. `onProgress` gets 0..1.
 */
export async function runLoad(call: () => Promise<unknown>, plan: LoadPlan, onProgress?: (fraction: number) => void): Promise<LoadOutcome> {
  return combineSamples([await sampleLoad(call, plan, onProgress)]);
}

/** runLoad's measurement, its latencies kept. */
export async function sampleLoad(call: () => Promise<unknown>, plan: LoadPlan, onProgress?: (fraction: number) => void): Promise<LoadSample> {
  const latencies: number[] = [];
  let started = 0;
  let errors = 0;
  let refused = 0;
  let firstError: string | undefined;
  let firstRefusal: string | undefined;
  let stopped = false;
  const startedAt = performance.now();
  const deadline = plan.seconds === undefined ? Infinity : startedAt + plan.seconds * 1000;
  let lastAnswerAt = startedAt;

  const more = () => !stopped && (plan.calls === undefined || started < plan.calls) && performance.now() < deadline;
  async function worker() {
    while (more()) {
      started += 1;
      const callStarted = performance.now();
      try {
        await call();
        latencies.push(performance.now() - callStarted);
      } catch (error) {
        if (error instanceof CallRefused) {
          refused += 1;
          firstRefusal ??= error.message;
        } else {
          errors += 1;
          firstError ??= error instanceof Error ? error.message : String(error);
        }
      }
      lastAnswerAt = performance.now();
    }
  }

  let stalled!: () => void;
  const stall = new Promise<void>((resolve) => (stalled = resolve));
  const ticker = setInterval(() => {
    const now = performance.now();
    const byCalls = plan.calls === undefined ? 0 : started / plan.calls;
    const byTime = Number.isFinite(deadline) ? (now - startedAt) / (deadline - startedAt) : 0;
    onProgress?.(Math.min(1, Math.max(byCalls, byTime)));
    if (now - lastAnswerAt > STALL_MS) stalled();
  }, TICK_MS);
  await Promise.race([Promise.all(Array.from({ length: plan.concurrency }, worker)), stall]);
  clearInterval(ticker);
  stopped = true;

  const durationMs = performance.now() - startedAt;
  const outstanding = started - latencies.length - errors - refused;
  if (outstanding > 0) firstError ??= `${outstanding} calls had no answer after ${STALL_MS / 1000} s`;
  errors += outstanding;
  return { concurrency: plan.concurrency, calls: started, errors, refused, durationMs, latencies, firstError, firstRefusal };
}
