import type { ErrorBody, ModelDescriptor, PredictionInput, PredictionResult } from '../contract';

export type ProtocolName = 'rest' | 'graphql' | 'soap' | 'grpc' | 'websocket' | 'mqtt';

/** What went over the wire for one call, for the playground's wire view. */
export interface WireExchange {
  request: string;
  response: string;
  requestBytes: number;
  responseBytes: number;
}

export type CallOutcome<T> =
  | { ok: true; value: T; roundTripMs: number; wire: WireExchange }
  | { ok: false; error: ErrorBody & { native: string }; roundTripMs: number; wire: WireExchange };

/** One browser client per protocol, all with this shape. */
export interface ProtocolClient {
  readonly protocol: ProtocolName;
  listModels(): Promise<ModelDescriptor[]>;
  predict(model: string, input: PredictionInput, options?: { topK?: number }): Promise<CallOutcome<PredictionResult>>;
}
