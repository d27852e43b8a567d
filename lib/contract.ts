// The protocol-neutral vocabulary shared by the core, every adapter and every browser client.
// Nothing here may import from server/ or from a protocol library.

export type ModelKind = 'image-classification' | 'text-sentiment' | 'linear-regression';
export type InputKind = 'image' | 'text' | 'features';
export type ModelStatus = 'ready' | 'not_installed';

export interface ModelDescriptor {
  name: string;
  kind: ModelKind;
  input: InputKind;
  description: string;
  status: ModelStatus;
  /** Latest (served by default) version; null when nothing is installed yet. */
  version: number | null;
  versions: number[];
  /** When status is not_installed: the command that installs it. */
  installCommand?: string;
  /** Features per row, for linear models. */
  featureCount?: number;
  /** Number of output classes, for classifiers. */
  classCount?: number;
  /** SHA-256 of the served ONNX file, when known. */
  sha256?: string;
  trainable: boolean;
}

export interface ModelRef {
  name: string;
  version: number;
}

export type PredictionInput =
  | { kind: 'text'; text: string }
  | { kind: 'image'; image: Uint8Array }
  | { kind: 'features'; rows: number[][] };

export interface PredictOptions {
  /** A specific version; the latest when omitted. */
  version?: number;
  /** How many labels to return for classifiers (1..20, default 5). */
  topK?: number;
  /** performance.now() when the adapter received the request, so serverMs covers decoding too. */
  receivedAt?: number;
}

export interface LabelScore {
  label: string;
  classIndex: number;
  probability: number;
}

export type SentimentLabel = 'positive' | 'neutral' | 'negative';

export type PredictionOutput =
  | { kind: 'classification'; labels: LabelScore[] }
  | { kind: 'sentiment'; label: SentimentLabel; score: number; probability: number }
  | { kind: 'regression'; values: number[] };

export interface Timing {
  /** From the adapter receiving the request to the result being ready, in milliseconds. */
  serverMs: number;
  /** Time inside onnxruntime's run(), in milliseconds. */
  inferenceMs: number;
  /** Decoding and featurizing the input (image decode/resize, text featurizer), in milliseconds. */
  preprocessMs: number;
  /** Waiting for a batch slot before inference (models with a dynamic batcher), in milliseconds. */
  queueMs?: number;
}

export interface PredictionResult {
  model: ModelRef;
  output: PredictionOutput;
  timing: Timing;
  /** Answered from the prediction cache (same model version, same input, same options) rather than by running the model. */
  cached: boolean;
}

export interface TrainRequest {
  /** n rows of d features. */
  X: number[][];
  /** n targets. */
  y: number[];
  /** Ridge penalty λ ≥ 0 on the coefficients (not the intercept); 0 means ordinary least squares. */
  ridge?: number;
}

export interface TrainResult {
  model: ModelRef;
  coefficients: number[];
  intercept: number;
  /** Coefficient of determination on the training data. */
  r2: number;
  samples: number;
  featureCount: number;
  timing: { serverMs: number; trainingMs: number };
}

export const ERROR_CODES = [
  'invalid_input',
  'not_found',
  'not_installed',
  'unauthenticated',
  'forbidden',
  'too_large',
  'unsupported_media',
  'overloaded',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  /** Extra facts a client can act on, e.g. the install command. */
  details?: Record<string, unknown>;
}

/** One live sentiment update of a stream: the text it scored, in increasing seq order. */
export interface SentimentStreamUpdate {
  seq: number;
  text: string;
  /** How many newer texts replaced older ones before this was scored (latest-wins). */
  skipped: number;
  model: ModelRef;
  output: Extract<PredictionOutput, { kind: 'sentiment' }>;
  timing: Timing;
}
