import type { ModelDescriptor, ModelRef, PredictionInput, PredictionResult, PredictOptions, Timing, TrainRequest, TrainResult } from '../../lib/contract';
import { ModelWireError, invalidInput } from '../../lib/model-wire-error';
import type { Authenticator } from './auth/authenticator';
import { OPEN_ACCESS, type Principal } from './auth/principal';
import type { IssuedToken } from './auth/token-service';
import { recordCall } from './call-recorder';
import type { CoreObserver, ProtocolLabel } from './core-observer';
import { createModelRegistry } from './model-registry';
import { cacheKey, inputHashOf, type PredictionCache } from './prediction-cache';
import { createRawTensorInference, type RawTensorInference } from './raw-tensor-inference';
import { createSentimentStream, type SentimentStream, type SentimentStreamHandlers } from './sentiment-stream';
import { assertTakesInput, type ModelAnswer, type ModelArtifact, type ServedModel } from './served-model';
import { createStreamSessions, type ErrorLogger, type StreamSessionLimits, type StreamSessions } from './stream-sessions';
import type { TrainableModels } from './trainable-models';
import { createWorkTracker } from './work-tracker';

/** Who calls, as the adapter learnt it from its wire: checked against the scope each call needs. */
export interface CallerOptions {
  principal?: Principal;
  /** The API style the call came in over, for metrics (see labelledCore). */
  protocol?: ProtocolLabel;
}

export type CorePredictOptions = PredictOptions & CallerOptions;
export type CoreTrainOptions = { receivedAt?: number } & CallerOptions;

export interface InferenceCoreOptions {
  builtins: readonly ServedModel[];
  /** The models the API can train (linear regression); their names and versions are theirs. */
  trainable: TrainableModels;
  /** Predictions in flight at once before new ones are refused as overloaded. */
  maxConcurrentPredictions?: number;
  /** Limits of live stream sessions; each one left out keeps its default (see stream-sessions.ts). */
  streamLimits?: Partial<StreamSessionLimits>;
  /** Where internal errors of live streams are logged; the console when left out. */
  logger?: ErrorLogger;
  /** Authentication and scopes; everyone may do everything when left out (AUTH=off). */
  auth?: Authenticator;
  /** Answers kept by model version and input; every prediction runs the model when left out. */
  cache?: PredictionCache;
  /** Told about every prediction, batch and cache lookup (metrics). */
  observer?: CoreObserver;
}

export interface InferenceCore extends RawTensorInference {
  listModels(): ModelDescriptor[];
  describeModel(name: string): ModelDescriptor;
  /** Needs the `predict` scope when authentication is on. */
  predict(name: string, input: PredictionInput, options?: CorePredictOptions): Promise<PredictionResult>;
  /** Needs the `train` scope when authentication is on. */
  train(name: string, request: TrainRequest, options?: CoreTrainOptions): Promise<TrainResult>;
  /** The caller behind a bearer token (unauthenticated when it is missing or bad, with AUTH=required). */
  authenticate(token: string | undefined): Promise<Principal>;
  /** Throws unauthenticated or forbidden unless `principal` may make calls needing `scope`. */
  authorize(principal: Principal | undefined, scope: 'predict' | 'train' | 'admin'): Principal;
  /** A user's name and password for an access token (POST /v1/auth/token and the like). */
  issueToken(username: string, password: string): Promise<IssuedToken>;
  readonly authMode: 'off' | 'required';
  /** Predictions and trainings running now, and started since start-up. */
  workload(): { running: number; started: number };
  /**
   * Shutdown, once the listeners take no new calls: closes every live stream (each adapter sends its protocol's close)
   * and resolves when the calls already running have answered; then lets go of the prediction cache.
   */
  drain(): Promise<void>;
  /** The files a browser needs to run a model itself; not_found for models that cannot, not_installed while missing. */
  modelArtifacts(name: string): Promise<{ model: ModelRef; files: ModelArtifact[] }>;
  /** Opens a latest-wins live sentiment stream (model `sentiment` unless another text model is named). */
  streamSentiment(handlers: SentimentStreamHandlers, options?: { model?: string }): SentimentStream;
  /** Every live sentiment stream session of every protocol: limits, owners, idle timeout; closeAll() at shutdown. */
  readonly streams: StreamSessions;
}

const elapsedSince = (start: number) => performance.now() - start;

const MAX_TOP_K = 20;

/** A computed answer's timing; built as one of two literals, since a conditional spread is V8's slow path per call. */
function timingOf({ inferenceMs, preprocessMs, queueMs }: ModelAnswer, receivedAt: number): Timing {
  const serverMs = elapsedSince(receivedAt);
  return queueMs === undefined ? { serverMs, inferenceMs, preprocessMs } : { serverMs, inferenceMs, preprocessMs, queueMs };
}

/** The same options checked the same way for every model and protocol (the contract: topK 1..20, version ≥ 1). */
function assertPredictOptions({ topK, version }: PredictOptions): void {
  if (topK !== undefined && (!Number.isInteger(topK) || topK < 1 || topK > MAX_TOP_K)) throw invalidInput(`topK must be an integer from 1 to ${MAX_TOP_K}.`);
  if (version !== undefined && (!Number.isSafeInteger(version) || version < 1)) throw invalidInput('version must be a positive integer.');
}

/** The one place that touches models. Every protocol adapter calls this and only this. */
export function createInferenceCore(options: InferenceCoreOptions): InferenceCore {
  const registry = createModelRegistry(options.builtins, options.trainable);
  const maxInFlight = options.maxConcurrentPredictions ?? 64;
  let inFlight = 0;
  const work = createWorkTracker();
  const auth = options.auth;
  const authorize: InferenceCore['authorize'] = (principal, scope) => (auth ? auth.authorize(principal, scope) : OPEN_ACCESS);

  const { cache, observer } = options;

  /** Where a prediction's answer is filed, when the input is well-formed and the answering version is known. */
  async function cacheEntryOf(model: ModelDescriptor, input: PredictionInput, { version, topK }: PredictOptions): Promise<{ key: string; version: number } | undefined> {
    const answeringVersion = version ?? model.version;
    if (answeringVersion === null) return undefined;
    const inputHash = await inputHashOf(input);
    return inputHash === undefined ? undefined : { key: cacheKey(model.name, answeringVersion, inputHash, { topK }), version: answeringVersion };
  }

  async function computePrediction(model: ServedModel, descriptor: ModelDescriptor, input: PredictionInput, predictOptions: PredictOptions, receivedAt: number): Promise<PredictionResult> {
    // Without a cache nothing is awaited here: no extra turn before the model is reached.
    const entry = cache ? await cacheEntryOf(descriptor, input, predictOptions) : undefined;
    const hit = entry === undefined ? undefined : await cache!.get(entry.key);
    if (entry !== undefined) observer?.cacheLookup?.(model.name, hit !== undefined);
    if (hit) {
      return { model: { name: model.name, version: hit.version }, output: hit.output, timing: { serverMs: elapsedSince(receivedAt), inferenceMs: 0, preprocessMs: 0 }, cached: true };
    }
    if (inFlight >= maxInFlight) {
      throw new ModelWireError('overloaded', `The server is busy (${inFlight} predictions in flight); retry shortly.`);
    }
    inFlight++;
    try {
      const answer = await model.predict(input, predictOptions);
      // A version trained between the lookup and the run answered: its output must not be filed under the older key.
      if (entry !== undefined && answer.version === entry.version) {
        void cache!.set(entry.key, { version: answer.version, output: answer.output });
      }
      return { model: { name: model.name, version: answer.version }, output: answer.output, timing: timingOf(answer, receivedAt), cached: false };
    } finally {
      inFlight--;
    }
  }

  function runPrediction(name: string, input: PredictionInput, predictOptions: PredictOptions, protocol: ProtocolLabel = 'other'): Promise<PredictionResult> {
    const receivedAt = predictOptions.receivedAt ?? performance.now();
    return recordCall(
      observer,
      { model: name, protocol, receivedAt },
      async () => {
        const model = registry.get(name);
        const descriptor = model.describe();
        assertTakesInput(descriptor, input);
        assertPredictOptions(predictOptions);
        return computePrediction(model, descriptor, input, predictOptions, receivedAt);
      },
      ({ model, cached, timing }) =>
        cached ? { version: model.version, cached } : { version: model.version, cached, computeMs: timing.inferenceMs + timing.preprocessMs, queueMs: timing.queueMs },
    );
  }

  const rawTensors = createRawTensorInference({ modelNamed: registry.get, authorize, track: work.track });

  const core: InferenceCore = {
    rawTensorsOf: rawTensors.rawTensorsOf,
    inferTensor(name, input, tensorOptions = {}) {
      const receivedAt = tensorOptions.receivedAt ?? performance.now();
      return recordCall(
        observer,
        { model: name, protocol: tensorOptions.protocol ?? 'oip', receivedAt },
        () => rawTensors.inferTensor(name, input, { ...tensorOptions, receivedAt }),
        ({ model, timing }) => ({ version: model.version, cached: false, computeMs: timing.inferenceMs }),
      );
    },
    listModels: () => registry.list(),
    describeModel: (name) => registry.get(name).describe(),

    // The model's options named one by one (`satisfies` fails the build when PredictOptions gains one): an object rest
    // here, once per call, is V8's slow path for copying properties.
    async predict(name, input, { principal, protocol, version, topK, receivedAt } = {}) {
      authorize(principal, 'predict');
      const predictOptions = { version, topK, receivedAt } satisfies Record<keyof PredictOptions, unknown>;
      return work.track(() => runPrediction(name, input, predictOptions, protocol));
    },

    async train(name, request, { principal, receivedAt = performance.now() } = {}) {
      authorize(principal, 'train');
      registry.assertTrainableName(name);
      return work.track(async () => {
        try {
          const { version, trainingMs, ...fit } = await options.trainable.train(name, request);
          return { model: { name, version }, ...fit, timing: { serverMs: elapsedSince(receivedAt), trainingMs } };
        } catch (error) {
          throw ModelWireError.from(error);
        }
      });
    },

    authenticate: async (token) => (auth ? auth.authenticate(token) : OPEN_ACCESS),
    authorize,
    async issueToken(username, password) {
      if (!auth) throw new ModelWireError('not_found', 'Authentication is off on this server (AUTH=off): no token is needed.');
      return auth.issueToken(username, password);
    },
    authMode: auth?.mode ?? 'off',
    workload: () => ({ running: work.running, started: work.started }),

    async drain() {
      core.streams.closeAll();
      await work.whenIdle();
      await cache?.close();
    },

    async modelArtifacts(name) {
      const model = registry.get(name);
      if (!model.artifacts) throw new ModelWireError('not_found', `Model "${name}" cannot be downloaded to run in a browser.`, { model: name });
      const descriptor = model.describe();
      const files = model.artifacts();
      if (!files || descriptor.version === null) {
        throw new ModelWireError('not_installed', `Model "${name}" is not installed.`, { model: name, installCommand: descriptor.installCommand });
      }
      return { model: { name, version: descriptor.version }, files };
    },

    streamSentiment(handlers, streamOptions = {}) {
      const model = streamOptions.model ?? 'sentiment';
      if (registry.get(model).describe().kind !== 'text-sentiment') {
        throw new ModelWireError('invalid_input', `Model "${model}" is not a sentiment model; live streams need one, e.g. "sentiment".`);
      }
      return createSentimentStream((text, receivedAt) => work.track(() => runPrediction(model, { kind: 'text', text }, { receivedAt })), handlers);
    },

    streams: createStreamSessions((handlers, streamOptions) => core.streamSentiment(handlers, streamOptions), {
      limits: options.streamLimits,
      logger: options.logger,
      admit: (principal) => authorize(principal, 'predict'),
    }),
  };
  return core;
}
