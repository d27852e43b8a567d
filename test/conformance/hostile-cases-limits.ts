import { everywhere, GRPC_LANES, hostileCase, HTTP_LANES, on, sentimentThen, SHORT_REQUEST_TIMEOUT_MS, withBody, withHeaders, type Case } from './hostile-lanes';
import { grpcFrame } from './hostile-grpc-wire';
import { PREDICT_TOPIC, publishPacket } from './hostile-mqtt-wire';
import type { HostileSession, Outcome } from './hostile-shape';
import { closeFrame, maskedFrame, upgradeRequest } from './hostile-ws-wire';

// Too much, too fast, too slow: floods from one client, bodies and frames over each protocol's limit (sent, or only
// announced), and clients that stop sending halfway. Each is answered or ended in the protocol's own way, never hangs.

const MIB = 1024 * 1024;
/** Over the 20 MB every protocol accepts (maxBodyBytes). */
const OVER_LIMIT = 21 * MIB;
const ANNOUNCED = 200 * MIB;
/** How long a slow client may stay connected to the server whose REQUEST_TIMEOUT_MS is SHORT_REQUEST_TIMEOUT_MS. */
const CUT_WITHIN_MS = 3 * SHORT_REQUEST_TIMEOUT_MS;

async function flood(session: HostileSession, count: number, request: (i: number) => ReturnType<HostileSession['encodePredict']>): Promise<Outcome> {
  return { kind: 'flood', outcomes: await Promise.all(Array.from({ length: count }, (_, i) => session.send(request(i)))) };
}

const overTheLimit = (session: HostileSession) => session.encodePredict('sentiment', { text: 'x'.repeat(OVER_LIMIT) });

const FLOOD_TRAINING = { X: [[0], [1], [2], [3]], y: [1, 3, 5, 7] };
const LONG_TEXT = 'a fine and thoroughly pleasant sentence, '.repeat(50);

/** A WebSocket frame header announcing 2^40 bytes, then 1 KiB of them. */
const hugeWebSocketFrame = () =>
  Buffer.concat([Buffer.from([0x82, 0xff]), Buffer.from([0, 0, 1, 0, 0, 0, 0, 0]), Buffer.from([1, 2, 3, 4]), Buffer.alloc(1024)]);

const slowly = { closed: /408|RST_STREAM|closed/, withinMs: CUT_WITHIN_MS } as const;


/** How the lanes that do not answer an oversized request in their own error form refuse it instead. */
const oversizeRefusedByClosing = (websocketClose: RegExp, mqttWhy: string) => ({
  graphql: { code: 'too_large', native: 'GraphQL errors (HTTP 413)', why: 'a body over the limit is refused before any operation runs' } as const,
  websocket: { closed: websocketClose, why: "ws refuses a frame over (or announcing more than) maxPayload by closing with 1009 (Message Too Big)" },
  mqtt: { closed: /connection closed/, why: mqttWhy },
});
export function limitCases(): Case[] {
  return [
    hostileCase({
      name: '200 predictions at once from one client → each answered or refused as overloaded, none hanging',
      attacks: everywhere((session) => flood(session, 200, (i) => session.encodePredict('sentiment', { text: `Flood message number ${i} is lovely.` }))),
      expected: { answeredOrOverloaded: true },
    }),
    hostileCase({
      name: '40 trainings at once → each answered or refused as overloaded (the training queue is bounded)',
      attacks: everywhere((session) => flood(session, 40, () => session.encodeTrain(`hostile-flood-${session.lane}`, FLOOD_TRAINING))),
      expected: { answeredOrOverloaded: true },
    }),
    hostileCase({
      name: 'a body over the 20 MB limit, sent whole (chunked, no length announced) → too_large',
      attacks: {
        ...on(HTTP_LANES, (session) => session.send(withHeaders(overTheLimit(session), { 'transfer-encoding': 'chunked' }))),
        ...on(['grpc', 'websocket', 'mqtt'], (session) => session.send(overTheLimit(session))),
      },
      expected: { code: 'too_large' },
      differs: oversizeRefusedByClosing(/close code 1009/, 'the broker drops a client whose packet is over its limit: MQTT 3.1.1 has no way to say why'),
    }),
    hostileCase({
      name: 'a body announcing 200 MB (Content-Length, gRPC frame length, WebSocket frame length, MQTT remaining length) → refused at once',
      attacks: {
        ...on(HTTP_LANES, sentimentThen((request) => withHeaders(withBody(request, Buffer.alloc(1024, 0x20)), { 'content-length': String(ANNOUNCED) }))),
        ...on(GRPC_LANES, sentimentThen((request) => ({ ...request, body: grpcFrame(Buffer.alloc(1024), { announced: ANNOUNCED }), framed: true }))),
        websocket: (session) => session.raw([Buffer.from(upgradeRequest('/ws')), hugeWebSocketFrame()]),
        mqtt: (session) => session.raw([publishPacket(PREDICT_TOPIC, Buffer.alloc(1024), { announced: ANNOUNCED })]),
      },
      expected: { code: 'too_large' },
      differs: oversizeRefusedByClosing(/close frame 1009/, 'the broker ends a connection whose packet announces more than it accepts, before reading it'),
    }),
    hostileCase({
      name: 'WebSocket: a 9 MiB message of mostly whitespace, over the JSON budget → too_large, the connection kept',
      attacks: { websocket: (session) => session.send(withBody(session.encodePredict('sentiment', { text: 'x' }), Buffer.alloc(9 * MIB, 0x20))) },
      expected: { code: 'too_large' },
    }),
    hostileCase({
      name: `headers and half the body, then silence → cut within ${CUT_WITHIN_MS} ms (REQUEST_TIMEOUT_MS=${SHORT_REQUEST_TIMEOUT_MS})`,
      attacks: {
        ...on([...HTTP_LANES, 'grpc'], (session) => session.sendSlowly(session.encodePredict('sentiment', { text: LONG_TEXT }))),
        websocket: (session) => session.upgrade('', { onShortDeadline: true, partial: true, timeoutMs: CUT_WITHIN_MS + 500 }),
        mqtt: (session) => session.raw([publishPacket(PREDICT_TOPIC, Buffer.from('{"text":'), { announced: 1000 })], { onShortDeadline: true, timeoutMs: CUT_WITHIN_MS + 500 }),
      },
      expected: slowly,
    }),
    hostileCase({
      name: 'WebSocket: a request and a close frame in one write → the close answered (1000), nothing after it',
      attacks: {
        websocket: (session) => session.raw([Buffer.from(upgradeRequest('/ws')), maskedFrame(0x1, Buffer.from('{"id":1,"type":"listModels"}')), closeFrame(1000)]),
      },
      expected: { closed: /^close frame 1000$/ },
    }),
  ];
}
