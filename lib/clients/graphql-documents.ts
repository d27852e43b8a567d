import type { ModelDescriptor, PredictionInput, PredictionOutput, PredictionResult, SentimentLabel } from '../contract';
import { toBase64 } from './wire-format';

// The GraphQL documents the client sends (server/protocols/graphql/schema.ts) and their answers read back into the
// contract's types: GraphQL enums are UPPER_CASE, the contract's values are lower-case.

export const LIST_MODELS = /* GraphQL */ `query ListModels {
  models {
    name kind input description status version versions installCommand featureCount classCount sha256 trainable
  }
}`;

export const PREDICT = /* GraphQL */ `mutation Predict($model: String!, $input: PredictionInput!, $topK: Int) {
  predict(model: $model, input: $input, topK: $topK) {
    model { name version }
    output {
      __typename
      ... on SentimentOutput { label score probability }
      ... on RegressionOutput { values }
      ... on ClassificationOutput { labels { label classIndex probability } }
    }
    timing { serverMs inferenceMs preprocessMs }
    cached
  }
}`;

export const TRAIN = /* GraphQL */ `mutation Train($model: String!, $X: [[Float!]!]!, $y: [Float!]!, $ridge: Float) {
  train(model: $model, X: $X, y: $y, ridge: $ridge) {
    model { name version }
    coefficients intercept r2 samples featureCount
    timing { serverMs trainingMs }
  }
}`;

/** How an image travels: base64 text in the JSON variables, or the file itself (GraphQL multipart request spec). */
export type GraphqlImageTransport = 'base64' | 'upload';

/** The PredictionInput input object (@oneOf) for a contract input; `imageBase64` stands in for an image's base64. */
export function graphqlInputOf(input: PredictionInput, imageAs: GraphqlImageTransport, imageBase64?: string): Record<string, unknown> {
  switch (input.kind) {
    case 'text':
      return { text: input.text };
    case 'features':
      return { rows: input.rows };
    case 'image':
      if (imageAs === 'base64') return { image: imageBase64 ?? toBase64(input.image) };
      return { upload: new File([input.image as Uint8Array<ArrayBuffer>], 'image', { type: 'application/octet-stream' }) };
  }
}

export const predictVariables = (model: string, input: PredictionInput, topK: number | undefined, imageAs: GraphqlImageTransport, imageBase64?: string) => ({
  model,
  input: graphqlInputOf(input, imageAs, imageBase64),
  ...(topK === undefined ? {} : { topK }),
});

const lowerEnum = (value: string) => value.toLowerCase();

interface GraphqlModel extends Omit<ModelDescriptor, 'kind' | 'input' | 'status'> {
  kind: string;
  input: string;
  status: string;
}

export function modelDescriptorOf(model: GraphqlModel): ModelDescriptor {
  const descriptor: ModelDescriptor = {
    name: model.name,
    kind: lowerEnum(model.kind).replace(/_/g, '-') as ModelDescriptor['kind'],
    input: lowerEnum(model.input) as ModelDescriptor['input'],
    description: model.description,
    status: lowerEnum(model.status) as ModelDescriptor['status'],
    version: model.version,
    versions: model.versions,
    trainable: model.trainable,
  };
  // GraphQL answers null for the optional fields; the contract leaves them out.
  for (const key of ['installCommand', 'featureCount', 'classCount', 'sha256'] as const) {
    const value = model[key];
    if (value !== null && value !== undefined) Object.assign(descriptor, { [key]: value });
  }
  return descriptor;
}

type GraphqlOutput =
  | { __typename: 'SentimentOutput'; label: string; score: number; probability: number }
  | { __typename: 'RegressionOutput'; values: number[] }
  | { __typename: 'ClassificationOutput'; labels: Array<{ label: string; classIndex: number; probability: number }> };

export interface GraphqlPrediction extends Omit<PredictionResult, 'output'> {
  output: GraphqlOutput;
}

function outputOf(output: GraphqlOutput): PredictionOutput {
  switch (output.__typename) {
    case 'SentimentOutput':
      return { kind: 'sentiment', label: lowerEnum(output.label) as SentimentLabel, score: output.score, probability: output.probability };
    case 'RegressionOutput':
      return { kind: 'regression', values: output.values };
    case 'ClassificationOutput':
      return { kind: 'classification', labels: output.labels };
  }
}

export const predictionResultOf = ({ model, output, timing, cached }: GraphqlPrediction): PredictionResult => ({ model, output: outputOf(output), timing, cached });
