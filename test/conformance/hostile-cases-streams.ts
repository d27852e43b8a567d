import { GRPC_LANES, hostileCase, INVALID_INPUT, on, sentimentThen, withBody, type Case } from './hostile-lanes';
import { grpcFrame, INFERENCE } from './hostile-grpc-wire';
import type { MqttSession, RawSession } from './hostile-lanes-streams';
import { PREDICT_TOPIC, publishPacket, REPLIES, subscribePacket } from './hostile-mqtt-wire';
import type { HostileSession, WireRequest } from './hostile-shape';
import { closeFrame, maskedFrame, upgradeRequest } from './hostile-ws-wire';

// What only gRPC frames, WebSocket frames and MQTT topics can carry: broken framing and protobuf, frames a client
// library would never send, and MQTT's topics, wildcards and reply addresses used against other clients.

const closedByBroker = { closed: /connection closed/ } as const;
const framedBody = (body: Buffer) => (request: WireRequest): WireRequest => ({ ...request, body, framed: true });

/** Start-group and end-group tags of an unknown field (15), nested 10 000 deep: skipping it must not recurse that far. */
const NESTED_GROUPS = Buffer.concat([Buffer.alloc(10_000, (15 << 3) | 3), Buffer.alloc(10_000, (15 << 3) | 4)]);

const wsFrames = (...frames: Buffer[]) => (session: RawSession) => session.raw([Buffer.from(upgradeRequest('/ws')), ...frames]);
const wsText = (text: string) => (session: HostileSession) => session.send({ target: '/ws', headers: {}, body: Buffer.from(text) });

/** A request whose JSON names `replyTo`, on the sentiment topic. */
const mqttReplyingTo = (replyTo: string) => (session: MqttSession) =>
  session.send({ target: PREDICT_TOPIC.toString(), headers: {}, body: Buffer.from(JSON.stringify({ text: 'good', replyTo })) });
const mqttPublish = (topic: string, payload = '{"text":"good"}') => (session: MqttSession) =>
  session.send({ target: topic, headers: {}, body: Buffer.from(payload) });
/** A request topic with two bytes in the model name that are not UTF-8. */
const NOT_UTF8_TOPIC = Buffer.concat([Buffer.from('modelwire/v1/models/'), Buffer.from([0xc3, 0x28]), Buffer.from('/predict')]);

export function streamCases(): Case[] {
  return [
    hostileCase({
      name: 'gRPC: a field of the wrong wire type (the model name as a varint) → invalid_input',
      attacks: on(GRPC_LANES, sentimentThen((request) => withBody(request, Buffer.from([0x08, 0x01])))),
      expected: INVALID_INPUT,
    }),
    hostileCase({
      name: 'gRPC: a frame announcing 100 bytes that ends after 10 → invalid_input',
      attacks: on(GRPC_LANES, sentimentThen(framedBody(grpcFrame(Buffer.alloc(10), { announced: 100 })))),
      expected: INVALID_INPUT,
    }),
    hostileCase({
      name: 'gRPC: two messages in a unary call → invalid_input',
      attacks: on(GRPC_LANES, sentimentThen((request) => framedBody(Buffer.concat([grpcFrame(request.body), grpcFrame(request.body)]))(request))),
      expected: INVALID_INPUT,
    }),
    hostileCase({
      name: 'gRPC: the compressed flag with no grpc-encoding → INTERNAL, the protocol error the gRPC spec names',
      attacks: on(GRPC_LANES, sentimentThen((request) => framedBody(grpcFrame(request.body, { flag: 1 }))(request))),
      expected: { refused: /^INTERNAL \(13\)$/ },
    }),
    hostileCase({
      name: 'gRPC: protobuf groups nested 10 000 deep → invalid_input, not internal',
      attacks: on(GRPC_LANES, sentimentThen((request) => withBody(request, NESTED_GROUPS))),
      expected: INVALID_INPUT,
    }),
    hostileCase({
      name: 'gRPC: a method the service does not have → UNIMPLEMENTED',
      attacks: on(GRPC_LANES, sentimentThen((request) => ({ ...request, target: `${INFERENCE}/Explode` }))),
      // gRPC clients read an HTTP 404 as UNIMPLEMENTED (the spec's HTTP-to-gRPC status mapping).
      expected: { refused: /^(UNIMPLEMENTED \(12\)|HTTP 404)$/ },
      differs: {
        'grpc-web': { code: 'not_found', native: 'HTTP 404 problem+json', why: 'no such route on the API port: its 404, which gRPC-Web and Connect clients read as UNIMPLEMENTED' },
      },
    }),
    hostileCase({ name: 'WebSocket: a text frame that is not JSON → invalid_input', attacks: { websocket: wsText('\u0000not json {') }, expected: INVALID_INPUT }),
    hostileCase({
      name: 'WebSocket: a message type the server does not have → invalid_input',
      attacks: { websocket: wsText('{"id":"t1","type":"shutdown"}') },
      expected: INVALID_INPUT,
    }),
    hostileCase({
      name: 'WebSocket: a request id of 10 000 characters → invalid_input',
      attacks: { websocket: wsText(JSON.stringify({ id: 'i'.repeat(10_000), type: 'listModels' })) },
      expected: INVALID_INPUT,
    }),
    hostileCase({
      name: 'WebSocket: a request after the close frame → ignored, the connection closed (1000)',
      attacks: { websocket: wsFrames(closeFrame(1000), maskedFrame(0x1, Buffer.from('{"id":2,"type":"listModels"}'))) },
      expected: { closed: /^close frame 1000$/ },
    }),
    hostileCase({
      name: 'WebSocket: a frame with a reserved opcode → closed (1002)',
      attacks: { websocket: wsFrames(maskedFrame(0x3, Buffer.from('x'))) },
      expected: { closed: /^close frame 1002$/ },
    }),
    hostileCase({
      name: 'WebSocket: an unmasked client frame → closed (1002)',
      attacks: { websocket: wsFrames(Buffer.concat([Buffer.from([0x81, 2]), Buffer.from('{}')])) },
      expected: { closed: /^close frame 1002$/ },
    }),
    hostileCase({
      name: 'MQTT: subscribing to "#" → refused (SUBACK 0x80)',
      attacks: { mqtt: (session) => session.subscribe('#') },
      expected: { refused: /SUBACK 0x80/ },
    }),
    hostileCase({
      name: 'MQTT: subscribing to every client\'s replies → refused (SUBACK 0x80)',
      attacks: { mqtt: (session) => session.subscribe(`${REPLIES}/+/#`) },
      expected: { refused: /SUBACK 0x80/ },
    }),
    hostileCase({
      name: 'MQTT: publishing a fake reply on another client\'s reply topic → refused (the broker closes the connection)',
      attacks: { mqtt: mqttPublish(`${REPLIES}/victim/r`, '{"output":{"kind":"sentiment","label":"negative"}}') },
      expected: closedByBroker,
    }),
    hostileCase({
      name: 'MQTT: publishing on the errors topic → refused (closed)',
      attacks: { mqtt: mqttPublish('modelwire/v1/errors', '{"error":{"code":"internal"}}') },
      expected: closedByBroker,
    }),
    hostileCase({
      name: 'MQTT: a retained request (answered again at every service restart) → refused (closed)',
      attacks: { mqtt: (session) => session.raw([publishPacket(PREDICT_TOPIC, Buffer.from('{"text":"good"}'), { retain: true })]) },
      expected: closedByBroker,
    }),
    hostileCase({
      name: 'MQTT: a wildcard replyTo → invalid_input, on the client\'s errors topic',
      attacks: { mqtt: mqttReplyingTo(`${REPLIES}/#`) },
      expected: INVALID_INPUT,
    }),
    hostileCase({
      name: 'MQTT: a replyTo of another client → forbidden, on the client\'s errors topic',
      attacks: { mqtt: mqttReplyingTo(`${REPLIES}/victim`) },
      expected: { code: 'forbidden' },
    }),
    hostileCase({
      name: 'MQTT: a payload that is not JSON → invalid_input, on the client\'s errors topic',
      attacks: { mqtt: mqttPublish(PREDICT_TOPIC.toString(), 'text=good') },
      expected: INVALID_INPUT,
    }),
    hostileCase({
      name: 'MQTT: a topic that is not UTF-8 → refused (closed)',
      attacks: { mqtt: (session) => session.raw([publishPacket(NOT_UTF8_TOPIC, Buffer.from('{}'))]) },
      expected: closedByBroker,
    }),
    hostileCase({
      name: 'MQTT: a subscription filter that is not UTF-8 → refused',
      attacks: { mqtt: (session) => session.raw([subscribePacket(Buffer.concat([Buffer.from(REPLIES), Buffer.from([0xff, 0xfe])]))]) },
      expected: { refused: /SUBACK 0x80|connection closed/ },
    }),
    hostileCase({
      name: 'MQTT: a client id with "#" and "/" (it would become a topic level) → CONNACK refused',
      attacks: { mqtt: (session) => session.raw([], { clientId: 'evil/#' }) },
      expected: { refused: /^CONNACK return code 2$/ },
    }),
  ];
}
