import type { ModelDescriptor, PredictionResult, TrainRequest, TrainResult } from '../../../lib/contract';
import { invalidInput } from '../../../lib/model-wire-error';
import type { LooseInputFields } from '../shared/prediction-input';

// Between node-soap's objects (parsed from and rendered to the WSDL's types) and the contract's.
// Response objects list their keys in the order of the WSDL's xs:sequence, which node-soap writes as given.

const XS_DOUBLE = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const XS_INT = /^[+-]?\d+$/;

/**
 * node-soap's customDeserializer: xs:double/xs:float/xs:int text to numbers, refusing what node-soap would quietly turn
 * into NaN, null or a truncated number ("abc", "1.5" as an int).
 */
export const strictNumberDeserializers = {
  double: (text: string, element: { name?: string }) => {
    if (!XS_DOUBLE.test(text)) throw invalidInput(`<${element.name}> must be a number (xs:double), got "${text.slice(0, 40)}".`);
    return Number(text);
  },
  float: (text: string, element: { name?: string }) => strictNumberDeserializers.double(text, element),
  int: (text: string, element: { name?: string }) => {
    const value = Number(text);
    if (!XS_INT.test(text) || !Number.isSafeInteger(value)) throw invalidInput(`<${element.name}> must be an integer (xs:int), got "${text.slice(0, 40)}".`);
    return value;
  },
};

/** node-soap gives one object for a single occurrence and an array for several; absent is undefined or null. */
const listOf = (value: unknown): unknown[] => (value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]);

/** <row><value>1</value>...</row>... (mw:FeatureRows) as number[][]; the core validates the numbers. */
export const rowsOf = (rows: unknown): number[][] =>
  listOf((rows as { row?: unknown } | null)?.row).map((row) => listOf((row as { value?: unknown } | null)?.value) as number[]);

export function requiredModelName(value: unknown): string {
  if (typeof value !== 'string') throw invalidInput('<model> (the model name) is required.');
  return value;
}

export interface PredictArgs {
  model?: unknown;
  text?: unknown;
  features?: unknown;
  image?: unknown;
  topK?: unknown;
  version?: unknown;
}

/** An empty <text/> is the empty string; present-but-empty features stay present so the model can say what is wrong. */
export const inputFieldsOf = (args: PredictArgs): LooseInputFields => ({
  text: 'text' in args ? (args.text ?? '') : undefined,
  features: args.features !== undefined ? rowsOf(args.features) : undefined,
  image: args.image ?? undefined,
});

export interface TrainArgs {
  model?: unknown;
  rows?: unknown;
  targets?: unknown;
  ridge?: unknown;
}

export const trainRequestOf = (args: TrainArgs): TrainRequest => ({
  X: rowsOf(args.rows),
  y: listOf((args.targets as { value?: unknown } | null)?.value) as number[],
  ...(typeof args.ridge === 'number' ? { ridge: args.ridge } : {}),
});

const timingOf = ({ timing }: PredictionResult) => ({ serverMs: timing.serverMs, inferenceMs: timing.inferenceMs, preprocessMs: timing.preprocessMs });
const modelRefOf = ({ model }: { model: { name: string; version: number } }) => ({ name: model.name, version: model.version });

export const labelScoresOf = (labels: { label: string; classIndex: number; probability: number }[]) =>
  labels.map(({ label, classIndex, probability }) => ({ label, classIndex, probability }));

export function predictResponseOf(result: PredictionResult) {
  const { output } = result;
  const outputElement =
    output.kind === 'classification'
      ? { classification: { labelScore: labelScoresOf(output.labels) } }
      : output.kind === 'sentiment'
        ? { sentiment: { label: output.label, score: output.score, probability: output.probability } }
        : { regression: { value: output.values } };
  return { model: modelRefOf(result), ...outputElement, timing: timingOf(result), cached: result.cached };
}

export const classifyImageResponseOf = (result: PredictionResult, labels: Parameters<typeof labelScoresOf>[0]) => ({
  model: modelRefOf(result),
  labelScore: labelScoresOf(labels),
  timing: timingOf(result),
  cached: result.cached,
});

export const trainResponseOf = (result: TrainResult) => ({
  model: modelRefOf(result),
  coefficient: result.coefficients,
  intercept: result.intercept,
  r2: result.r2,
  samples: result.samples,
  featureCount: result.featureCount,
  timing: { serverMs: result.timing.serverMs, trainingMs: result.timing.trainingMs },
});

/** Only the fields the WSDL's ModelDescriptor declares, in its order; an absent version is left out. */
export const modelDescriptorOf = (model: ModelDescriptor) => ({
  name: model.name,
  kind: model.kind,
  input: model.input,
  description: model.description,
  status: model.status,
  ...(model.version !== null ? { version: model.version } : {}),
  versions: { version: model.versions },
  ...(model.installCommand !== undefined ? { installCommand: model.installCommand } : {}),
  ...(model.featureCount !== undefined ? { featureCount: model.featureCount } : {}),
  ...(model.classCount !== undefined ? { classCount: model.classCount } : {}),
  ...(model.sha256 !== undefined ? { sha256: model.sha256 } : {}),
  trainable: model.trainable,
});
