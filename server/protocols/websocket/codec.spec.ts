import { describe, expect, it } from 'vitest';
import { joinBinaryFrame, splitBinaryFrame } from '../../../lib/websocket-binary-frame';
import { decodeBinaryFrame, decodeTextFrame } from './codec';

describe('WebSocket codec', () => {
  it('recognises the seed deck\'s bare messages by their shape', () => {
    expect(decodeTextFrame('{"feature1": 1.0, "feature2": 2.0}', 0)).toEqual({ kind: 'seedFeatures', feature1: 1, feature2: 2 });
    expect(decodeTextFrame('{"text": "I love machine learning!"}', 0)).toEqual({ kind: 'seedText', text: 'I love machine learning!' });
  });

  it('decodes a request with its id, input and options', () => {
    const message = decodeTextFrame('{"id": 7, "type": "predict", "model": "sentiment", "input": {"text": "hi"}, "topK": 2}', 42);
    expect(message).toEqual({
      kind: 'request',
      id: 7,
      request: { type: 'predict', model: 'sentiment', input: { kind: 'text', text: 'hi' }, options: { topK: 2, version: undefined, receivedAt: 42 } },
    });
  });

  it('keeps the id of a request it cannot read, and has none for a frame whose id is unreadable', () => {
    const badType = decodeTextFrame('{"id": "a", "type": "nope"}', 0);
    expect(badType).toMatchObject({ kind: 'unreadable', id: 'a', error: { code: 'invalid_input' } });
    expect(decodeTextFrame('{"id": true, "type": "listModels"}', 0)).toMatchObject({ kind: 'unreadable', id: undefined });
    expect(decodeTextFrame('not json', 0)).toMatchObject({ kind: 'unreadable', id: undefined });
  });

  it('decodes an auth message with or without an id, and refuses one without a token', () => {
    expect(decodeTextFrame('{"type": "auth", "token": "t"}', 0)).toEqual({ kind: 'auth', id: undefined, token: 't' });
    expect(decodeTextFrame('{"id": 3, "type": "auth", "token": "t"}', 0)).toEqual({ kind: 'auth', id: 3, token: 't' });
    expect(decodeTextFrame('{"id": 3, "type": "auth"}', 0)).toMatchObject({ kind: 'unreadable', id: 3, error: { code: 'invalid_input' } });
    expect(decodeTextFrame('{"id": true, "type": "auth", "token": "t"}', 0)).toMatchObject({ kind: 'unreadable', id: undefined });
  });

  it('round-trips a binary frame and decodes it as an image prediction', () => {
    const image = new Uint8Array([0xff, 0xd8, 0xff, 1, 2, 3]);
    const frame = joinBinaryFrame({ id: 'x', type: 'predict', model: 'mobilenetv2', topK: 3 }, image);
    expect(splitBinaryFrame(frame)).toEqual({ header: { id: 'x', type: 'predict', model: 'mobilenetv2', topK: 3 }, payload: image });
    expect(decodeBinaryFrame(frame, 0)).toMatchObject({ kind: 'request', id: 'x', request: { type: 'predict', input: { kind: 'image', image } } });
  });
});
