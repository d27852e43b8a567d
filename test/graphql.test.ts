import { Client, fetchExchange, gql } from '@urql/core';
import { getIntrospectionQuery } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { postJson, type RunningApi } from './support/start-api';
import { useApi } from './support/use-api';

// The GraphQL adapter through real clients: raw fetch (query + variables JSON) and urql's Client.

async function postGraphQL(api: RunningApi, query: string, variables?: Record<string, unknown>) {
  const response = await fetch(`${api.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, json: await response.json() };
}

const PREDICT = gql`
  mutation Predict($model: String!, $input: PredictionInput!, $topK: Int, $version: Int) {
    predict(model: $model, input: $input, topK: $topK, version: $version) {
      model { name version }
      output {
        ... on SentimentOutput { label score probability }
        ... on RegressionOutput { values }
        ... on ClassificationOutput { labels { label classIndex probability } }
      }
      timing { serverMs inferenceMs preprocessMs }
    }
  }
`;

const CREATE_PREDICTION = `mutation ($modelId: ID!, $inputData: String!) {
  createPrediction(modelId: $modelId, inputData: $inputData) { prediction { id model { id name } input output } }
}`;

const TRAIN = `mutation ($model: String!, $X: [[Float!]!]!, $y: [Float!]!) {
  train(model: $model, X: $X, y: $y) { model { name version } coefficients intercept r2 samples }
}`;

describe('GraphQL at /graphql', () => {
  const api = useApi();
  let client: Client;
  beforeAll(() => {
    client = new Client({ url: `${api().url}/graphql`, exchanges: [fetchExchange] });
  });

  it('serves GraphiQL to a browser asking for HTML', async () => {
    const response = await fetch(`${api().url}/graphql`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(await response.text()).toMatch(/graphiql/i);
  });

  it('answers the full introspection query, with the output union and the File scalar', async () => {
    const { status, json } = await postGraphQL(api(), getIntrospectionQuery({ descriptions: true }));
    expect(status).toBe(200);
    const types = json.data.__schema.types as { name: string; possibleTypes: { name: string }[] | null }[];
    const output = types.find((type) => type.name === 'PredictionOutput')!;
    expect(output.possibleTypes!.map((type) => type.name).sort()).toEqual(['ClassificationOutput', 'RegressionOutput', 'SentimentOutput']);
    expect(types.map((type) => type.name)).toContain('File');
  });

  it('lists models through urql, and answers the seed\'s allModels and model(id)', async () => {
    const listed = await client.query(gql`{ models { name kind input status trainable } }`, {}).toPromise();
    expect(listed.error).toBeUndefined();
    expect(listed.data.models).toContainEqual({ name: 'sentiment', kind: 'TEXT_SENTIMENT', input: 'TEXT', status: 'READY', trainable: false });
    const seed = await postGraphQL(api(), '{ allModels { id name } model(id: "sentiment") { id name kind version } }');
    expect(seed.json.errors).toBeUndefined();
    expect(seed.json.data.allModels).toContainEqual({ id: 'sentiment', name: 'sentiment' });
    expect(seed.json.data.model).toEqual({ id: 'sentiment', name: 'sentiment', kind: 'TEXT_SENTIMENT', version: 1 });
    const mobilenet = await postGraphQL(api(), '{ model(name: "mobilenetv2") { status installCommand version } }');
    expect(mobilenet.json.data.model).toEqual({ status: 'NOT_INSTALLED', installCommand: 'npm run models:fetch', version: null });
  });

  it('gives the same sentiment as REST for the same sentence', async () => {
    for (const text of ['I love machine learning!', 'This was a terrible, boring waste of time.']) {
      const rest = await postJson(`${api().url}/v1/models/sentiment/predict`, { text });
      const graphql = await client.mutation(PREDICT, { model: 'sentiment', input: { text } }).toPromise();
      expect(graphql.error).toBeUndefined();
      const { model, output, timing } = graphql.data.predict;
      expect(model).toMatchObject(rest.json.model);
      expect(output.label.toLowerCase()).toBe(rest.json.output.label);
      expect(output.score).toBeCloseTo(rest.json.output.score, 9);
      expect(output.probability).toBeCloseTo(rest.json.output.probability, 9);
      expect(timing.serverMs).toBeGreaterThanOrEqual(timing.inferenceMs);
    }
  });

  it('runs the seed\'s createPrediction on the sentiment model with the text as inputData', async () => {
    const { json } = await postGraphQL(api(), CREATE_PREDICTION, { modelId: 'sentiment', inputData: 'I love machine learning!' });
    expect(json.errors).toBeUndefined();
    const { prediction } = json.data.createPrediction;
    expect(prediction).toMatchObject({ model: { id: 'sentiment', name: 'sentiment' }, input: 'I love machine learning!' });
    expect(prediction.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.parse(prediction.output)).toMatchObject({ kind: 'sentiment', label: 'positive' });
  });

  it('says clearly that "default" must be trained first, then predicts with it once trained over GraphQL', async () => {
    const before = await postGraphQL(api(), CREATE_PREDICTION, { modelId: 'default', inputData: '[1.0, 2.0]' });
    expect(before.json.data).toBeNull();
    expect(before.json.errors[0].extensions.code).toBe('not_found');
    expect(before.json.errors[0].message).toMatch(/has not been trained yet.*train\(model: "default"/s);

    const trained = await postGraphQL(api(), TRAIN, { model: 'default', X: [[1, 2], [2, 1], [3, 4], [4, 3]], y: [1.3, 1.1, 2.9, 2.7] });
    expect(trained.json.errors).toBeUndefined();
    expect(trained.json.data.train).toMatchObject({ model: { name: 'default', version: 1 }, samples: 4 });

    const after = await postGraphQL(api(), CREATE_PREDICTION, { modelId: 'default', inputData: '[1.0, 2.0]' });
    expect(after.json.errors).toBeUndefined();
    const rest = await postJson(`${api().url}/predict`, { X: [[1.0, 2.0]] });
    expect(JSON.parse(after.json.data.createPrediction.prediction.output)).toEqual({ kind: 'regression', values: rest.json.predictions });
  });

  it('passes topK and version through: predicting with version 1 after version 2 was trained', async () => {
    await postGraphQL(api(), TRAIN, { model: 'versioned', X: [[1], [2], [3]], y: [2, 4, 6] });
    await postGraphQL(api(), TRAIN, { model: 'versioned', X: [[1], [2], [3]], y: [3, 6, 9] });
    const v1 = await client.mutation(PREDICT, { model: 'versioned', input: { rows: [[10], [20]] }, version: 1, topK: 1 }).toPromise();
    const latest = await client.mutation(PREDICT, { model: 'versioned', input: { features: [10] } }).toPromise();
    expect(v1.data.predict.model).toEqual({ name: 'versioned', version: 1 });
    expect(v1.data.predict.output.values.map(Math.round)).toEqual([20, 40]);
    expect(latest.data.predict.model.version).toBe(2);
    expect(latest.data.predict.output.values.map(Math.round)).toEqual([30]);
  });
});
