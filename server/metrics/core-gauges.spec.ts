import { describe, expect, it } from 'vitest';
import type { ModelDescriptor } from '../../lib/contract';
import { parsePrometheusText, sumOf } from '../../test/metrics/prometheus-text';
import { createInferenceCore } from '../core/inference-core';
import type { ServedModel } from '../core/served-model';
import type { TrainableModels } from '../core/trainable-models';
import { createServerMetrics } from '.';

/** A text model that answers the text's length, once `gate` lets it; described as `versions` say. */
function lengthModel(name: string, versions: number[], gate: Promise<void> = Promise.resolve()): ServedModel {
  const version = versions.at(-1) ?? null;
  const descriptor: ModelDescriptor = {
    name,
    kind: 'text-sentiment',
    input: 'text',
    description: '',
    status: version === null ? 'not_installed' : 'ready',
    version,
    versions,
    trainable: false,
  };
  return {
    name,
    describe: () => descriptor,
    async predict(input) {
      await gate;
      const score = input.kind === 'text' ? input.text.length : 0;
      return { version: version ?? 0, output: { kind: 'sentiment', label: 'positive', score, probability: 1 }, inferenceMs: 1, preprocessMs: 0 };
    },
  };
}

const noTrainable: TrainableModels = { names: () => [], has: () => false, get: () => { throw new Error('none'); }, train: async () => { throw new Error('none'); } };

describe('gauges read from the core when scraped', () => {
  it('reports calls running, stream sessions open and each model version state', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const metrics = createServerMetrics();
    const core = createInferenceCore({
      builtins: [lengthModel('lengths', [1, 2], gate), lengthModel('absent', [])],
      trainable: noTrainable,
      observer: metrics.observer,
    });
    metrics.watchCore(core);
    const scrape = async () => parsePrometheusText(await metrics.registry.metrics());

    const running = core.predict('lengths', { kind: 'text', text: 'waits' }, { protocol: 'websocket' });
    const session = core.streams.open({ owner: 'spec', model: 'lengths' });
    let samples = await scrape();
    expect(sumOf(samples, 'modelwire_core_calls_running')).toBe(1);
    expect(sumOf(samples, 'modelwire_inference_requests_in_flight', { model: 'lengths', protocol: 'websocket' })).toBe(1);
    expect(sumOf(samples, 'modelwire_stream_sessions_open')).toBe(1);
    for (const version of ['1', '2']) {
      expect(sumOf(samples, 'modelwire_model_state', { model: 'lengths', version, state: 'ready' })).toBe(1);
      expect(sumOf(samples, 'modelwire_model_state', { model: 'lengths', version, state: 'not_installed' })).toBe(0);
    }
    expect(sumOf(samples, 'modelwire_model_state', { model: 'absent', version: '', state: 'not_installed' })).toBe(1);
    expect(sumOf(samples, 'modelwire_model_state', { model: 'absent', version: '', state: 'ready' })).toBe(0);

    release();
    await running;
    session.close('client');
    samples = await scrape();
    expect(sumOf(samples, 'modelwire_core_calls_running')).toBe(0);
    expect(sumOf(samples, 'modelwire_inference_requests_in_flight')).toBe(0);
    expect(sumOf(samples, 'modelwire_stream_sessions_open')).toBe(0);
    expect(sumOf(samples, 'nv_inference_request_success', { model: 'lengths', version: '2', protocol: 'websocket' })).toBe(1);
  });

  it('labels a call to a model the core does not serve as unknown', async () => {
    const metrics = createServerMetrics();
    const core = createInferenceCore({ builtins: [lengthModel('lengths', [1])], trainable: noTrainable, observer: metrics.observer });
    metrics.watchCore(core);
    await expect(core.predict('typo', { kind: 'text', text: 'x' }, { protocol: 'rest' })).rejects.toMatchObject({ code: 'not_found' });
    const samples = parsePrometheusText(await metrics.registry.metrics());
    expect(sumOf(samples, 'nv_inference_request_failure', { model: '_unknown', protocol: 'rest', reason: 'not_found' })).toBe(1);
    expect(samples.some((sample) => sample.labels.model === 'typo')).toBe(false);
  });
});
