import { describe, expect, it } from 'vitest';
import { isUsableClientId, maySubscribe, publishRuleOf } from './access-rules';

describe('MQTT access rules of the embedded broker', () => {
  it('lets a client subscribe to its own replies, its own stream and ml/output only', () => {
    for (const filter of ['modelwire/v1/replies/me', 'modelwire/v1/replies/me/errors', 'modelwire/v1/replies/me/#', 'modelwire/v1/stream/me/out', 'ml/output']) {
      expect(maySubscribe('me', filter), filter).toBe(true);
    }
    for (const filter of ['#', '+/#', 'modelwire/#', 'modelwire/v1/replies/+', 'modelwire/v1/replies/+/errors', 'modelwire/v1/replies/you', 'modelwire/v1/replies/meme',
      'modelwire/v1/stream/you/out', 'modelwire/v1/stream/+/out', 'modelwire/v1/stream/me/in', 'modelwire/v1/errors', 'modelwire/v1/models/+/predict', '$SYS/#', 'modelwire/v1/replies/me/\uFFFD']) {
      expect(maySubscribe('me', filter), filter).toBe(false);
    }
  });

  it('lets a client publish requests, each with the scope it needs, and its own stream input', () => {
    expect(publishRuleOf('me', 'modelwire/v1/models/list')).toEqual({ allowed: true });
    expect(publishRuleOf('me', 'modelwire/v1/models/sentiment/describe')).toEqual({ allowed: true });
    expect(publishRuleOf('me', 'modelwire/v1/models/sentiment/predict')).toEqual({ allowed: true, scope: 'predict' });
    expect(publishRuleOf('me', 'modelwire/v1/models/lin/train')).toEqual({ allowed: true, scope: 'train' });
    expect(publishRuleOf('me', 'ml/input')).toEqual({ allowed: true, scope: 'predict' });
    expect(publishRuleOf('me', 'modelwire/v1/stream/me/in')).toEqual({ allowed: true, scope: 'predict' });
  });

  it('refuses replies, other clients\' streams, unknown topics and topics that are not UTF-8', () => {
    for (const topic of ['modelwire/v1/replies/you', 'modelwire/v1/replies/me', 'modelwire/v1/stream/you/in', 'modelwire/v1/stream/me/out', 'ml/output',
      'modelwire/v1/errors', '$SYS/x', 'anything/else', 'modelwire/v1/models/\uFFFD/predict', 'modelwire/v1/models/a\u0000/predict']) {
      expect(publishRuleOf('me', topic).allowed, topic).toBe(false);
    }
  });

  it('accepts the usual client ids and none that could reach another topic level', () => {
    for (const id of ['modelwire-web-0a1b2c3d', 'mqttjs_12ab', 'mosquitto_rr_42', 'aedes_8b0c6d6e-8e1f-4a55-9f61-0c2d1d4f5e6a', 'a.b:c']) expect(isUsableClientId(id), id).toBe(true);
    for (const id of ['', 'a/b', 'a+', '#', '$SYS', 'a b', 'é', 'x'.repeat(129)]) expect(isUsableClientId(id), id).toBe(false);
  });
});
