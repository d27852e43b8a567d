import { randomUUID } from 'node:crypto';
import type { MqttClient } from 'mqtt';
import { beforeAll, describe, expect, it } from 'vitest';
import { skipWithoutMosquitto, useMosquitto } from './mqtt-support/mosquitto';
import { collect, connectClient, ownReplyTopic, requestJson, requestV5, useMqttClient, type Received } from './mqtt-support/mqtt-requests';
import { useApi } from './support/use-api';

const PREDICT = 'modelwire/v1/models/sentiment/predict';
const MAX_PAYLOAD = 20 * 1024 * 1024;

function expectError(reply: Received, code: string, message?: RegExp) {
  expect(reply.json.error.code).toBe(code);
  expect(reply.json.error.message.length).toBeGreaterThan(5);
  if (message) expect(reply.json.error.message).toMatch(message);
}

async function expectStillServing(client: MqttClient) {
  const reply = await requestJson(client, PREDICT, { text: 'Still working, and it is great.' });
  expect(reply.json.output.kind).toBe('sentiment');
}

describe('bad MQTT requests get an error reply and the service keeps answering (embedded broker, 3.1.1)', () => {
  const api = useApi();
  const client = useMqttClient(() => api().mqttUrl);
  let errors: Awaited<ReturnType<typeof collect>>;
  beforeAll(async () => {
    errors = await collect(client(), ownReplyTopic(client(), 'errors'));
  });

  /** Publishes a request that cannot name its reply topic; its error shows up on the client's own …/errors topic. */
  async function publishUnanswerable(topic: string, payload: string): Promise<Received> {
    const before = errors.messages.length;
    await client().publishAsync(topic, payload, { qos: 1 });
    const all = await errors.waitFor(before + 1);
    return all[before]!;
  }

  it('malformed JSON, a JSON array, or no reply topic → invalid_input on modelwire/v1/replies/{clientId}/errors, naming the topic', async () => {
    const notJson = await publishUnanswerable(PREDICT, '{"text": "unterminated');
    expectError(notJson, 'invalid_input', /JSON/);
    expect(notJson.json.topic).toBe(PREDICT);
    expectError(await publishUnanswerable(PREDICT, '["text"]'), 'invalid_input', /object/);
    expectError(await publishUnanswerable(PREDICT, '{"text": "no reply topic"}'), 'invalid_input', /replyTo/);
    await expectStillServing(client());
  });

  it('a wildcard reply topic, or one the service itself answers, is refused (no reply loops)', async () => {
    expectError(await publishUnanswerable(PREDICT, JSON.stringify({ text: 'hi', replyTo: 'replies/#' })), 'invalid_input', /wildcard/);
    expectError(await publishUnanswerable(PREDICT, JSON.stringify({ text: 'hi', replyTo: 'modelwire/v1/models/list' })), 'invalid_input', /request topic/);
    const replyTo = ownReplyTopic(client());
    expectError(await publishUnanswerable(PREDICT, JSON.stringify({ text: 'hi', replyTo, correlationId: { no: 1 } })), 'invalid_input', /correlationId/);
    await expectStillServing(client());
  });

  it('wrong fields → invalid_input on the reply topic, with the correlationId', async () => {
    expectError(await requestJson(client(), PREDICT, { text: 42 }), 'invalid_input', /text/);
    expectError(await requestJson(client(), PREDICT, { text: 'hi', image: 'aGk=' }), 'invalid_input', /exactly one/);
    expectError(await requestJson(client(), PREDICT, { text: 'hi', topK: 'many' }), 'invalid_input', /topK/);
    expectError(await requestJson(client(), 'modelwire/v1/models/bad/train', { X: 'not rows', y: [1] }), 'invalid_input', /X/);
    await requestJson(client(), 'modelwire/v1/models/lin/train', { X: [[0], [1], [2]], y: [1, 3, 5] });
    expectError(await requestJson(client(), 'modelwire/v1/models/lin/predict', { features: ['a', 'b'] }), 'invalid_input', /features/);
    await expectStillServing(client());
  });

  it('unknown and not-installed models → not_found and not_installed (with the install command)', async () => {
    expectError(await requestJson(client(), 'modelwire/v1/models/nope/predict', { text: 'hi' }), 'not_found');
    const missing = await requestJson(client(), 'modelwire/v1/models/mobilenetv2/predict', { image: 'aGk=' });
    expectError(missing, 'not_installed');
    expect(missing.json.error.details.installCommand).toMatch(/models:fetch/);
    await expectStillServing(client());
  });

  it('bad seed input → an error payload on ml/output', async () => {
    const outputs = await collect(client(), 'ml/output');
    await client().publishAsync('ml/input', JSON.stringify({ feature1: 'one', feature2: 2 }), { qos: 1 });
    await client().publishAsync('ml/input', 'feature1=1&feature2=2', { qos: 1 });
    const [wrongType, notJson] = await outputs.waitFor(2);
    expectError(wrongType!, 'invalid_input', /feature1/);
    expectError(notJson!, 'invalid_input', /JSON/);
    await expectStillServing(client());
  });

  it('a publish larger than the limit is refused by the broker (the connection drops); the service keeps serving', async () => {
    const big = await connectClient(api().mqttUrl);
    const closed = new Promise<void>((resolve) => big.once('close', () => resolve()));
    big.publish(PREDICT, Buffer.alloc(MAX_PAYLOAD + 1, 0x20), { qos: 1 });
    await closed;
    big.end(true);
    await expectStillServing(client());
  });
});

describe.skipIf(skipWithoutMosquitto())('bad MQTT 5 requests get an error reply on their response topic (mosquitto)', () => {
  const broker = useMosquitto();
  useApi(() => ({ mqttUrl: broker().url }));
  const client = useMqttClient(() => broker().url, 5);

  it('malformed JSON still has a response topic, so the error goes there with the correlation data', async () => {
    const reply = await requestV5(client(), PREDICT, undefined, '{"text": ');
    expectError(reply, 'invalid_input', /JSON/);
    expect(reply.packet.properties?.userProperties?.['error-code']).toBe('invalid_input');
    expect((await requestV5(client(), PREDICT, { text: 'Lovely.' })).json.output.kind).toBe('sentiment');
  });

  it(`a payload over ${MAX_PAYLOAD} bytes → too_large (the broker allows it; the service refuses it)`, async () => {
    const reply = await requestV5(client(), PREDICT, undefined, `{"text": "${'a'.repeat(MAX_PAYLOAD)}"}`);
    expectError(reply, 'too_large');
    expect(reply.packet.properties?.userProperties?.['reason-code']).toBe('0x95');
    expect((await requestV5(client(), PREDICT, { text: `Lovely ${randomUUID()}.` })).json.output.kind).toBe('sentiment');
  });
});
