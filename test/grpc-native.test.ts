import { status } from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import { expectGrpcStatus, unary, useGrpcJsClients } from './grpc-support';
import { blackPng } from './support/bomb-png';
import { postJson } from './support/start-api';
import { useApi } from './support/use-api';
import { EXACT_X as X, EXACT_Y as y } from './support/linear-fixture';

const rows = (matrix: number[][]) => matrix.map((values) => ({ values }));

describe('native gRPC over HTTP/2 cleartext, called by @grpc/grpc-js with the .proto files', () => {
  const api = useApi();
  const clients = useGrpcJsClients(api);

  const predict = (request: object) => unary(clients().inference, 'Predict', request);
  async function expectStillServing() {
    const answer = await predict({ model: 'sentiment', text: 'Still working, and it is great.' });
    expect(answer.output).toBe('sentiment');
  }

  it('lists the models, with the install command of the one not installed', async () => {
    const { models } = await unary(clients().inference, 'ListModels', {});
    const byName = Object.fromEntries(models.map((model: { name: string }) => [model.name, model]));
    expect(byName.sentiment).toMatchObject({ kind: 'MODEL_KIND_TEXT_SENTIMENT', input: 'INPUT_KIND_TEXT', status: 'MODEL_STATUS_READY', version: 1 });
    expect(byName.mobilenetv2).toMatchObject({ status: 'MODEL_STATUS_NOT_INSTALLED', installCommand: 'npm run models:fetch', trainable: false });
  });

  it('answers a sentence exactly as REST does', async () => {
    const text = 'I love machine learning!';
    const rest = await postJson(`${api().url}/v1/models/sentiment/predict`, { text });
    const grpc = await predict({ model: 'sentiment', text });
    expect(grpc.model).toEqual(rest.json.model);
    expect(grpc.sentiment).toEqual({
      label: `SENTIMENT_LABEL_${rest.json.output.label.toUpperCase()}`,
      score: rest.json.output.score,
      probability: rest.json.output.probability,
    });
    expect(grpc.sentiment.label).toBe('SENTIMENT_LABEL_POSITIVE');
    expect(grpc.timing.serverMs).toBeGreaterThan(0);
  });

  it('the seed MLModel.Predict: NOT_FOUND before "default" is trained, ≈ −3 at (1, 2) after Train', async () => {
    const before = await expectGrpcStatus(unary(clients().seed, 'Predict', { feature1: 1, feature2: 2 }), status.NOT_FOUND, 'not_found');
    expect(before.details).toMatch(/default.*train/i);

    const trained = await unary(clients().inference, 'Train', { model: 'default', rows: rows(X), targets: y });
    expect(trained.model).toEqual({ name: 'default', version: 1 });
    expect(trained.coefficients[0]).toBeCloseTo(2, 6);
    expect(trained.coefficients[1]).toBeCloseTo(-3, 6);
    expect(trained.intercept).toBeCloseTo(1, 6);
    expect(trained.samples).toBe(X.length);

    const { prediction } = await unary(clients().seed, 'Predict', { feature1: 1, feature2: 2 });
    expect(prediction).toBeCloseTo(-3, 4);
    const many = await predict({ model: 'default', features: { rows: rows([[10, 20], [0, 0]]) } });
    expect(many.regression.values[0]).toBeCloseTo(-39, 4);
    expect(many.regression.values[1]).toBeCloseTo(1, 4);
  });

  it('bad input gets its gRPC status and contract code, and the next request succeeds', async () => {
    await expectGrpcStatus(predict({ model: 'nope', text: 'x' }), status.NOT_FOUND, 'not_found');
    await expectStillServing();
    await expectGrpcStatus(predict({ model: 'sentiment', text: '' }), status.INVALID_ARGUMENT, 'invalid_input');
    await expectStillServing();
    await expectGrpcStatus(predict({ model: 'sentiment', image: blackPng(8, 8) }), status.INVALID_ARGUMENT, 'invalid_input');
    await expectStillServing();
    await expectGrpcStatus(predict({ model: 'sentiment' }), status.INVALID_ARGUMENT, 'invalid_input');
    await expectGrpcStatus(predict({ text: 'no model named' }), status.INVALID_ARGUMENT, 'invalid_input');
    await expectGrpcStatus(unary(clients().inference, 'Train', { model: 'sentiment', rows: rows(X), targets: y }), status.INVALID_ARGUMENT, 'invalid_input');
    await expectGrpcStatus(unary(clients().inference, 'Train', { model: 'short', rows: rows(X), targets: [1] }), status.INVALID_ARGUMENT, 'invalid_input');
    await expectStillServing();
  });

  it('features of the wrong width → INVALID_ARGUMENT naming the width', async () => {
    await unary(clients().inference, 'Train', { model: 'width2', rows: rows(X), targets: y });
    const error = await expectGrpcStatus(predict({ model: 'width2', features: { rows: rows([[1, 2, 3]]) } }), status.INVALID_ARGUMENT, 'invalid_input');
    expect(error.details).toMatch(/2 features/);
    await expectStillServing();
  });

  it('the image model without its files → UNAVAILABLE with the install command', async () => {
    const error = await expectGrpcStatus(unary(clients().inference, 'ClassifyImage', { image: blackPng(8, 8) }), status.UNAVAILABLE, 'not_installed');
    expect(error.details).toMatch(/npm run models:fetch/);
    await expectStillServing();
  });

  it('a message over the 20 MB limit → RESOURCE_EXHAUSTED, and the server keeps serving', async () => {
    // 19 MB gets through to the model (which is not installed here).
    await expectGrpcStatus(unary(clients().inference, 'ClassifyImage', { image: Buffer.alloc(19 * 1024 * 1024) }), status.UNAVAILABLE, 'not_installed');
    await expectGrpcStatus(unary(clients().inference, 'ClassifyImage', { image: Buffer.alloc(21 * 1024 * 1024) }), status.RESOURCE_EXHAUSTED);
    await expectStillServing();
  });
});
