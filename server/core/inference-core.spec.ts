import { describe, expect, it } from 'vitest';
import type { ModelDescriptor, PredictionInput, TrainRequest } from '../../lib/contract';
import { ModelWireError } from '../../lib/model-wire-error';
import { createAuthenticator } from './auth/authenticator';
import type { Principal } from './auth/principal';
import { createTokenService } from './auth/token-service';
import { createUserStore } from './auth/user-store';
import { createInferenceCore } from './inference-core';
import { createMemoryCache } from './prediction-cache/memory-cache';
import type { ServedModel } from './served-model';
import type { TrainableModels, TrainOutcome } from './trainable-models';

/** A text model that answers the text's length, and waits for `release` when told to. */
function echoModel(gate?: Promise<void>): ServedModel {
  const descriptor: ModelDescriptor = { name: 'echo', kind: 'text-sentiment', input: 'text', description: '', status: 'ready', version: 3, versions: [3], trainable: false };
  return {
    name: 'echo',
    describe: () => descriptor,
    async predict(input: PredictionInput) {
      await gate;
      if (input.kind !== 'text') throw new Error('unreachable: the core checks the input kind');
      if (input.text === 'boom') throw new Error('model crashed');
      return { version: 3, output: { kind: 'sentiment', label: 'positive', score: input.text.length, probability: 1 }, inferenceMs: 1, preprocessMs: 0 };
    },
  };
}

const noTrainable: TrainableModels = { names: () => [], has: () => false, get: () => { throw new Error('none'); }, train: async () => { throw new Error('none'); } };

function recordingTrainable(): TrainableModels & { trained: Array<[string, TrainRequest]> } {
  const trained: Array<[string, TrainRequest]> = [];
  const outcome: TrainOutcome = { version: 1, coefficients: [2], intercept: 1, r2: 1, samples: 2, featureCount: 1, trainingMs: 0.1 };
  return { trained, names: () => [], has: () => false, get: () => { throw new Error('none'); }, train: async (name, request) => (trained.push([name, request]), outcome) };
}

const text = (value: string): PredictionInput => ({ kind: 'text', text: value });

describe('inference core', () => {
  it('answers with the model reference, the output and the server timing', async () => {
    const core = createInferenceCore({ builtins: [echoModel()], trainable: noTrainable });
    const result = await core.predict('echo', text('four'), { receivedAt: performance.now() - 5 });
    expect(result.model).toEqual({ name: 'echo', version: 3 });
    expect(result.output).toMatchObject({ kind: 'sentiment', score: 4 });
    expect(result.timing.serverMs).toBeGreaterThanOrEqual(5);
  });

  it('hands the model only its options (not the caller), and counts the call under the protocol it names', async () => {
    const seen: unknown[] = [];
    const model: ServedModel = { ...echoModel(), predict: async (input, options) => (seen.push(options), echoModel().predict(input, options)) };
    const protocols: string[] = [];
    const core = createInferenceCore({ builtins: [model], trainable: noTrainable, observer: { predictionFinished: (record) => protocols.push(record.protocol) } });
    const principal: Principal = { name: 'ada', scopes: ['predict'] };

    await core.predict('echo', text('a'), { topK: 2, version: 3, receivedAt: 1, principal, protocol: 'soap' });
    await core.predict('echo', text('a'));

    expect(seen).toEqual([{ topK: 2, version: 3, receivedAt: 1 }, {}]);
    expect(seen.map((options) => Object.keys(options as object).sort())).toEqual([['receivedAt', 'topK', 'version'], ['receivedAt', 'topK', 'version']]);
    expect(protocols).toEqual(['soap', 'other']);
  });

  it('refuses the wrong input kind, unknown and malformed names with contract codes, and wraps crashes as internal', async () => {
    const core = createInferenceCore({ builtins: [echoModel()], trainable: noTrainable });
    await expect(core.predict('echo', { kind: 'features', rows: [[1]] })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(core.predict('nope', text('x'))).rejects.toMatchObject({ code: 'not_found' });
    await expect(core.predict('../etc', text('x'))).rejects.toMatchObject({ code: 'invalid_input' });
    const crash = await core.predict('echo', text('boom')).catch((error: unknown) => error);
    expect(crash).toBeInstanceOf(ModelWireError);
    expect(crash).toMatchObject({ code: 'internal', message: 'Internal server error.' });
  });

  it('refuses predictions past its in-flight limit as overloaded', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const core = createInferenceCore({ builtins: [echoModel(gate)], trainable: noTrainable, maxConcurrentPredictions: 2 });
    const running = [core.predict('echo', text('a')), core.predict('echo', text('b'))];
    await expect(core.predict('echo', text('c'))).rejects.toMatchObject({ code: 'overloaded' });
    release();
    await Promise.all(running);
    await expect(core.predict('echo', text('d'))).resolves.toBeDefined();
  });

  it('trains through the trainable family, but never under a built-in name', async () => {
    const trainable = recordingTrainable();
    const core = createInferenceCore({ builtins: [echoModel()], trainable });
    const result = await core.train('houses', { X: [[1], [2]], y: [3, 5] });
    expect(result).toMatchObject({ model: { name: 'houses', version: 1 }, coefficients: [2], intercept: 1, r2: 1 });
    await expect(core.train('echo', { X: [[1]], y: [1] })).rejects.toMatchObject({ code: 'invalid_input' });
    expect(trainable.trained.map(([name]) => name)).toEqual(['houses']);
  });

  it('drain() waits for the calls already running and counts them in workload()', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const core = createInferenceCore({ builtins: [echoModel(gate)], trainable: noTrainable });
    const running = core.predict('echo', text('slow'));
    expect(core.workload()).toEqual({ running: 1, started: 1 });
    let drained = false;
    const draining = core.drain().then(() => (drained = true));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(drained).toBe(false);
    release();
    await Promise.all([running, draining]);
    expect(core.workload()).toEqual({ running: 0, started: 1 });
  });

  it('with authentication required, checks each call\'s principal for its scope', async () => {
    const tokens = createTokenService(new TextEncoder().encode('k'.repeat(32)), 60);
    const auth = createAuthenticator('required', createUserStore('/nonexistent-modelwire-dir'), tokens);
    const core = createInferenceCore({ builtins: [echoModel()], trainable: recordingTrainable(), auth });
    const predictor: Principal = { name: 'p', scopes: ['predict'], expiresAt: Date.now() + 60_000 };
    await expect(core.predict('echo', text('x'))).rejects.toMatchObject({ code: 'unauthenticated' });
    await expect(core.predict('echo', text('x'), { principal: predictor })).resolves.toBeDefined();
    await expect(core.train('houses', { X: [[1], [2]], y: [1, 2] }, { principal: predictor })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(core.predict('echo', text('x'), { principal: { ...predictor, expiresAt: Date.now() - 1 } })).rejects.toMatchObject({ code: 'unauthenticated' });
    expect(() => core.streams.open({ owner: 'o' })).toThrow(expect.objectContaining({ code: 'unauthenticated' }));
    const token = (await tokens.issue(predictor)).access_token;
    expect(await core.authenticate(token)).toMatchObject({ name: 'p', scopes: ['predict'] });
    expect(core.listModels().map((model) => model.name)).toEqual(['echo']);
  });

  it('answers the same input again from the cache, but never files a newer version\'s answer under the older key', async () => {
    const lookups: boolean[] = [];
    const cache = () => createMemoryCache({ maxBytes: 1 << 20, ttlSeconds: 0 });
    const core = createInferenceCore({ builtins: [echoModel()], trainable: noTrainable, cache: cache(), observer: { cacheLookup: (_, hit) => lookups.push(hit) } });
    expect((await core.predict('echo', text('same'))).cached).toBe(false);
    expect(await core.predict('echo', text('same'))).toMatchObject({ cached: true, model: { version: 3 }, output: { score: 4 } });
    expect(lookups).toEqual([false, true]);

    // Version 2 was the latest at the lookup, and version 3 answered (trained meanwhile).
    const retrained = { ...echoModel(), describe: () => ({ ...echoModel().describe(), version: 2 }) };
    const racing = createInferenceCore({ builtins: [retrained], trainable: noTrainable, cache: cache() });
    expect((await racing.predict('echo', text('same'))).cached).toBe(false);
    expect((await racing.predict('echo', text('same'))).cached).toBe(false);
  });
});
