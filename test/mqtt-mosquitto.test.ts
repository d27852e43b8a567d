import { describe, expect, it } from 'vitest';
import { publishWithCli, subscribeOnceWithCli } from './mqtt-support/mosquitto-clients';
import { skipWithoutMosquitto, useMosquitto } from './mqtt-support/mosquitto';
import { requestJson, requestV5, useMqttClient } from './mqtt-support/mqtt-requests';
import { postJson } from './support/start-api';
import { useApi } from './support/use-api';
import { EXACT_X as X, EXACT_Y as y } from './support/linear-fixture';

const sentence = 'I really love this wonderful little phone';

describe.skipIf(skipWithoutMosquitto())('MQTT through an external mosquitto broker (MQTT_URL)', () => {
  const broker = useMosquitto();
  const api = useApi(() => ({ mqttUrl: broker().url }));
  const v5 = useMqttClient(() => broker().url, 5);
  const v311 = useMqttClient(() => broker().url, 4);

  it('uses the external broker and serves no embedded one', () => {
    expect(api().mqttUrl).toBe(broker().url);
    expect(api().mqttWsUrl).toBeUndefined();
  });

  it('answers MQTT 5 requests on the response topic, echoing the correlation data, with user properties', async () => {
    const reply = await requestV5(v5(), 'modelwire/v1/models/sentiment/predict', { text: sentence });
    const rest = await postJson(`${api().url}/v1/models/sentiment/predict`, { text: sentence });
    expect(reply.packet.qos).toBe(1);
    expect(reply.json.output).toEqual(rest.json.output);
    expect(reply.packet.properties?.contentType).toBe('application/json');
    expect(reply.packet.properties?.userProperties?.['served-by']).toMatch(/^modelwire-/);
  });

  it('answers MQTT 3.1.1 requests on the JSON replyTo with the JSON correlationId', async () => {
    const reply = await requestJson(v311(), 'modelwire/v1/models/sentiment/predict', { text: sentence });
    expect(reply.json.output.label).toBe('positive');
    expect(reply.json.model.name).toBe('sentiment');
  });

  it('MQTT 5 error replies carry the contract code in the payload and as user properties', async () => {
    const reply = await requestV5(v5(), 'modelwire/v1/models/no-such-model/predict', { text: 'hello' });
    expect(reply.json.error).toMatchObject({ code: 'not_found' });
    expect(reply.packet.properties?.userProperties).toMatchObject({ 'error-code': 'not_found', 'reason-code': '0x90' });
    expect((await requestV5(v5(), 'modelwire/v1/models/list', undefined, '')).json.models.length).toBeGreaterThan(0);
  });

  it('mosquitto_pub on ml/input is answered on ml/output, read by mosquitto_sub (the seed slide, as written)', async () => {
    expect((await postJson(`${api().url}/train`, { X, y })).status).toBe(200);
    const output = await subscribeOnceWithCli(broker().port, 'ml/output');
    await publishWithCli(broker().port, 'ml/input', '{"feature1": 1.0, "feature2": 2.0}');
    const { json } = await output.message;
    expect(Object.keys(json)).toEqual(['prediction']);
    expect(json.prediction).toBeCloseTo(2 * 1 - 3 * 2 + 1, 4);
  });

  it('mosquitto_pub -V mqttv5 with response-topic and correlation-data gets its reply on mosquitto_sub', async () => {
    const replies = await subscribeOnceWithCli(broker().port, 'cli/replies/v5', ['-V', 'mqttv5']);
    await publishWithCli(broker().port, 'modelwire/v1/models/sentiment/predict', JSON.stringify({ text: sentence }), [
      '-V', 'mqttv5', '-D', 'publish', 'response-topic', 'cli/replies/v5', '-D', 'publish', 'correlation-data', 'req-42',
    ]);
    const { correlationData, json } = await replies.message;
    expect(correlationData).toBe('req-42');
    expect(json.output).toMatchObject({ kind: 'sentiment', label: 'positive' });
  });

  it('mosquitto_pub (3.1.1) with replyTo and correlationId in the JSON gets its reply on mosquitto_sub', async () => {
    const replies = await subscribeOnceWithCli(broker().port, 'cli/replies/v311');
    const request = { features: [10, 20], replyTo: 'cli/replies/v311', correlationId: 7 };
    await publishWithCli(broker().port, 'modelwire/v1/models/default/predict', JSON.stringify(request));
    const { json } = await replies.message;
    expect(json.correlationId).toBe(7);
    expect(json.output.values[0]).toBeCloseTo(2 * 10 - 3 * 20 + 1, 4);
  });
});
