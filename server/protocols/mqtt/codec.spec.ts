import type { IPublishPacket } from 'mqtt';
import { describe, expect, it } from 'vitest';
import { decodeRequest, encodeReply } from './codec';

const limits = { maxPayloadBytes: 100, isRequestTopic: (topic: string) => topic.startsWith('modelwire/') };
const packet = (payload: string, properties?: IPublishPacket['properties']): IPublishPacket =>
  ({ cmd: 'publish', topic: 'modelwire/v1/models/x/predict', qos: 1, dup: false, retain: false, payload: Buffer.from(payload), properties }) as IPublishPacket;

describe('MQTT request codec', () => {
  it('takes the MQTT 5 response topic and correlation data over the JSON fields', () => {
    const correlationData = Buffer.from('abc');
    const decoded = decodeRequest(packet('{"text":"hi","replyTo":"json/topic"}', { responseTopic: 'v5/topic', correlationData }), limits);
    expect(decoded).toEqual({ body: { text: 'hi', replyTo: 'json/topic' }, address: { topic: 'v5/topic', correlationData } });
  });

  it('reads replyTo and correlationId from the JSON of 3.1.1 clients, and echoes the id in the reply', () => {
    const decoded = decodeRequest(packet('{"text":"hi","replyTo":"r/1","correlationId":7}'), limits);
    expect(decoded.address).toEqual({ topic: 'r/1', correlationId: 7 });
    expect(JSON.parse(encodeReply(decoded.address, { ok: true }))).toEqual({ correlationId: 7, ok: true });
  });

  it('keeps the MQTT 5 reply address when the payload is unreadable', () => {
    const decoded = decodeRequest(packet('{', { responseTopic: 'v5/topic' }), limits);
    expect('error' in decoded && decoded.error.code).toBe('invalid_input');
    expect(decoded.address).toEqual({ topic: 'v5/topic', correlationData: undefined });
  });

  it('refuses payloads over the limit, reply topics with wildcards and reply topics the service answers', () => {
    const tooLarge = decodeRequest(packet(`{"text":"${'a'.repeat(100)}"}`), limits);
    expect('error' in tooLarge && tooLarge.error.code).toBe('too_large');
    for (const replyTo of ['a/+/b', 'a/#', '$SYS/x', '', 'modelwire/v1/models/list']) {
      const decoded = decodeRequest(packet(JSON.stringify({ replyTo })), limits);
      expect('error' in decoded && decoded.error.code, replyTo).toBe('invalid_input');
      expect(decoded.address).toBeUndefined();
    }
  });

  it('holds a request to its own client\'s reply topics when the broker names the requester', () => {
    const own = { ...limits, isRequestTopic: () => false, requester: 'me' };
    for (const replyTo of ['modelwire/v1/replies/me', 'modelwire/v1/replies/me/42']) {
      expect(decodeRequest(packet(JSON.stringify({ replyTo })), own).address, replyTo).toEqual({ topic: replyTo });
    }
    for (const replyTo of ['modelwire/v1/replies/you', 'modelwire/v1/replies/meme', 'me/replies']) {
      const decoded = decodeRequest(packet(JSON.stringify({ replyTo })), own);
      expect('error' in decoded && decoded.error.code, replyTo).toBe('forbidden');
    }
    expect('error' in decodeRequest(packet('{}', { responseTopic: 'modelwire/v1/replies/you' }), own)).toBe(true);
  });

  it('refuses a payload that is not UTF-8 instead of reading U+FFFD', () => {
    const decoded = decodeRequest({ ...packet(''), payload: Buffer.from([0x7b, 0x22, 0x74, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]) }, limits);
    expect('error' in decoded && decoded.error.message).toMatch(/UTF-8/);
  });

  it('reads an empty payload as an empty request', () => {
    expect(decodeRequest(packet('', { responseTopic: 'r' }), limits)).toMatchObject({ body: {} });
  });
});
