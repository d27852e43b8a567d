// The registry of browser clients: one line per protocol whose client exists. The playground shows a lane for every
// protocol either way, and says "client not available yet" for the ones missing here.
import { reportingUnreachable } from './api-reachability';
import type { ConnectTime } from './call-timing';
import { createGraphqlClient } from './graphql-client';
import { createGrpcClient } from './grpc-client';
import { canRunInBrowser, createInBrowserClient } from './in-browser';
import type { ModelDescriptor } from '../contract';
import { createMqttClient } from './mqtt-client';
import { PROTOCOLS, type ProtocolClient, type ProtocolName } from './protocol-client';
import { createRestClient } from './rest-client';
import { createSoapClient } from './soap-client';
import { createWebSocketClient } from './websocket-client';

/** Where the API server is, as the browser reaches it. The native ports only feed copy-as commands (grpcurl, mosquitto_pub). */
export interface ApiEndpoints {
  apiBaseUrl: string;
  /** The native gRPC (HTTP/2) port, when the web app knows it (GRPC_PORT). */
  grpcPort?: number;
  /** The MQTT broker's TCP port, when the web app knows it (MQTT_PORT). */
  mqttPort?: number;
}

export type ClientFactory = (api: ApiEndpoints) => ProtocolClient;

/** Add a protocol by adding its line (and its import): nothing else in the UI changes. */
const PROTOCOL_CLIENT_FACTORIES: Partial<Record<ProtocolName, ClientFactory>> = {
  rest: ({ apiBaseUrl }) => createRestClient(apiBaseUrl),
  graphql: ({ apiBaseUrl }) => createGraphqlClient(apiBaseUrl),
  soap: ({ apiBaseUrl }) => createSoapClient(apiBaseUrl),
  grpc: ({ apiBaseUrl, grpcPort }) => createGrpcClient(apiBaseUrl, grpcPort ? { nativeAddress: `${new URL(apiBaseUrl).hostname}:${grpcPort}` } : {}),
  websocket: ({ apiBaseUrl }) => createWebSocketClient(apiBaseUrl),
  mqtt: ({ apiBaseUrl, mqttPort }) => createMqttClient(apiBaseUrl, mqttPort ? { tcpPort: mqttPort } : {}),
};

/** Every factory's client says "API unreachable at …" when a call gets no answer from a server that is down. */
export const CLIENT_FACTORIES: Partial<Record<ProtocolName, ClientFactory>> = Object.fromEntries(
  Object.entries(PROTOCOL_CLIENT_FACTORIES).map(([protocol, factory]) => [protocol, (api: ApiEndpoints) => reportingUnreachable(factory(api), api.apiBaseUrl)]),
);

/** How each protocol is named on screen. */
export const PROTOCOL_LABELS: Record<ProtocolName, string> = {
  rest: 'REST',
  graphql: 'GraphQL',
  soap: 'SOAP',
  grpc: 'gRPC-Web',
  websocket: 'WebSocket',
  mqtt: 'MQTT',
};

/** The tool each protocol's copyAs snippet runs, for the "Copy as …" button. */
export const COPY_AS_TOOLS: Record<ProtocolName, string> = {
  rest: 'curl',
  graphql: 'curl',
  soap: 'curl',
  grpc: 'grpcurl',
  websocket: 'websocat',
  mqtt: 'mosquitto_rr',
};

/** The part of a client a playground lane uses; a lane that is not a protocol (in-browser inference) offers the same. */
export type LaneClient = Pick<ProtocolClient, 'predict' | 'copyAs' | 'close'> & {
  /** Connects (or loads `model`) before a call, so the call's own time is measured apart; see ProtocolClient.connect. */
  connect?(model: string): Promise<ConnectTime | undefined>;
};

/** One column of the playground: a protocol, or anything else that can answer a prediction. */
export interface Lane {
  /** Stable id, used for data-testid="panel-<id>". */
  id: string;
  title: string;
  /** Absent when this lane's client has not been written yet. */
  client?: LaneClient;
  /** Why there is no client, or a remark shown under the title. */
  note?: string;
  /** What "Copy as …" produces, e.g. "curl"; "command" when unset. */
  copyAs?: string;
  /** The lane runs the model in this page: no server, no network once loaded, and it is off until asked for. */
  inPage?: boolean;
  /** Whether the lane can run this model; every model when absent. */
  supports?(model: Pick<ModelDescriptor, 'kind'>): boolean;
}

export type ProtocolClients = Partial<Record<ProtocolName, ProtocolClient>>;

/** One client per protocol that has a factory. A factory that throws leaves its protocol out, with the reason. */
export function createClients(api: ApiEndpoints): { clients: ProtocolClients; failures: Partial<Record<ProtocolName, string>> } {
  const clients: ProtocolClients = {};
  const failures: Partial<Record<ProtocolName, string>> = {};
  for (const protocol of PROTOCOLS) {
    const factory = CLIENT_FACTORIES[protocol];
    if (!factory) continue;
    try {
      clients[protocol] = factory(api);
    } catch (error) {
      failures[protocol] = error instanceof Error ? error.message : String(error);
    }
  }
  return { clients, failures };
}

/** A lane per protocol, in the canonical order, whether or not its client exists yet. */
export function protocolLanes(clients: ProtocolClients, failures: Partial<Record<ProtocolName, string>> = {}): Lane[] {
  return PROTOCOLS.map((protocol) => {
    const client = clients[protocol];
    const failure = failures[protocol];
    if (client) return { id: protocol, title: PROTOCOL_LABELS[protocol], client, copyAs: COPY_AS_TOOLS[protocol] };
    return { id: protocol, title: PROTOCOL_LABELS[protocol], note: failure ? `Client failed to start: ${failure}` : 'client not available yet' };
  });
}

/**
 * Lanes that are not protocols, after the six: e.g. `(api) => ({ id: 'browser', title: 'in your browser',
 * client: createBrowserClient(api.apiBaseUrl) })` for inference with onnxruntime-web. One line each.
 */
export const EXTRA_LANES: Array<(api: ApiEndpoints) => Lane> = [
  ({ apiBaseUrl }) => ({
    id: 'browser',
    title: 'in your browser',
    client: createInBrowserClient({ apiBaseUrl }),
    note: 'onnxruntime-web, no network once the model is loaded',
    inPage: true,
    supports: (model) => canRunInBrowser(model.kind),
  }),
];

export interface LaneSet {
  lanes: Lane[];
  clients: ProtocolClients;
  close(): void;
}

/** Everything the playground shows, in order: the six protocol lanes, then the extra lanes. */
export function createLanes(api: ApiEndpoints): LaneSet {
  const { clients, failures } = createClients(api);
  const lanes = [...protocolLanes(clients, failures), ...EXTRA_LANES.map((make) => make(api))];
  return {
    lanes,
    clients,
    close() {
      for (const lane of lanes) lane.client?.close();
    },
  };
}
