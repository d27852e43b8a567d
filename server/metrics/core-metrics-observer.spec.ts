import { describe, expect, it, vi } from 'vitest';
import { parsePrometheusText, sumOf } from '../../test/metrics/prometheus-text';
import type { PredictionRecord } from '../core/core-observer';
import { createCoreMetricsObserver, UNKNOWN_MODEL_LABEL } from './core-metrics-observer';
import { createMetricsRegistry } from './metrics-registry';

function observed(isServedModel?: (name: string) => boolean) {
  const metrics = createMetricsRegistry();
  const observer = createCoreMetricsObserver(metrics, { isServedModel });
  const scrape = async () => parsePrometheusText(await metrics.registry.metrics());
  return { observer, scrape };
}

const answered = (fields: Partial<PredictionRecord> = {}): PredictionRecord => ({
  model: 'sentiment',
  version: 1,
  protocol: 'rest',
  outcome: 'success',
  cached: false,
  requestMs: 12,
  computeMs: 4,
  ...fields,
});

describe('core metrics observer', () => {
  it('counts answers by model, version and protocol, with Triton microsecond counters and millisecond histograms', async () => {
    const { observer, scrape } = observed();
    observer.predictionStarted!('sentiment', 'rest');
    observer.predictionStarted!('sentiment', 'mqtt');
    let samples = await scrape();
    expect(sumOf(samples, 'modelwire_inference_requests_in_flight', { model: 'sentiment' })).toBe(2);

    observer.predictionFinished!(answered());
    observer.predictionFinished!(answered({ protocol: 'mqtt', requestMs: 2, computeMs: undefined, cached: true }));
    samples = await scrape();
    const rest = { model: 'sentiment', version: '1', protocol: 'rest' };
    expect(sumOf(samples, 'modelwire_inference_requests_in_flight')).toBe(0);
    expect(sumOf(samples, 'nv_inference_request_success', rest)).toBe(1);
    expect(sumOf(samples, 'nv_inference_request_success', { protocol: 'mqtt' })).toBe(1);
    expect(sumOf(samples, 'nv_inference_request_duration_us', rest)).toBe(12_000);
    expect(sumOf(samples, 'nv_inference_request_histogram_ms_count', { model: 'sentiment' })).toBe(2);
    expect(sumOf(samples, 'nv_inference_request_histogram_ms_sum', { model: 'sentiment' })).toBe(14);
    expect(sumOf(samples, 'nv_inference_request_histogram_ms_bucket', { ...rest, le: '10' })).toBe(0);
    expect(sumOf(samples, 'nv_inference_request_histogram_ms_bucket', { ...rest, le: '25' })).toBe(1);
    // The cached answer computed nothing and waited for no batch.
    expect(sumOf(samples, 'nv_inference_compute_infer_duration_us')).toBe(4_000);
    expect(sumOf(samples, 'nv_inference_compute_infer_histogram_ms_count')).toBe(1);
    expect(sumOf(samples, 'nv_inference_queue_histogram_ms_count')).toBe(0);
  });

  it('counts failures with their error code as the reason, and folds names no model answers to into one label', async () => {
    const { observer, scrape } = observed((name) => name === 'sentiment');
    observer.predictionStarted!('no-such-model', 'grpc');
    observer.predictionFinished!({ model: 'no-such-model', version: null, protocol: 'grpc', outcome: 'failure', errorCode: 'not_found', cached: false, requestMs: 1 });
    observer.predictionFinished!({ model: 'sentiment', version: null, protocol: 'soap', outcome: 'failure', errorCode: 'invalid_input', cached: false, requestMs: 1 });
    const samples = await scrape();
    expect(sumOf(samples, 'nv_inference_request_failure', { model: UNKNOWN_MODEL_LABEL, version: '', protocol: 'grpc', reason: 'not_found' })).toBe(1);
    expect(sumOf(samples, 'nv_inference_request_failure', { model: 'sentiment', protocol: 'soap', reason: 'invalid_input' })).toBe(1);
    expect(samples.some((sample) => sample.labels.model === 'no-such-model')).toBe(false);
    expect(sumOf(samples, 'modelwire_inference_requests_in_flight', { model: UNKNOWN_MODEL_LABEL })).toBe(0);
    expect(sumOf(samples, 'nv_inference_request_success')).toBe(0);
    expect(sumOf(samples, 'nv_inference_request_duration_us')).toBe(0);
  });

  it('counts one execution per batch for a batching model, and one per computed answer for the others', async () => {
    const { observer, scrape } = observed();
    observer.batchRan!('mobilenetv2', 3);
    for (let i = 0; i < 3; i++) observer.predictionFinished!(answered({ model: 'mobilenetv2', queueMs: 2 }));
    observer.predictionFinished!(answered());
    observer.predictionFinished!(answered({ cached: true, computeMs: undefined }));
    const samples = await scrape();
    expect(sumOf(samples, 'nv_inference_exec_count', { model: 'mobilenetv2' })).toBe(1);
    expect(sumOf(samples, 'nv_inference_count', { model: 'mobilenetv2' })).toBe(3);
    expect(sumOf(samples, 'modelwire_inference_batch_size_bucket', { model: 'mobilenetv2', le: '2' })).toBe(0);
    expect(sumOf(samples, 'modelwire_inference_batch_size_bucket', { model: 'mobilenetv2', le: '4' })).toBe(1);
    expect(sumOf(samples, 'nv_inference_queue_duration_us', { model: 'mobilenetv2', version: '1' })).toBe(6_000);
    expect(sumOf(samples, 'nv_inference_queue_histogram_ms_count', { model: 'mobilenetv2' })).toBe(3);
    expect(sumOf(samples, 'nv_inference_exec_count', { model: 'sentiment' })).toBe(1);
    expect(sumOf(samples, 'modelwire_inference_batch_size_sum', { model: 'sentiment' })).toBe(1);
  });

  it('counts cache hits and misses per model', async () => {
    const { observer, scrape } = observed();
    observer.cacheLookup!('sentiment', false);
    observer.cacheLookup!('sentiment', true);
    observer.cacheLookup!('sentiment', true);
    const samples = await scrape();
    expect(sumOf(samples, 'nv_cache_num_hits_per_model', { model: 'sentiment' })).toBe(2);
    expect(sumOf(samples, 'nv_cache_num_misses_per_model', { model: 'sentiment' })).toBe(1);
  });

  it('never throws on the request path: a value a metric refuses is logged and the rest still counts', async () => {
    const { observer, scrape } = observed();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      // A clock stepping back could give a negative duration, which a counter refuses.
      expect(() => observer.predictionFinished!(answered({ requestMs: -1 }))).not.toThrow();
      expect(warn).toHaveBeenCalledWith('a metric could not be recorded', expect.any(Error));
    } finally {
      warn.mockRestore();
    }
    expect(sumOf(await scrape(), 'nv_inference_request_success')).toBe(1);
  });

  it('keeps the process metrics in its own registry', async () => {
    const samples = await observed().scrape();
    expect(sumOf(samples, 'process_cpu_seconds_total')).toBeGreaterThan(0);
    expect(samples.some((sample) => sample.name === 'nodejs_eventloop_lag_seconds')).toBe(true);
  });
});
