import type { RunningApi } from '../support/start-api';
import { createGrpcConnection, predictJson, trainJson, unaryRequest } from './hostile-grpc-wire';
import { GRPC_STATUS_OF, type HostileServers } from './hostile-lanes-http';
import { brokerVerdict, connectPacket, createMqttRequester, socketExchange } from './hostile-mqtt-wire';
import type { HostileLane, HostileSession, Loose, Outcome, WireRequest } from './hostile-shape';
import { createWebSocketRequester, rawWebSocketOutcome, upgradeRequest } from './hostile-ws-wire';

// The protocols with connections of their own: native gRPC (h2c, its own port), WebSocket (/ws) and MQTT (TCP broker).

export interface GrpcSession extends HostileSession {
  send(request: WireRequest, options?: { timeoutMs?: number }): Promise<Outcome>;
  /** Headers and half the message to the short-deadline server's gRPC port, then silence. */
  sendSlowly(request: WireRequest): Promise<Outcome>;
}

interface RawOptions {
  /** To the short-deadline server (its REQUEST_TIMEOUT_MS is SHORT_REQUEST_TIMEOUT_MS). */
  onShortDeadline?: boolean;
  timeoutMs?: number;
  /** MQTT: the client id its CONNECT gives. */
  clientId?: string;
}

export interface RawSession extends HostileSession {
  /** Bytes written as they are on a fresh TCP connection: to the API port (WebSocket), or after a CONNECT to the broker (MQTT). */
  raw(chunks: Buffer[], options?: RawOptions): Promise<Outcome>;
  /** A WebSocket upgrade of the lane's path (/ws, /mqtt) with extra header lines; `partial`: only its first half, then silence. */
  upgrade(extraHeaderLines: string, options?: RawOptions & { partial?: boolean }): Promise<Outcome>;
}

export interface MqttSession extends RawSession {
  clientId: string;
  replyTopic: string;
  subscribe(filter: string): Promise<Outcome>;
}

const portOf = (url: string) => Number(new URL(url).port);
const apiOf = (servers: HostileServers, onShortDeadline = false): RunningApi => (onShortDeadline ? servers.shortDeadline : servers.main);

/** Stops reading at a whole answer that is not a 101: the server may keep the connection open after refusing. */
const refusedUpgrade = (data: Buffer) => /^HTTP\/1\.1 (?!101)/.test(data.toString('latin1')) && data.includes('\r\n\r\n');

function upgrader(servers: () => HostileServers, path: string): RawSession['upgrade'] {
  return async (extraHeaderLines, { onShortDeadline, timeoutMs, partial } = {}) => {
    const request = Buffer.from(upgradeRequest(path, extraHeaderLines));
    const sent = partial ? request.subarray(0, request.length >> 1) : request;
    return rawWebSocketOutcome(await socketExchange(portOf(apiOf(servers(), onShortDeadline).url), [sent], { timeoutMs, until: refusedUpgrade }));
  };
}

export function grpcLane(servers: () => HostileServers): HostileLane<GrpcSession> {
  const encodings = { binary: 'application/grpc', json: 'application/grpc+json' };
  const connections = { main: createGrpcConnection(() => servers().main.grpcAddress), slow: createGrpcConnection(() => servers().shortDeadline.grpcAddress) };
  return {
    name: 'grpc',
    nativeFor: (code) => GRPC_STATUS_OF[code],
    open: () => ({
      lane: 'grpc',
      encodePredict: (model, fields) => unaryRequest('Predict', predictJson(model, fields), encodings),
      encodeTrain: (model, fields) => unaryRequest('Train', trainJson(model, fields), encodings),
      send: (request, options) => connections.main.call(request, options),
      sendSlowly: (request) => connections.slow.call(request, { partial: true, timeoutMs: 5000 }),
    }),
    close: () => Object.values(connections).forEach((connection) => connection.close()),
  };
}

const ids = { next: 0 };

export function websocketLane(servers: () => HostileServers): HostileLane<RawSession> {
  const requester = createWebSocketRequester(() => `${servers().main.url.replace(/^http/, 'ws')}/ws`);
  const message = (type: string, model: string, fields: Loose): WireRequest => ({
    target: '/ws',
    headers: {},
    body: Buffer.from(JSON.stringify({ id: `h${++ids.next}`, type, model, ...fields })),
  });
  return {
    name: 'websocket',
    nativeFor: (code) => `error message (retryable: ${code === 'overloaded' || code === 'internal'})`,
    open: () => ({
      lane: 'websocket',
      encodePredict: (model, { topK, ...input }) => message('predict', model, { input, ...(topK === undefined ? {} : { topK }) }),
      encodeTrain: (model, fields) => message('train', model, fields),
      send: (request) => requester.request(request),
      raw: async (chunks, { onShortDeadline, timeoutMs } = {}) =>
        rawWebSocketOutcome(await socketExchange(portOf(apiOf(servers(), onShortDeadline).url), chunks, { timeoutMs })),
      upgrade: upgrader(servers, '/ws'),
    }),
    close: () => requester.close(),
  };
}

export function mqttLane(servers: () => HostileServers): HostileLane<MqttSession> {
  const requester = createMqttRequester(() => servers().main.mqttUrl);
  const publish = (model: string, action: string, fields: Loose): WireRequest => ({
    target: `modelwire/v1/models/${model}/${action}`,
    headers: {},
    body: Buffer.from(JSON.stringify({ ...fields, replyTo: requester.replyTopic, correlationId: requester.nextCorrelationId() })),
  });
  const correlationOf = (request: WireRequest) => {
    try {
      return JSON.parse(request.body.toString('utf8')).correlationId as string | undefined;
    } catch {
      return undefined;
    }
  };
  return {
    name: 'mqtt',
    nativeFor: () => /^MQTT error reply on the (reply|errors) topic$/,
    open: () => ({
      lane: 'mqtt',
      clientId: requester.clientId,
      replyTopic: requester.replyTopic,
      encodePredict: (model, fields) => publish(model, 'predict', fields),
      encodeTrain: (model, fields) => publish(model, 'train', fields),
      send: (request) => requester.request(request.target, request.body, correlationOf(request)),
      subscribe: (filter) => requester.subscribe(filter),
      upgrade: upgrader(servers, '/mqtt'),
      async raw(chunks, { onShortDeadline, timeoutMs, clientId = `raw-${++ids.next}` } = {}) {
        const sent = `CONNECT and ${chunks.length} packet(s)`;
        const port = portOf(apiOf(servers(), onShortDeadline).mqttUrl);
        // Stop reading once a SUBACK is in: the broker keeps a well-behaved connection open.
        const subacked = (data: Buffer) => data.length >= 9 && data.indexOf(0x90, 4) >= 0;
        return brokerVerdict(await socketExchange(port, [connectPacket(clientId), ...chunks], { timeoutMs, until: subacked }), sent);
      },
    }),
    close: () => requester.close(),
  };
}
