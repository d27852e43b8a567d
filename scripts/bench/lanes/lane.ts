import type { PredictionInput } from '../../../lib/contract';

/** Where a lane's client connects: ModelWire's listener for that protocol, a floor server, or the byte-counting relay. */
export interface LaneEndpoint {
  host: string;
  port: number;
}

/** One call's answer reduced to what the in-process model's answer can be compared with: a label or a number. */
export type Answer = string | number;

/** One protocol's client, connected; the same code drives ModelWire and the floor. */
export interface LaneClient {
  /** The seed deck's predict(feature1, feature2) on the seed endpoint every floor also serves. */
  seed(feature1: number, feature2: number): Promise<number>;
  /** ModelWire's own API: any model, any input. Floors do not serve it. */
  predict(model: string, input: PredictionInput): Promise<Answer>;
  close(): Promise<void>;
}

export type LaneProtocol = 'rest' | 'graphql' | 'soap' | 'grpc' | 'websocket' | 'mqtt';

export interface Lane {
  protocol: LaneProtocol;
  /** The client library and how it is used, for the report. */
  client: string;
  /** What one seed call sends and where, for the report. */
  seedCall: string;
  /** How model calls travel (the image encoding above all), for the report. */
  predictCall: string;
  /** `maxInFlight`: the most calls the caller will have outstanding (sizes HTTP/1.1 connection pools). */
  connect(endpoint: LaneEndpoint, maxInFlight: number): Promise<LaneClient>;
}

/** The server shed the call with the contract's `overloaded` (a rate or in-flight limit): counted apart from errors. */
export class CallRefused extends Error {
  override name = 'CallRefused';
}

/** The error for a failed call: CallRefused when the server's contract code says `overloaded`. */
export const failedCall = (message: string, overloaded: boolean): Error => (overloaded ? new CallRefused(message) : new Error(message));
