import { describe, expect, it } from 'vitest';
import { fromTopic, requesterOf, requestSubscriptions, routeOf } from './topics';

describe('MQTT topics', () => {
  it('names the request each topic carries', () => {
    expect(routeOf('modelwire/v1/models/list')).toEqual({ kind: 'list' });
    expect(routeOf('modelwire/v1/models/sentiment/predict')).toEqual({ kind: 'predict', model: 'sentiment' });
    expect(routeOf('modelwire/v1/models/default/train')).toEqual({ kind: 'train', model: 'default' });
    expect(routeOf('modelwire/v1/models/mobilenetv2/describe')).toEqual({ kind: 'describe', model: 'mobilenetv2' });
    expect(routeOf('modelwire/v1/stream/abc/in')).toEqual({ kind: 'stream', clientId: 'abc' });
    expect(routeOf('ml/input')).toEqual({ kind: 'seed' });
  });

  it('leaves a malformed model name to the core, which refuses it as on every protocol', () => {
    expect(routeOf('modelwire/v1/models//predict')).toEqual({ kind: 'predict', model: '' });
    expect(routeOf('modelwire/v1/models/a b/train')).toEqual({ kind: 'train', model: 'a b' });
  });

  it('answers nothing else, so replies can never be read back as requests', () => {
    for (const topic of ['ml/output', 'modelwire/v1/errors', 'modelwire/v1/stream/abc/out', 'modelwire/v1/models', 'modelwire/v1/stream//in', 'modelwire/v1/models/a/predict/x', 'modelwire/v2/models/list']) {
      expect(routeOf(topic), topic).toBeUndefined();
    }
  });

  it('reads back the publisher the embedded broker names in front of a request topic', () => {
    expect(requesterOf(fromTopic('web-1', 'modelwire/v1/models/sentiment/predict'))).toEqual({ requester: 'web-1', topic: 'modelwire/v1/models/sentiment/predict' });
    expect(requesterOf('modelwire/v1/models/list')).toEqual({ topic: 'modelwire/v1/models/list' });
    expect(requesterOf('$modelwire/from/web-1').requester).toBeUndefined();
  });

  it('routes a model name spanning levels as a request, so the core answers its invalid_input', () => {
    expect(routeOf('modelwire/v1/models/../sentiment/predict')).toEqual({ kind: 'predict', model: '../sentiment' });
    expect(routeOf('modelwire/v1/stream/a/b/in')).toBeUndefined();
  });

  it('subscribes through $share/modelwire/ only when asked to', () => {
    expect(requestSubscriptions(false)).toContain('modelwire/v1/models/#');
    expect(requestSubscriptions(true)).toContain('$share/modelwire/modelwire/v1/models/#');
    expect(requestSubscriptions(true)).toContain('$share/modelwire/ml/input');
  });
});
