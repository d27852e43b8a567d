import type { CallTiming, ConnectTime } from './call-timing';
import type { ErrorBody, ModelDescriptor, PredictionInput, PredictionResult, SentimentStreamUpdate, TrainRequest, TrainResult } from '../contract';

export type ProtocolName = 'rest' | 'graphql' | 'soap' | 'grpc' | 'websocket' | 'mqtt';

export const PROTOCOLS: readonly ProtocolName[] = ['rest', 'graphql', 'soap', 'grpc', 'websocket', 'mqtt'];

/** One message as it went over the wire, for the playground's wire view. */
export interface WireMessage {
  /** The first line a learner should see: `POST /v1/... HTTP/1.1`, `MQTT PUBLISH modelwire/v1/...`, `gRPC-Web /pkg.Service/Method`. */
  summary: string;
  headers: Array<[name: string, value: string]>;
  /** The payload as text (JSON, XML, GraphQL document + variables, a decoded protobuf message as JSON). */
  body: string;
  /** The payload's size on the wire, in bytes. */
  bytes: number;
  /** Binary payloads (protobuf, image frames) as hex, possibly shortened. */
  hex?: string;
}

export interface WireExchange {
  request: WireMessage;
  response: WireMessage;
}

/** An error in the protocol's own words (HTTP 400 + problem JSON, a GraphQL error, a SOAP Fault, a gRPC status ...). */
export interface ProtocolError extends ErrorBody {
  /** e.g. `HTTP 413 Payload Too Large`, `soap:Client`, `INVALID_ARGUMENT`, `extensions.code invalid_input`. */
  native: string;
}

interface CallMeasurements {
  /**
   * From the request going out to the whole answer being in: the network both ways and the server's time. Connecting
   * first, encoding and decoding are apart, in `timing`.
   */
  roundTripMs: number;
  wire: WireExchange;
  /** What the call's time went to; absent from outcomes made outside the protocol clients (tests). */
  timing?: CallTiming;
}

export type CallOutcome<T> = ({ ok: true; value: T } | { ok: false; error: ProtocolError }) & CallMeasurements;

export type ConnectionState = 'idle' | 'connecting' | 'open' | 'closed' | 'failed';

/** Everything a live sentiment stream reports, one tagged union shared by every transport's lane. */
export type StreamEvent =
  | { time: number; type: 'state'; state: ConnectionState; detail?: string }
  | { time: number; type: 'sent'; seq: number; text: string }
  | { time: number; type: 'update'; update: SentimentStreamUpdate; latencyMs: number }
  | { time: number; type: 'error'; seq?: number; error: ProtocolError };

export interface SentimentStreamSession {
  push(text: string): void;
  /** Connects now unless connected or connecting, without sending a text (a lost connection opens again). */
  connect(): void;
  close(): void;
}

export interface PredictCallOptions {
  topK?: number;
  signal?: AbortSignal;
}

/** One browser client per protocol, all with this shape. */
export interface ProtocolClient {
  readonly protocol: ProtocolName;
  listModels(): Promise<ModelDescriptor[]>;
  /**
   * Opens what this client's calls travel on (a WebSocket, a broker connection) unless it is open, and says what that
   * took; undefined when it was open. Absent where each call sets itself up (HTTP: the browser's connection pool).
   */
  connect?(): Promise<ConnectTime | undefined>;
  /** `signal` aborts the call where the transport can (HTTP requests); elsewhere its answer is dropped by the caller. */
  predict(model: string, input: PredictionInput, options?: PredictCallOptions): Promise<CallOutcome<PredictionResult>>;
  train(model: string, request: TrainRequest): Promise<CallOutcome<TrainResult>>;
  /** A command or snippet that reproduces the same predict call outside the browser (curl, grpcurl, mosquitto_pub ...). */
  copyAs(model: string, input: PredictionInput, options?: { topK?: number }): string;
  /** Live sentiment, for the transports that stream (WebSocket, gRPC, MQTT, GraphQL). */
  openSentimentStream?(onEvent: (event: StreamEvent) => void): SentimentStreamSession;
  close(): void;
}
