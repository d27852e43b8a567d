import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import type { PredictionResult } from '../../../lib/contract';
import type { InferenceCore } from '../../core/inference-core';
import { stampArrivalTime } from '../../request-timing';
import { serverTimingValue, withServerTiming } from './server-timing';

const RESULT: PredictionResult = {
  model: { name: 'sentiment', version: 1 },
  output: { kind: 'regression', values: [1] },
  timing: { serverMs: 4.2104, preprocessMs: 0.31, inferenceMs: 2.95 },
  cached: false,
};

const fakeCore = (): InferenceCore => ({ predict: async () => RESULT, listModels: () => [] }) as unknown as InferenceCore;

async function appPredictingWith(core: InferenceCore) {
  const app = Fastify();
  stampArrivalTime(app);
  app.post('/predict', async (request) => {
    // Like an adapter: the core is called a few awaits deep inside the handler, with the request's arrival time.
    await new Promise((resolve) => setTimeout(resolve, 1));
    return core.predict('sentiment', { kind: 'text', text: 'good' }, { receivedAt: request.receivedAt });
  });
  return app;
}

describe('serverTimingValue', () => {
  it('writes the core timing in the W3C Server-Timing syntax', () => {
    expect(serverTimingValue(RESULT.timing)).toBe('total;dur=4.210;desc="arrival to result", preprocess;dur=0.310, inference;dur=2.950');
  });
});

describe('withServerTiming', () => {
  it('stamps the reply of the request whose handler predicted', async () => {
    const app = await appPredictingWith(withServerTiming(fakeCore()));
    const response = await app.inject({ method: 'POST', url: '/predict' });
    expect(response.headers['server-timing']).toBe(serverTimingValue(RESULT.timing));
    expect(response.json()).toEqual(RESULT);
  });

  it('stamps each of several requests in flight at once with its own prediction\'s timing', async () => {
    // Each request's prediction takes its own time, and they finish in the reverse order of arrival.
    const core = {
      predict: async (_model: string, input: { kind: 'text'; text: string }) => {
        const serverMs = Number(input.text);
        await new Promise((resolve) => setTimeout(resolve, 60 - serverMs));
        return { ...RESULT, timing: { ...RESULT.timing, serverMs } };
      },
    } as unknown as InferenceCore;
    const app = Fastify();
    stampArrivalTime(app);
    const timed = withServerTiming(core);
    app.post<{ Body: { ms: string } }>('/predict', async (request) => timed.predict('m', { kind: 'text', text: request.body.ms }, { receivedAt: request.receivedAt }));
    const sent = ['10', '20', '30', '40'].map((ms) => app.inject({ method: 'POST', url: '/predict', payload: { ms } }));
    const headers = (await Promise.all(sent)).map((response) => response.headers['server-timing']);
    expect(headers.map((header) => /^total;dur=(\d+)\./.exec(String(header))?.[1])).toEqual(['10', '20', '30', '40']);
  });

  it('leaves every other method of the core as it was', () => {
    const core = fakeCore();
    expect(withServerTiming(core).listModels).toBe(core.listModels);
  });

  it('changes nothing outside a fastify handler', async () => {
    await expect(withServerTiming(fakeCore()).predict('sentiment', { kind: 'text', text: 'good' })).resolves.toEqual(RESULT);
  });

  it('stamps nothing when the core is not wrapped', async () => {
    const app = await appPredictingWith(fakeCore());
    expect((await app.inject({ method: 'POST', url: '/predict' })).headers['server-timing']).toBeUndefined();
  });
});
