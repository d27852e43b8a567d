import { describe, expect, it } from 'vitest';
import { postJson } from './support/start-api';
import { useApi } from './support/use-api';
import { useSocket } from './websocket-client';

describe('WebSocket /ws: request/response with a real ws client', () => {
  const api = useApi();
  const socket = useSocket(api);

  it('lists the models', async () => {
    const reply = await socket().request({ id: 'list', type: 'listModels' });
    expect(reply.type).toBe('result');
    expect(reply.models.map((model: { name: string }) => model.name)).toEqual(expect.arrayContaining(['sentiment', 'mobilenetv2']));
  });

  it('predicts sentiment like REST does, with model and timing', async () => {
    const text = 'What a wonderful, delightful day';
    const reply = await socket().request({ id: 1, type: 'predict', model: 'sentiment', input: { text } });
    const rest = await postJson(`${api().url}/v1/models/sentiment/predict`, { text });
    expect(reply).toMatchObject({ id: 1, type: 'result', model: { name: 'sentiment', version: 1 }, output: { kind: 'sentiment', label: 'positive' } });
    expect(reply.output).toEqual(rest.json.output);
    expect(reply.timing.serverMs).toBeGreaterThanOrEqual(reply.timing.inferenceMs);
  });

  it("answers the seed's feature1/feature2 message with a clear error before the linear model is trained", async () => {
    socket().send({ feature1: 1.0, feature2: 2.0 });
    const reply = await socket().next((message) => message.type === 'error' && message.id === undefined);
    expect(reply.error.code).toBe('not_found');
    expect(reply.error.message).toMatch(/"default" has not been trained yet/);
  });

  it('trains the linear model "default", then predicts features and the seed message with it', async () => {
    const trained = await socket().request({ id: 'train-1', type: 'train', model: 'default', X: [[1, 2], [2, 1], [3, 5], [0, 0]], y: [1.3, 0.9, 2.2, 0.2] });
    expect(trained).toMatchObject({ id: 'train-1', type: 'result', model: { name: 'default', version: 1 }, samples: 4, featureCount: 2 });
    const [a, b] = trained.coefficients;
    const expected = trained.intercept + a * 1.0 + b * 2.0;

    const predicted = await socket().request({ id: 'p', type: 'predict', model: 'default', input: { features: [[1.0, 2.0]] } });
    expect(predicted.output.kind).toBe('regression');
    expect(predicted.output.values[0]).toBeCloseTo(expected, 4);

    socket().send({ feature1: 1.0, feature2: 2.0 });
    const seed = await socket().next((message) => 'prediction' in message);
    expect(Object.keys(seed)).toEqual(['prediction']);
    expect(seed.prediction).toBeCloseTo(expected, 4);
  });

  it("answers the seed's {text} message with text, sentiment_score and a capitalised classification", async () => {
    const text = 'I love machine learning!';
    socket().send({ text });
    const seed = await socket().next((message) => 'sentiment_score' in message);
    const plain = await socket().request({ id: 'plain', type: 'predict', model: 'sentiment', input: { text } });
    expect(seed).toEqual({ text, sentiment_score: plain.output.score, classification: 'Positive' });
    expect(seed.sentiment_score).toBeGreaterThanOrEqual(-1);
    expect(seed.sentiment_score).toBeLessThanOrEqual(1);
  });

  it('answers a plain HTTP GET of /ws with 426 and how to connect', async () => {
    const response = await fetch(`${api().url}/ws`);
    expect(response.status).toBe(426);
    expect((await response.json()).message).toMatch(/WebSocket client/);
  });
});
