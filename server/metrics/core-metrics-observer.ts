import type { Counter, Gauge } from 'prom-client';
import type { CoreObserver, PredictionRecord } from '../core/core-observer';
import type { MetricsRegistry } from './metrics-registry';
import type { HistogramSeries, SeriesHistogram } from './series-histogram';

/** The model label of a name no model answers to: a caller's typos must not each become a series of their own. */
export const UNKNOWN_MODEL_LABEL = '_unknown';

export interface CoreMetricsObserverOptions {
  /** Whether a model of this name is served; until told, every name counts as served. */
  isServedModel?: (name: string) => boolean;
}

const US_PER_MS = 1000;

type Labels = Record<string, string>;
type Countable = Pick<Counter<string> | Gauge<string>, 'inc'>;

/**
 * One label set, and what each counter (or gauge) gained under it since the last scrape: summed in numbers and handed
 * to prom-client when /metrics is read, because prom-client checks and hashes the labels of every inc(). Its
 * histograms' series are looked up once and observed into directly (see SeriesHistogram).
 */
class Series {
  private readonly pending = new Map<Countable, number>();
  private readonly histograms = new Map<SeriesHistogram, HistogramSeries>();
  constructor(readonly labels: Labels) {}
  /** Observed into at once: the histogram reads its series when scraped. */
  observe(histogram: SeriesHistogram, value: number): void {
    let series = this.histograms.get(histogram);
    if (!series) {
      series = histogram.seriesOf(this.labels);
      this.histograms.set(histogram, series);
    }
    series.observe(value);
  }
  /** A metric is absent from /metrics for this label set until it is first added to, as with prom-client's inc(). */
  add(metric: Countable, value: number, minimum = 0): void {
    // Refused now, as prom-client would: at scrape time it would fail the whole scrape.
    if (!(value >= minimum) || !Number.isFinite(value)) throw new RangeError(`${value} cannot be counted for ${JSON.stringify(this.labels)}`);
    this.pending.set(metric, (this.pending.get(metric) ?? 0) + value);
  }
  handOver(): void {
    for (const [metric, value] of this.pending) {
      metric.inc(this.labels, value);
      this.pending.set(metric, 0);
    }
  }
}

/**
 * The core's observer that counts into the metrics. Never throws: it runs on the request path, and a metric that
 * cannot be recorded must not fail a prediction.
 */
export function createCoreMetricsObserver(metrics: MetricsRegistry, { isServedModel = () => true }: CoreMetricsObserverOptions = {}): CoreObserver {
  const servedNames = new Set<string>();
  /** Models that report their executions through batchRan; every other model runs each request alone. */
  const batchingModels = new Set<string>();

  /** By model; model and protocol; model, version and protocol; model and version. */
  const seriesMaps = Array.from({ length: 4 }, () => new Map<string, Series>());
  const [byModel, byModelProtocol, byRequest, byModelVersion] = seriesMaps as [Map<string, Series>, Map<string, Series>, Map<string, Series>, Map<string, Series>];
  metrics.beforeScrape.push(() => seriesMaps.forEach((map) => map.forEach((series) => series.handOver())));
  function seriesOf(map: Map<string, Series>, key: string, labels: () => Labels): Series {
    let series = map.get(key);
    if (!series) {
      series = new Series(labels());
      map.set(key, series);
    }
    return series;
  }
  const modelSeries = (model: string) => seriesOf(byModel, model, () => ({ model }));
  const inFlightSeries = (model: string, protocol: string) => seriesOf(byModelProtocol, `${model}\0${protocol}`, () => ({ model, protocol }));

  function modelLabel(name: string): string {
    if (servedNames.has(name)) return name;
    if (!isServedModel(name)) return UNKNOWN_MODEL_LABEL;
    servedNames.add(name);
    return name;
  }

  function executionRan(model: string, size: number): void {
    const series = modelSeries(model);
    series.add(metrics.execCount, 1);
    series.add(metrics.inferenceCount, size);
    series.observe(metrics.batchSize, size);
  }

  function recordSuccess(record: PredictionRecord, model: string): void {
    const version = String(record.version ?? '');
    const request = seriesOf(byRequest, `${model}\0${version}\0${record.protocol}`, () => ({ model, version, protocol: record.protocol }));
    request.add(metrics.requestSuccess, 1);
    request.add(metrics.requestDurationUs, record.requestMs * US_PER_MS);
    request.observe(metrics.requestHistogramMs, record.requestMs);
    if (record.queueMs !== undefined || record.computeMs !== undefined) {
      const modelVersion = seriesOf(byModelVersion, `${model}\0${version}`, () => ({ model, version }));
      if (record.queueMs !== undefined) {
        modelVersion.add(metrics.queueDurationUs, record.queueMs * US_PER_MS);
        modelVersion.observe(metrics.queueHistogramMs, record.queueMs);
      }
      if (record.computeMs !== undefined) {
        modelVersion.add(metrics.computeDurationUs, record.computeMs * US_PER_MS);
        modelVersion.observe(metrics.computeHistogramMs, record.computeMs);
      }
    }
    // A batching model's batch was counted when it ran, before any of its requests was answered.
    if (!record.cached && !batchingModels.has(model)) executionRan(model, 1);
  }

  const guarded =
    <Args extends unknown[]>(record: (...args: Args) => void) =>
    (...args: Args) => {
      try {
        record(...args);
      } catch (error) {
        console.warn('a metric could not be recorded', error);
      }
    };

  return {
    predictionStarted: guarded((model, protocol) => inFlightSeries(modelLabel(model), protocol).add(metrics.requestsInFlight, 1)),
    predictionFinished: guarded((record) => {
      const model = modelLabel(record.model);
      inFlightSeries(model, record.protocol).add(metrics.requestsInFlight, -1, -Infinity);
      if (record.outcome === 'success') return recordSuccess(record, model);
      const reason = record.errorCode ?? 'internal';
      metrics.requestFailure.inc({ model, version: String(record.version ?? ''), protocol: record.protocol, reason });
    }),
    batchRan: guarded((model, size) => {
      batchingModels.add(model);
      executionRan(model, size);
    }),
    cacheLookup: guarded((model, hit) => modelSeries(model).add(hit ? metrics.cacheHits : metrics.cacheMisses, 1)),
  };
}
