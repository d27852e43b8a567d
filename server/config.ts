import path from 'node:path';
import { parseInferenceBackend, type InferenceBackendAddress } from './backends/backend-address';
import type { AuthMode } from './core/auth/authenticator';
import type { PredictionCacheConfig } from './core/prediction-cache';

/** Every setting ModelWire reads, from environment variables with safe defaults. Read once, in one place. */
/** Environment variables, as process.env holds them. */
type Environment = Readonly<Record<string, string | undefined>>;

export interface ServerConfig {
  host: string;
  apiPort: number;
  webPort: number;
  /** Native gRPC over HTTP/2 cleartext. */
  grpcPort: number;
  /** The embedded MQTT broker's TCP port (when no MQTT_URL is given). */
  mqttPort: number;
  /** An external MQTT broker to use instead of the embedded one, e.g. mqtt://127.0.0.1:1883. */
  mqttUrl: string | undefined;
  /** Downloaded models (the ImageNet classifier and its labels). May be read-only. */
  modelsDir: string;
  /** What this server writes: the built sentiment model and trained linear models. */
  dataDir: string;
  /** Overrides where `npm run models:fetch` downloads from (a folder URL holding the files). */
  modelsBaseUrl: string | undefined;
  /** Largest request body any protocol accepts, in bytes. */
  maxBodyBytes: number;
  /** Largest decoded image, in pixels (width × height); guards against decompression bombs. */
  maxImagePixels: number;
  /** ALLOWED_ORIGINS (comma-separated): browser origins allowed besides the web app's and the API's own. */
  allowedOrigins: string[];
  /** AUTH: `off` by default only when every listener binds to loopback; `required` otherwise. */
  auth: AuthMode;
  /** Whether AUTH was set, so an open server on another interface is a choice, never an accident. */
  authExplicit: boolean;
  /** JWT_SECRET; when absent a secret is generated once into DATA_DIR/jwt-secret. */
  jwtSecret: string | undefined;
  /** TOKEN_TTL_SECONDS: how long an access token from POST /v1/auth/token lasts. */
  tokenTtlSeconds: number;
  /** SHUTDOWN_DEADLINE_MS: how long SIGTERM waits for calls in flight before it cuts the connections left. */
  shutdownDeadlineMs: number;
  /** REQUEST_TIMEOUT_MS: how long a client may take to send one whole request (headers and body) before 408 / RST_STREAM. */
  requestTimeoutMs: number;
  /** TRAINING_CONCURRENCY: trainings fitting at once, each on its own worker thread (default 1, for small machines). */
  trainingConcurrency: number;
  /** TRAINING_QUEUE: trainings that may wait for a free slot; one more answers `overloaded` at once. */
  trainingQueue: number;
  /** MAX_VERSIONS_PER_MODEL: versions kept per trained model; the oldest beyond it are deleted after each training. */
  maxVersionsPerModel: number;
  /** MAX_BATCH_SIZE: image predictions run together in one onnxruntime call at most; 1 turns batching off. */
  maxBatchSize: number;
  /**
   * MAX_QUEUE_DELAY_MICROSECONDS: how long the oldest image waiting for a batch may wait for others to join it (as in
   * Triton's dynamic batcher). 0, the default, runs whatever waits as soon as the model is free: under load batches
   * still form from the images that arrive during a run, and a lone image is never held back. On a 2-core machine a
   * batch of 8 cost as much CPU per image as 8 single runs, so waiting to fill batches bought nothing.
   */
  maxQueueDelayMicroseconds: number;
  /** WS_MESSAGES_PER_SECOND, WS_MESSAGE_BURST, WS_MAX_IN_FLIGHT: what one WebSocket connection may send and run at once. */
  webSocketLimits: { messagesPerSecond: number; messageBurst: number; maxInFlight: number };
  /**
   * CACHE_MAX_BYTES (default 64 MiB; 0 turns the in-process cache off), CACHE_TTL_SECONDS (default 3600; 0 = until
   * evicted), REDIS_URL (share the cache between replicas through Redis instead).
   */
  predictionCache: PredictionCacheConfig;
  /**
   * INFERENCE_BACKEND (oip+grpc://host:port or oip+http://host:port): an Open Inference Protocol server (Triton, KServe,
   * MLServer, another ModelWire) that runs the model graphs; unset, they run in this process. INFERENCE_BACKEND_DEADLINE_MS
   * (default 30000): how long one call to it may take. See docs/serving/remote-backend.md.
   */
  inferenceBackend: InferenceBackendAddress | undefined;
}

export const isLoopbackHost = (host: string) => host === 'localhost' || host === '::1' || host.startsWith('127.');

function authMode(env: Environment, host: string): AuthMode {
  const raw = env.AUTH;
  if (raw === undefined || raw === '') return isLoopbackHost(host) ? 'off' : 'required';
  if (raw !== 'off' && raw !== 'required') throw new Error(`AUTH must be "off" or "required", got "${raw}"`);
  return raw;
}

/** An integer setting of at least `min` (1: a positive integer, 0: a whole number), or `fallback` when unset. */
function integerAtLeast(min: 0 | 1, name: string, fallback: number, env: Environment): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < min) throw new Error(`${name} must be ${min === 1 ? 'a positive integer' : 'a whole number ≥ 0'}, got "${raw}"`);
  return value;
}

const positiveInteger = (name: string, fallback: number, env: Environment) => integerAtLeast(1, name, fallback, env);

function port(name: string, fallback: number, env: Environment): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535) throw new Error(`${name} must be a port number (0-65535), got "${raw}"`);
  return value;
}

export function readConfig(env: Environment = process.env): ServerConfig {
  const host = env.HOST || '127.0.0.1';
  return {
    host,
    apiPort: port('API_PORT', 8080, env),
    webPort: port('WEB_PORT', 3000, env),
    grpcPort: port('GRPC_PORT', 50051, env),
    mqttPort: port('MQTT_PORT', 1883, env),
    mqttUrl: env.MQTT_URL || undefined,
    modelsDir: path.resolve(env.MODELS_DIR || 'models'),
    dataDir: path.resolve(env.DATA_DIR || 'data'),
    modelsBaseUrl: env.MODELS_BASE_URL || undefined,
    maxBodyBytes: 20 * 1024 * 1024,
    maxImagePixels: 40_000_000,
    allowedOrigins: (env.ALLOWED_ORIGINS ?? '').split(',').map((origin) => origin.trim()).filter(Boolean),
    auth: authMode(env, host),
    authExplicit: Boolean(env.AUTH),
    jwtSecret: env.JWT_SECRET || undefined,
    tokenTtlSeconds: positiveInteger('TOKEN_TTL_SECONDS', 3600, env),
    shutdownDeadlineMs: positiveInteger('SHUTDOWN_DEADLINE_MS', 10_000, env),
    requestTimeoutMs: positiveInteger('REQUEST_TIMEOUT_MS', 30_000, env),
    trainingConcurrency: positiveInteger('TRAINING_CONCURRENCY', 1, env),
    trainingQueue: positiveInteger('TRAINING_QUEUE', 16, env),
    maxVersionsPerModel: positiveInteger('MAX_VERSIONS_PER_MODEL', 20, env),
    maxBatchSize: positiveInteger('MAX_BATCH_SIZE', 8, env),
    maxQueueDelayMicroseconds: integerAtLeast(0, 'MAX_QUEUE_DELAY_MICROSECONDS', 0, env),
    webSocketLimits: {
      messagesPerSecond: positiveInteger('WS_MESSAGES_PER_SECOND', 50, env),
      messageBurst: positiveInteger('WS_MESSAGE_BURST', 100, env),
      maxInFlight: positiveInteger('WS_MAX_IN_FLIGHT', 8, env),
    },
    predictionCache: {
      maxBytes: integerAtLeast(0, 'CACHE_MAX_BYTES', 64 * 1024 * 1024, env),
      ttlSeconds: integerAtLeast(0, 'CACHE_TTL_SECONDS', 3600, env),
      redisUrl: env.REDIS_URL || undefined,
    },
    inferenceBackend: parseInferenceBackend(env.INFERENCE_BACKEND, env.INFERENCE_BACKEND_DEADLINE_MS),
  };
}
