import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRestClient } from '../../lib/clients/rest-client';
import { valueOf } from '../support/outcomes';
import { useApi } from '../support/use-api';
import { scrapeMetrics, sumOf, type Sample } from './prometheus-text';
import { protocolCallers, type ProtocolCaller } from '../support/protocol-callers';

// Requests on all six protocols, then GET /metrics over HTTP: the series of each protocol moved.

const text = (value: string) => ({ kind: 'text', text: value }) as const;

/** How much a series grew between two scrapes. */
const growth = (before: Sample[], after: Sample[], name: string, labels: Record<string, string> = {}) =>
  sumOf(after, name, labels) - sumOf(before, name, labels);

describe('GET /metrics after requests on every protocol', () => {
  const api = useApi();
  let callers: ProtocolCaller[] = [];
  beforeAll(() => {
    callers = protocolCallers(api());
  });
  afterAll(() => callers.forEach((caller) => caller.close()));

  it('counts one success per protocol, with its request and compute durations', async () => {
    const before = await scrapeMetrics(api().url);
    for (const caller of callers) expect(await caller.predict('sentiment', text(`a lovely day, said over ${caller.label}`))).toBe('ok');
    const after = await scrapeMetrics(api().url);

    expect(callers.map((caller) => caller.label).sort()).toEqual(['graphql', 'grpc', 'mqtt', 'rest', 'soap', 'websocket']);
    for (const { label } of callers) {
      const series = { model: 'sentiment', version: '1', protocol: label };
      expect({ label, successes: growth(before, after, 'nv_inference_request_success', series) }).toEqual({ label, successes: 1 });
      expect(growth(before, after, 'nv_inference_request_histogram_ms_count', series)).toBe(1);
      expect(growth(before, after, 'nv_inference_request_histogram_ms_bucket', { ...series, le: '+Inf' })).toBe(1);
      expect(growth(before, after, 'nv_inference_request_duration_us', series)).toBeGreaterThan(0);
      expect(sumOf(after, 'modelwire_inference_requests_in_flight', { model: 'sentiment', protocol: label })).toBe(0);
    }
    // Six different texts: six cache misses, six runs of the model.
    expect(growth(before, after, 'nv_cache_num_misses_per_model', { model: 'sentiment' })).toBe(6);
    expect(growth(before, after, 'nv_inference_compute_infer_histogram_ms_count', { model: 'sentiment', version: '1' })).toBe(6);
    expect(growth(before, after, 'nv_inference_compute_infer_duration_us', { model: 'sentiment' })).toBeGreaterThan(0);
    expect(growth(before, after, 'nv_inference_exec_count', { model: 'sentiment' })).toBe(6);
    expect(growth(before, after, 'nv_inference_count', { model: 'sentiment' })).toBe(6);
  });

  it('counts a failure per protocol with the error code as its reason, and unknown model names under one label', async () => {
    const before = await scrapeMetrics(api().url);
    for (const caller of callers) expect(await caller.predict('no-such-model', text('hello'))).toBe('not_found');
    const features = await createRestClient(api().url).predict('sentiment', { kind: 'features', rows: [[1, 2]] });
    expect(features.ok ? 'ok' : features.error.code).toBe('invalid_input');
    const after = await scrapeMetrics(api().url);

    for (const { label } of callers) {
      expect(growth(before, after, 'nv_inference_request_failure', { model: '_unknown', version: '', protocol: label, reason: 'not_found' })).toBe(1);
    }
    expect(growth(before, after, 'nv_inference_request_failure', { model: 'sentiment', protocol: 'rest', reason: 'invalid_input' })).toBe(1);
    expect(after.some((sample) => sample.labels.model === 'no-such-model')).toBe(false);
    expect(growth(before, after, 'nv_inference_request_success')).toBe(0);
  });

  it('counts a cache hit when an identical request comes again, whatever protocol it comes over', async () => {
    const rest = createRestClient(api().url);
    const mqtt = callers.find((caller) => caller.label === 'mqtt')!;
    const before = await scrapeMetrics(api().url);
    expect(valueOf(await rest.predict('sentiment', text('the very same words'))).cached).toBe(false);
    expect(await mqtt.predict('sentiment', text('the very same words'))).toBe('ok');
    const after = await scrapeMetrics(api().url);

    expect(growth(before, after, 'nv_cache_num_misses_per_model', { model: 'sentiment' })).toBe(1);
    expect(growth(before, after, 'nv_cache_num_hits_per_model', { model: 'sentiment' })).toBe(1);
    // The cached answer is a success with a request time, but the model did not run for it.
    expect(growth(before, after, 'nv_inference_request_success', { model: 'sentiment', protocol: 'mqtt' })).toBe(1);
    expect(growth(before, after, 'nv_inference_request_histogram_ms_count', { model: 'sentiment', protocol: 'mqtt' })).toBe(1);
    expect(growth(before, after, 'nv_inference_compute_infer_histogram_ms_count', { model: 'sentiment' })).toBe(1);
    expect(growth(before, after, 'nv_inference_exec_count', { model: 'sentiment' })).toBe(1);
  });
});
