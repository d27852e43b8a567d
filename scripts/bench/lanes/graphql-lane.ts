import type { PredictionInput } from '../../../lib/contract';
import { base64Of, encodedOnce, firstOf, seedEncodedOnce, unexpected } from './answers';
import { createHttpTransport } from './http-transport';
import { CallRefused, type Answer, type Lane } from './lane';

const SEED_DOCUMENT = 'mutation Seed($input: String!) { createPrediction(modelId: "default", inputData: $input) { prediction { output } } }';
const PREDICT_DOCUMENT = `mutation Predict($model: String!, $input: PredictionInput!) { predict(model: $model, input: $input) { output {
  __typename ... on SentimentOutput { label } ... on RegressionOutput { values } ... on ClassificationOutput { labels { label } } } } }`;

interface GraphqlReply<T> {
  data?: T | null;
  errors?: { extensions?: { code?: string } }[];
}

interface PredictOutput {
  __typename: string;
  label?: string;
  values?: number[];
  labels?: { label: string }[];
}

const variablesOf = (input: PredictionInput) =>
  input.kind === 'text' ? { text: input.text } : input.kind === 'features' ? { features: firstOf(input.rows, 'row') } : { image: base64Of(input.image) };

const seedBodyOf = seedEncodedOnce((feature1, feature2) =>
  Buffer.from(JSON.stringify({ query: SEED_DOCUMENT, variables: { input: JSON.stringify([feature1, feature2]) } })),
);
const predictBodyOf = encodedOnce((model, input) => Buffer.from(JSON.stringify({ query: PREDICT_DOCUMENT, variables: { model, input: variablesOf(input) } })));

function answerOf(output: PredictOutput | undefined): Answer {
  if (output?.label !== undefined) return output.label.toLowerCase();
  if (output?.values) return firstOf(output.values, 'regression value');
  if (output?.labels) return firstOf(output.labels, 'label').label;
  return unexpected('GraphQL output', output);
}

export const graphqlLane: Lane = {
  protocol: 'graphql',
  client: 'node:http keep-alive agent, POST application/json',
  seedCall: 'POST /graphql createPrediction(modelId: "default", inputData: "[1,2]") { prediction { output } }',
  predictCall: 'POST /graphql predict(model, input) with variables; images as base64 in the JSON',
  async connect(endpoint, maxInFlight) {
    const http = createHttpTransport(endpoint, maxInFlight);
    const execute = async <T>(body: Buffer): Promise<T> => {
      const reply = (await http.postForJson('/graphql', body)) as GraphqlReply<T>;
      if (reply.errors?.some((error) => error.extensions?.code === 'overloaded')) throw new CallRefused(JSON.stringify(reply.errors).slice(0, 300));
      return reply.data && !reply.errors ? reply.data : unexpected('GraphQL reply', reply);
    };
    return {
      async seed(feature1, feature2) {
        const data = await execute<{ createPrediction: { prediction: { output: string } } }>(seedBodyOf(feature1, feature2));
        const output = JSON.parse(data.createPrediction.prediction.output) as { values?: number[] };
        return firstOf(output.values, 'regression value');
      },
      async predict(model, input) {
        const data = await execute<{ predict: { output?: PredictOutput } }>(predictBodyOf(model, input));
        return answerOf(data.predict.output);
      },
      close: async () => http.close(),
    };
  },
};
