import type { ModelDescriptor, PredictionInput, PredictOptions, TrainRequest } from '../../../lib/contract';
import { ModelWireError, invalidInput } from '../../../lib/model-wire-error';
import { encodeDenseModel } from '../../core/onnx-export';
import { float32Tensor, loadOnnxSession, outputFloats, runTimed, type OnnxSession } from '../../core/onnx-session';
import type { ModelAnswer, ServedModel } from '../../core/served-model';
import type { TrainableModels, TrainOutcome } from '../../core/trainable-models';
import { fitLeastSquares } from './least-squares';
import { createLinearModelStore, type LinearModelRecord } from './linear-model-store';
import { validateFeatureRows, validateTrainRequest } from './validate-training-data';

const INPUT = 'features';
const OUTPUT = 'prediction';

function exportLinearModel(record: Pick<LinearModelRecord, 'name' | 'version' | 'featureCount' | 'coefficients' | 'intercept'>) {
  return encodeDenseModel({
    inputName: INPUT,
    outputName: OUTPUT,
    inputSize: record.featureCount,
    outputSize: 1,
    weights: Float32Array.from(record.coefficients),
    bias: Float32Array.of(record.intercept),
    activation: 'none',
    description: `ModelWire linear regression "${record.name}" version ${record.version}`,
    metadata: { name: record.name, version: String(record.version) },
  });
}

/**
 * Every user-trained linear regression, by name. Training saves a new numbered version (persisted under
 * DATA_DIR), and each name is served as a model of its own, latest version by default.
 */
export async function createLinearModels(dataDir: string): Promise<TrainableModels> {
  const store = createLinearModelStore(dataDir);
  const records = new Map<string, Map<number, LinearModelRecord>>();
  const sessions = new Map<string, Promise<OnnxSession>>();
  let trainQueue: Promise<unknown> = Promise.resolve();

  const remember = (record: LinearModelRecord) => {
    if (!records.has(record.name)) records.set(record.name, new Map());
    records.get(record.name)!.set(record.version, record);
  };
  (await store.loadAll()).forEach(remember);

  const versionsOf = (name: string) => [...(records.get(name)?.keys() ?? [])].sort((a, b) => a - b);

  function recordFor(name: string, version: number | undefined): LinearModelRecord {
    const versions = versionsOf(name);
    const wanted = version ?? versions.at(-1);
    const record = wanted === undefined ? undefined : records.get(name)?.get(wanted);
    if (!record) throw new ModelWireError('not_found', `Model "${name}" has no version ${wanted}; it has ${versions.join(', ')}.`);
    return record;
  }

  function sessionFor(record: LinearModelRecord): Promise<OnnxSession> {
    const key = `${record.name}@${record.version}`;
    if (!sessions.has(key)) sessions.set(key, loadOnnxSession(store.modelPath(record.name, record.version)));
    return sessions.get(key)!;
  }

  function describe(name: string): ModelDescriptor {
    const latest = recordFor(name, undefined);
    return {
      name,
      kind: 'linear-regression',
      input: 'features',
      description: `Linear regression trained through ModelWire on ${latest.samples} rows of ${latest.featureCount} features (R² ${latest.r2.toFixed(4)}).`,
      status: 'ready',
      version: latest.version,
      versions: versionsOf(name),
      featureCount: latest.featureCount,
      sha256: latest.sha256,
      trainable: true,
    };
  }

  async function predict(name: string, input: PredictionInput, options: PredictOptions): Promise<ModelAnswer> {
    if (input.kind !== 'features') throw invalidInput(`Model "${name}" takes rows of numeric features, not ${input.kind}.`);
    const record = recordFor(name, options.version);
    const preprocessStarted = performance.now();
    const width = validateFeatureRows(input.rows, 'features');
    if (width !== record.featureCount) {
      throw invalidInput(`Model "${name}" v${record.version} takes ${record.featureCount} features per row; got ${width}.`);
    }
    const tensor = float32Tensor(Float32Array.from(input.rows.flat()), [input.rows.length, width]);
    const preprocessMs = performance.now() - preprocessStarted;
    const session = await sessionFor(record);
    const { outputs, inferenceMs } = await runTimed(session, { [INPUT]: tensor });
    const values = Array.from(outputFloats(outputs, OUTPUT));
    return { version: record.version, output: { kind: 'regression', values }, inferenceMs, preprocessMs };
  }

  async function trainNow(name: string, request: TrainRequest): Promise<TrainOutcome> {
    validateTrainRequest(request);
    const started = performance.now();
    const ridge = request.ridge ?? 0;
    const fit = fitLeastSquares(request.X, request.y, ridge);
    const version = (versionsOf(name).at(-1) ?? 0) + 1;
    const draft = { name, version, featureCount: request.X[0]!.length, ...fit, ridge, samples: request.X.length, trainedAt: new Date().toISOString() };
    const saved = await store.save(draft, exportLinearModel(draft));
    remember(saved);
    const { coefficients, intercept, r2, samples, featureCount } = saved;
    return { version, coefficients, intercept, r2, samples, featureCount, trainingMs: performance.now() - started };
  }

  /** Trainings run one at a time so version numbers never collide. */
  function train(name: string, request: TrainRequest): Promise<TrainOutcome> {
    const result = trainQueue.then(() => trainNow(name, request));
    trainQueue = result.catch(() => undefined);
    return result;
  }

  const asServedModel = (name: string): ServedModel => ({
    name,
    describe: () => describe(name),
    predict: (input, options) => predict(name, input, options),
  });

  return { names: () => [...records.keys()].sort(), has: (name: string) => records.has(name), get: asServedModel, train };
}
