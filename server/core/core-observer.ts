import type { ErrorCode } from '../../lib/contract';

/** The API style a call came in over; the core learns it from the adapter (see labelledCore) for metrics only. */
export type ProtocolLabel = 'rest' | 'graphql' | 'soap' | 'grpc' | 'websocket' | 'mqtt' | 'oip' | 'other';

/** One prediction (or raw-tensor inference) the core has answered or refused. */
export interface PredictionRecord {
  model: string;
  /** The version that answered; null when the call failed before a version was known. */
  version: number | null;
  protocol: ProtocolLabel;
  outcome: 'success' | 'failure';
  /** Set when outcome is failure. */
  errorCode?: ErrorCode;
  /** Answered from the prediction cache. */
  cached: boolean;
  /** Received by the adapter → answer ready, in ms. */
  requestMs: number;
  /** Time the model spent computing (inference + preprocessing), in ms; absent for failures and cache hits. */
  computeMs?: number;
  /** Time spent waiting for a batch slot before computing, in ms, when the model batches. */
  queueMs?: number;
}

/**
 * What the core reports as it works, for metrics and logs. Every method is optional and must not throw or block: it
 * runs on the request path.
 */
export interface CoreObserver {
  predictionStarted?(model: string, protocol: ProtocolLabel): void;
  predictionFinished?(record: PredictionRecord): void;
  /** A model ran one batch of `size` items (the image classifier's dynamic batcher). */
  batchRan?(model: string, size: number): void;
  cacheLookup?(model: string, hit: boolean): void;
}
