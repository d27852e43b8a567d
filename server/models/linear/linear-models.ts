import type { ModelDescriptor, PredictionInput, PredictOptions, TrainRequest } from '../../../lib/contract';
import { ModelWireError } from '../../../lib/model-wire-error';
import type { CoreObserver } from '../../core/core-observer';
import { loadOnnxSession, runStackedRows, type OnnxSession } from '../../core/onnx-session';
import type { RawTensorRunner } from '../../core/raw-tensor-inference';
import type { ModelAnswer, ServedModel } from '../../core/served-model';
import type { TrainableModels, TrainOutcome } from '../../core/trainable-models';
import { createBatchedLinearGraph, type BatchedLinearGraph } from './batched-linear-graph';
import { createBoundedQueue } from './bounded-queue';
import { exportLinearModel, INPUT, OUTPUT } from './export-linear-model';
import { createFitWorkers } from './fit-workers';
import type { LeastSquaresFit, TrainingSet } from './least-squares';
import { createLinearModelStore, type LinearModelRecord } from './linear-model-store';
import { predictLinear, type LinearGraphRun } from './linear-prediction';
import { readTrainingSet } from './validate-training-data';

export interface LinearModelsOptions {
  /** Trainings fitting at once, each on its own worker thread. */
  trainingConcurrency: number;
  /** Trainings that may wait for a free slot; one more is refused at once with `overloaded`. */
  trainingQueue: number;
  /** Versions kept per model: after each training the oldest beyond this are deleted. */
  maxVersionsPerModel: number;
  /** Where start-up reports what on disk it skipped; console.warn by default. */
  warn?: (message: string) => void;
  /** Predictions of one version that run together in one onnxruntime call at most; 1 runs each alone. 64 when left out. */
  maxCallsPerRun?: number;
  /** Told the size of every batched run (metrics). */
  observer?: Pick<CoreObserver, 'batchRan'>;
}

/**
 * A linear graph is a few multiply-adds: onnxruntime's thread pool only adds hand-offs (and spinning threads that take
 * the second core from the protocols), so each run stays on the calling thread.
 */
export const TINY_GRAPH_THREADING = { intraOpNumThreads: 1, allowSpinning: false };

/** One set of fitting threads for the process, however many times the server is built (tests restart it often). */
const fitWorkers = createFitWorkers();

/**
 * Every user-trained linear regression, by name. Training fits on a worker thread, saves a new numbered version
 * (persisted under DATA_DIR), and each name is served as a model of its own, latest version by default.
 */
export async function createLinearModels(dataDir: string, options: LinearModelsOptions): Promise<TrainableModels> {
  const store = createLinearModelStore(dataDir, options.warn);
  const records = new Map<string, Map<number, LinearModelRecord>>();
  const sessions = new Map<string, Promise<OnnxSession>>();
  const graphs = new Map<string, Promise<BatchedLinearGraph>>();
  const trainings = createBoundedQueue({ concurrency: options.trainingConcurrency, maxWaiting: options.trainingQueue, label: 'training' });
  let saving: Promise<unknown> = Promise.resolve();

  // Worked out once per change of a model's versions, not on every prediction that asks for the latest.
  const sortedVersions = new Map<string, readonly number[]>();
  const descriptors = new Map<string, ModelDescriptor>();
  const versionsChanged = (name: string) => {
    sortedVersions.delete(name);
    descriptors.delete(name);
  };

  const remember = (record: LinearModelRecord) => {
    if (!records.has(record.name)) records.set(record.name, new Map());
    records.get(record.name)!.set(record.version, record);
    versionsChanged(record.name);
  };
  (await store.loadAll()).forEach(remember);

  function versionsOf(name: string): readonly number[] {
    let versions = sortedVersions.get(name);
    if (!versions) sortedVersions.set(name, (versions = Object.freeze([...(records.get(name)?.keys() ?? [])].sort((a, b) => a - b))));
    return versions;
  }

  function recordFor(name: string, version: number | undefined): LinearModelRecord {
    const versions = versionsOf(name);
    const wanted = version ?? versions.at(-1);
    const record = wanted === undefined ? undefined : records.get(name)?.get(wanted);
    if (!record) throw new ModelWireError('not_found', `Model "${name}" has no version ${wanted}; it has ${versions.join(', ')}.`);
    return record;
  }

  function sessionFor(record: LinearModelRecord): Promise<OnnxSession> {
    const key = `${record.name}@${record.version}`;
    if (!sessions.has(key)) sessions.set(key, loadOnnxSession(store.modelPath(record.name, record.version), TINY_GRAPH_THREADING));
    return sessions.get(key)!;
  }

  function graphFor(record: LinearModelRecord): Promise<BatchedLinearGraph> {
    const key = `${record.name}@${record.version}`;
    if (!graphs.has(key)) {
      const batching = { maxBatchSize: options.maxCallsPerRun ?? 64, onBatch: (size: number) => options.observer?.batchRan?.(record.name, size) };
      graphs.set(key, sessionFor(record).then((session) => createBatchedLinearGraph(session, record.featureCount, batching)));
    }
    return graphs.get(key)!;
  }

  function describe(name: string): ModelDescriptor {
    let descriptor = descriptors.get(name);
    if (!descriptor) descriptors.set(name, (descriptor = Object.freeze(describeLatest(name))));
    return descriptor;
  }

  function describeLatest(name: string): ModelDescriptor {
    const latest = recordFor(name, undefined);
    return {
      name,
      kind: 'linear-regression',
      input: 'features',
      description: `Linear regression trained through ModelWire on ${latest.samples} rows of ${latest.featureCount} features (R² ${latest.r2.toFixed(4)}).`,
      status: 'ready',
      version: latest.version,
      versions: [...versionsOf(name)],
      featureCount: latest.featureCount,
      sha256: latest.sha256,
      trainable: true,
    };
  }

  /** The graph of one version, already chosen, so the rows are checked against the version that runs them. */
  const runGraph = (record: LinearModelRecord): LinearGraphRun => async ({ rows, values }) => {
    const { predictions, inferenceMs, queueMs } = await (await graphFor(record)).run(values, rows);
    return { version: record.version, predictions, inferenceMs, queueMs };
  };

  async function predict(name: string, input: PredictionInput, options: PredictOptions): Promise<ModelAnswer> {
    const record = recordFor(name, options.version);
    return predictLinear(name, input, options, record, runGraph(record));
  }

  /** The graph's own tensors, for the Open Inference Protocol: what an inference backend is sent. */
  const graphOf = (name: string): RawTensorRunner => ({
    get input() {
      return { name: INPUT, itemDims: [recordFor(name, undefined).featureCount] };
    },
    output: { name: OUTPUT, itemDims: [1] },
    async run(items, version) {
      const record = recordFor(name, version);
      const signature = { input: { name: INPUT, itemDims: [record.featureCount] }, output: { name: OUTPUT, itemDims: [1] } };
      return { version: record.version, ...(await runStackedRows(await sessionFor(record), signature, items)) };
    },
  });

  /** Deletes the oldest versions beyond the limit; the newest is always kept. */
  async function retire(name: string): Promise<void> {
    for (const version of versionsOf(name).slice(0, -options.maxVersionsPerModel)) {
      records.get(name)?.delete(version);
      versionsChanged(name);
      const session = sessions.get(`${name}@${version}`);
      sessions.delete(`${name}@${version}`);
      graphs.delete(`${name}@${version}`);
      session?.then((loaded) => loaded.release()).catch(() => undefined);
      await store.remove(name, version).catch((error) => (options.warn ?? console.warn)(`ModelWire: could not delete ${name} v${version}: ${error}`));
    }
  }

  /** Numbers, writes and retires versions one training at a time, so version numbers never collide. */
  async function saveVersion(name: string, set: Pick<TrainingSet, 'rows' | 'width' | 'ridge'>, fit: LeastSquaresFit) {
    const version = Math.max(await store.nextVersion(name), (versionsOf(name).at(-1) ?? 0) + 1);
    const draft = { name, version, featureCount: set.width, ...fit, ridge: set.ridge, samples: set.rows, trainedAt: new Date().toISOString() };
    const saved = await store.save(draft, exportLinearModel(draft));
    remember(saved);
    await retire(name);
    return saved;
  }

  async function train(name: string, request: TrainRequest): Promise<TrainOutcome> {
    trainings.assertRoom();
    const set = readTrainingSet(request);
    const { rows, width, ridge } = set;
    return trainings.run(async () => {
      const started = performance.now();
      const fit = await fitWorkers.fit(set);
      const saved = saving.then(() => saveVersion(name, { rows, width, ridge }, fit));
      saving = saved.catch(() => undefined);
      const { version, coefficients, intercept, r2, samples, featureCount } = await saved;
      return { version, coefficients, intercept, r2, samples, featureCount, trainingMs: performance.now() - started };
    });
  }

  const asServedModel = (name: string): ServedModel => ({
    name,
    describe: () => describe(name),
    predict: (input, options) => predict(name, input, options),
    rawTensors: graphOf(name),
  });

  // Built once per name (every prediction looks its model up): each one reads the versions of its name when called.
  const served = new Map<string, ServedModel>();
  const servedModel = (name: string): ServedModel => {
    let model = served.get(name);
    if (!model) served.set(name, (model = asServedModel(name)));
    return model;
  };

  return { names: () => [...records.keys()].sort(), has: (name: string) => records.has(name), get: servedModel, train };
}
