import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import { SeriesHistogram } from './series-histogram';

// Named after NVIDIA Triton's metrics where the meaning matches (docs/metrics.md), so dashboards made for Triton read
// ModelWire too; what Triton has no metric for is named modelwire_*.

/** Milliseconds, from a cached answer (well under 1 ms) to a slow image on a busy machine. */
const DURATION_BUCKETS_MS = [0.25, 0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000];
const BATCH_SIZE_BUCKETS = [1, 2, 4, 8, 16, 32, 64, 128];

const REQUEST_LABELS = ['model', 'version', 'protocol'] as const;
const MODEL_VERSION_LABELS = ['model', 'version'] as const;

/** Every metric the server reports as it works; the gauges read when scraped are in core-gauges.ts. */
export function createMetricsRegistry() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  /** Run before any metric below is read: the observer hands over the counts it summed since the last scrape. */
  const beforeScrape: Array<() => void> = [];
  const collect = () => beforeScrape.forEach((hook) => hook());

  return {
    registry,
    beforeScrape,
    requestSuccess: new Counter({
      name: 'nv_inference_request_success',
      help: 'Inference requests answered, by model, version and protocol (a cached answer counts too).',
      labelNames: REQUEST_LABELS,
      registers,
      collect,
    }),
    requestFailure: new Counter({
      name: 'nv_inference_request_failure',
      help: 'Inference requests refused or failed, by model, version (empty when unknown), protocol and reason (the error code).',
      labelNames: [...REQUEST_LABELS, 'reason'],
      registers,
    }),
    inferenceCount: new Counter({
      name: 'nv_inference_count',
      help: 'Inferences the models ran: an item of a batch counts one, a cached answer none.',
      labelNames: ['model'],
      registers,
      collect,
    }),
    execCount: new Counter({
      name: 'nv_inference_exec_count',
      help: 'Model executions: one per batch (a model that does not batch runs each request alone), cached answers excluded.',
      labelNames: ['model'],
      registers,
      collect,
    }),
    requestDurationUs: new Counter({
      name: 'nv_inference_request_duration_us',
      help: 'Cumulative time from receiving an answered request to its answer, in microseconds (cached answers included).',
      labelNames: REQUEST_LABELS,
      registers,
      collect,
    }),
    queueDurationUs: new Counter({
      name: 'nv_inference_queue_duration_us',
      help: 'Cumulative time answered requests waited for a batch, in microseconds (models that batch).',
      labelNames: MODEL_VERSION_LABELS,
      registers,
      collect,
    }),
    computeDurationUs: new Counter({
      name: 'nv_inference_compute_infer_duration_us',
      help: 'Cumulative time the models spent computing answers (preprocessing and inference), in microseconds.',
      labelNames: MODEL_VERSION_LABELS,
      registers,
      collect,
    }),
    requestHistogramMs: new SeriesHistogram({
      name: 'nv_inference_request_histogram_ms',
      help: 'Time from receiving an answered request to its answer, in milliseconds (cached answers included).',
      labelNames: REQUEST_LABELS,
      buckets: DURATION_BUCKETS_MS,
      registers,
    }),
    queueHistogramMs: new SeriesHistogram({
      name: 'nv_inference_queue_histogram_ms',
      help: 'Time answered requests waited for a batch, in milliseconds (models that batch).',
      labelNames: MODEL_VERSION_LABELS,
      buckets: DURATION_BUCKETS_MS,
      registers,
    }),
    computeHistogramMs: new SeriesHistogram({
      name: 'nv_inference_compute_infer_histogram_ms',
      help: 'Time the models spent computing an answer (preprocessing and inference), in milliseconds.',
      labelNames: MODEL_VERSION_LABELS,
      buckets: DURATION_BUCKETS_MS,
      registers,
    }),
    batchSize: new SeriesHistogram({
      name: 'modelwire_inference_batch_size',
      help: 'Items per model execution (the dynamic batcher of the image classifier; 1 for models that do not batch).',
      labelNames: ['model'],
      buckets: BATCH_SIZE_BUCKETS,
      registers,
    }),
    cacheHits: new Counter({ name: 'nv_cache_num_hits_per_model', help: 'Prediction cache hits.', labelNames: ['model'], registers, collect }),
    cacheMisses: new Counter({ name: 'nv_cache_num_misses_per_model', help: 'Prediction cache misses.', labelNames: ['model'], registers, collect }),
    requestsInFlight: new Gauge({
      name: 'modelwire_inference_requests_in_flight',
      help: 'Inference requests received and not yet answered, by model and protocol.',
      labelNames: ['model', 'protocol'],
      registers,
      collect,
    }),
  };
}

export type MetricsRegistry = ReturnType<typeof createMetricsRegistry>;
