import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { collect, connectClient, requestJson, useMqttClient } from './mqtt-support/mqtt-requests';
import { hasSharedImagenet, houseFinch, SHARED_IMAGENET_DIR, skipWithoutSharedImagenet } from './support/shared-files';
import { postJson } from './support/start-api';
import { useApi } from './support/use-api';
import { EXACT_X as X, EXACT_Y as y } from './support/linear-fixture';

const sentence = 'I really love this wonderful little phone';

describe('MQTT 3.1.1 against the embedded aedes broker (mqtt.js over TCP and over WebSocket)', () => {
  const api = useApi({ modelsDir: hasSharedImagenet ? SHARED_IMAGENET_DIR : undefined });
  const tcp = useMqttClient(() => api().mqttUrl);
  const ws = useMqttClient(() => api().mqttWsUrl!);

  it('listens on TCP and on ws://…/mqtt of the API port', () => {
    expect(api().mqttUrl).toMatch(/^mqtt:\/\/127\.0\.0\.1:\d+$/);
    expect(api().mqttWsUrl).toBe(`${api().url.replace('http', 'ws')}/mqtt`);
  });

  it('lists and describes the models', async () => {
    const list = await requestJson(tcp(), 'modelwire/v1/models/list', {});
    expect(list.json.models.map((model: { name: string }) => model.name)).toContain('sentiment');
    const sentiment = await requestJson(ws(), 'modelwire/v1/models/sentiment/describe', {});
    expect(sentiment.json).toMatchObject({ name: 'sentiment', kind: 'text-sentiment', status: 'ready' });
  });

  for (const transport of ['tcp', 'ws'] as const) {
    it(`predicts sentiment over ${transport} exactly as REST does, with model and timing, at QoS 1`, async () => {
      const client = (transport === 'tcp' ? tcp : ws)();
      const reply = await requestJson(client, 'modelwire/v1/models/sentiment/predict', { text: sentence });
      const rest = await postJson(`${api().url}/v1/models/sentiment/predict`, { text: sentence });
      expect(reply.packet.qos).toBe(1);
      expect(reply.json.model).toEqual(rest.json.model);
      expect(reply.json.output).toEqual(rest.json.output);
      expect(reply.json.output.label).toBe('positive');
      expect(reply.json.timing.serverMs).toBeGreaterThanOrEqual(reply.json.timing.inferenceMs);
    });
  }

  it('trains a linear model and predicts with it', async () => {
    const trained = await requestJson(tcp(), 'modelwire/v1/models/mqttlin/train', { X, y });
    expect(trained.json.model).toEqual({ name: 'mqttlin', version: 1 });
    expect(trained.json.coefficients[0]).toBeCloseTo(2, 6);
    expect(trained.json.intercept).toBeCloseTo(1, 6);
    const predicted = await requestJson(ws(), 'modelwire/v1/models/mqttlin/predict', { features: [10, 20] });
    expect(predicted.json.output.values[0]).toBeCloseTo(2 * 10 - 3 * 20 + 1, 4);
  });

  it('answers the seed deck: ml/input → ml/output, with a clear error until "default" is trained', async () => {
    const outputs = await collect(tcp(), 'ml/output');
    await tcp().publishAsync('ml/input', JSON.stringify({ feature1: 1.0, feature2: 2.0 }), { qos: 1 });
    const [untrained] = await outputs.waitFor(1);
    expect(untrained!.json.error).toMatchObject({ code: 'not_found' });
    expect(untrained!.json.error.message).toMatch(/train/i);

    expect((await postJson(`${api().url}/train`, { X, y })).status).toBe(200);
    const rest = await postJson(`${api().url}/predict`, { X: [[1.0, 2.0]] });
    await ws().publishAsync('ml/input', JSON.stringify({ feature1: 1.0, feature2: 2.0 }), { qos: 1 });
    const [, trained] = await outputs.waitFor(2);
    expect(trained!.json).toEqual({ prediction: rest.json.predictions[0] });
    expect(trained!.json.prediction).toBeCloseTo(2 * 1 - 3 * 2 + 1, 4);
  });

  it('refuses MQTT 5 clients: aedes speaks 3.1.1 only (v5 is served through an external broker, see mqtt-mosquitto)', async () => {
    await expect(connectClient(api().mqttUrl, 5)).rejects.toThrow(/protocol version/i);
    expect((await requestJson(tcp(), 'modelwire/v1/models/list', {})).json.models.length).toBeGreaterThan(0);
  });

  it.skipIf(skipWithoutSharedImagenet())('classifies a base64 JPEG like REST does', async () => {
    const photo = houseFinch();
    const image = (await readFile(photo.path)).toString('base64');
    const reply = await requestJson(ws(), 'modelwire/v1/models/mobilenetv2/predict', { image, topK: 3 });
    expect(reply.json.output.labels).toHaveLength(3);
    expect(reply.json.output.labels[0]).toMatchObject({ label: 'house finch', classIndex: photo.classIndex });
  });
});
