import type { CoreObserver, PredictionRecord } from '../core/core-observer';
import type { MetricsRegistry } from './metrics-registry';

/** The model label of a name no model answers to: a caller's typos must not each become a series of their own. */
export const UNKNOWN_MODEL_LABEL = '_unknown';

export interface CoreMetricsObserverOptions {
  /** Whether a model of this name is served; until told, every name counts as served. */
  isServedModel?: (name: string) => boolean;
}

const US_PER_MS = 1000;

/**
 * The core's observer that counts into the metrics. Never throws: it runs on the request path, and a metric that
 * cannot be recorded must not fail a prediction.
 */
export function createCoreMetricsObserver(metrics: MetricsRegistry, { isServedModel = () => true }: CoreMetricsObserverOptions = {}): CoreObserver {
  const servedNames = new Set<string>();
  /** Models that report their executions through batchRan; every other model runs each request alone. */
  const batchingModels = new Set<string>();

  function modelLabel(name: string): string {
    if (servedNames.has(name)) return name;
    if (!isServedModel(name)) return UNKNOWN_MODEL_LABEL;
    servedNames.add(name);
    return name;
  }

  function executionRan(model: string, size: number): void {
    metrics.execCount.inc({ model });
    metrics.inferenceCount.inc({ model }, size);
    metrics.batchSize.observe({ model }, size);
  }

  function recordSuccess(record: PredictionRecord, model: string): void {
    const version = String(record.version ?? '');
    const labels = { model, version, protocol: record.protocol };
    metrics.requestSuccess.inc(labels);
    metrics.requestDurationUs.inc(labels, record.requestMs * US_PER_MS);
    metrics.requestHistogramMs.observe(labels, record.requestMs);
    if (record.queueMs !== undefined) {
      metrics.queueDurationUs.inc({ model, version }, record.queueMs * US_PER_MS);
      metrics.queueHistogramMs.observe({ model, version }, record.queueMs);
    }
    if (record.computeMs !== undefined) {
      metrics.computeDurationUs.inc({ model, version }, record.computeMs * US_PER_MS);
      metrics.computeHistogramMs.observe({ model, version }, record.computeMs);
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
    predictionStarted: guarded((model, protocol) => metrics.requestsInFlight.inc({ model: modelLabel(model), protocol })),
    predictionFinished: guarded((record) => {
      const model = modelLabel(record.model);
      metrics.requestsInFlight.dec({ model, protocol: record.protocol });
      if (record.outcome === 'success') return recordSuccess(record, model);
      const reason = record.errorCode ?? 'internal';
      metrics.requestFailure.inc({ model, version: String(record.version ?? ''), protocol: record.protocol, reason });
    }),
    batchRan: guarded((model, size) => {
      batchingModels.add(model);
      executionRan(model, size);
    }),
    cacheLookup: guarded((model, hit) => (hit ? metrics.cacheHits : metrics.cacheMisses).inc({ model })),
  };
}
