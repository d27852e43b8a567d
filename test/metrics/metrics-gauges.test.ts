import { readFile } from 'node:fs/promises';
import WebSocket from 'ws';
import { describe, expect, it } from 'vitest';
import type { StreamEvent } from '../../lib/clients/protocol-client';
import { createRestClient } from '../../lib/clients/rest-client';
import { createWebSocketClient } from '../../lib/clients/websocket-client';
import { EXACT_X, EXACT_Y } from '../support/linear-fixture';
import { valueOf } from '../support/outcomes';
import { hasSharedImagenet, SHARED_IMAGENET_DIR, sharedPhotos, skipWithoutSharedImagenet } from '../support/shared-files';
import { useApi } from '../support/use-api';
import { scrapeMetrics, sumOf } from './prometheus-text';

// What /metrics reads from the running server: live streams, model states, batches of images, the process itself.

describe('GET /metrics gauges and batches', () => {
  // Without the shared files the server starts with an empty models folder, as startApi's default.
  const api = useApi({ modelsDir: hasSharedImagenet ? SHARED_IMAGENET_DIR : undefined });
  const scrape = () => scrapeMetrics(api().url);

  it('shows a live stream session while it is open, and none once it is closed', async () => {
    expect(sumOf(await scrape(), 'modelwire_stream_sessions_open')).toBe(0);
    const client = createWebSocketClient(api().url, { WebSocket, timeoutMs: 10_000 });
    const events: StreamEvent[] = [];
    const session = client.openSentimentStream!((event) => events.push(event));
    try {
      session.push('streaming is lovely');
      await expect.poll(() => events.some((event) => event.type === 'update'), { timeout: 10_000 }).toBe(true);
      expect(sumOf(await scrape(), 'modelwire_stream_sessions_open')).toBe(1);
    } finally {
      session.close();
      client.close();
    }
    await expect.poll(async () => sumOf(await scrape(), 'modelwire_stream_sessions_open'), { timeout: 10_000 }).toBe(0);
  });

  it('reports the state of every model version, a newly trained version included', async () => {
    const rest = createRestClient(api().url);
    let samples = await scrape();
    expect(sumOf(samples, 'modelwire_model_state', { model: 'sentiment', version: '1', state: 'ready' })).toBe(1);
    expect(sumOf(samples, 'modelwire_model_state', { model: 'sentiment', version: '1', state: 'not_installed' })).toBe(0);
    const imageState = hasSharedImagenet ? { version: '1', state: 'ready' } : { version: '', state: 'not_installed' };
    expect(sumOf(samples, 'modelwire_model_state', { model: 'mobilenetv2', ...imageState })).toBe(1);
    expect(sumOf(samples, 'modelwire_model_state', { model: 'metrics-line' })).toBe(0);

    for (let i = 0; i < 2; i++) valueOf(await rest.train('metrics-line', { X: EXACT_X, y: EXACT_Y }));
    samples = await scrape();
    for (const version of ['1', '2']) expect(sumOf(samples, 'modelwire_model_state', { model: 'metrics-line', version, state: 'ready' })).toBe(1);
    expect(sumOf(samples, 'modelwire_core_calls_running')).toBe(0);
  });

  it('reports the process: CPU, memory, event loop lag, heap', async () => {
    const samples = await scrape();
    for (const name of ['process_cpu_seconds_total', 'process_resident_memory_bytes', 'nodejs_heap_size_used_bytes']) {
      expect({ name, value: sumOf(samples, name) > 0 }).toEqual({ name, value: true });
    }
    expect(samples.some((sample) => sample.name === 'nodejs_eventloop_lag_seconds')).toBe(true);
  });

  it.skipIf(skipWithoutSharedImagenet())('counts the image batches, their sizes and the time each image queued', async () => {
    const rest = createRestClient(api().url);
    const photos = await Promise.all(sharedPhotos().slice(0, 3).map((photo) => readFile(photo.path)));
    const before = await scrape();
    const answers = await Promise.all(photos.map((image) => rest.predict('mobilenetv2', { kind: 'image', image })));
    answers.forEach((answer) => expect(valueOf(answer).cached).toBe(false));
    const after = await scrape();
    const growth = (name: string, labels: Record<string, string> = {}) => sumOf(after, name, labels) - sumOf(before, name, labels);

    const model = { model: 'mobilenetv2' };
    const batches = growth('modelwire_inference_batch_size_count', model);
    expect(batches).toBeGreaterThanOrEqual(1);
    expect(batches).toBeLessThanOrEqual(3);
    expect(growth('modelwire_inference_batch_size_sum', model)).toBe(3);
    expect(growth('nv_inference_exec_count', model)).toBe(batches);
    expect(growth('nv_inference_count', model)).toBe(3);
    expect(growth('nv_inference_queue_histogram_ms_count', { ...model, version: '1' })).toBe(3);
    expect(growth('nv_inference_compute_infer_histogram_ms_count', { ...model, version: '1' })).toBe(3);
    expect(growth('nv_inference_request_success', { ...model, version: '1', protocol: 'rest' })).toBe(3);
  });
});
