import { describe, expect, it } from 'vitest';
import { blackPng } from './support/bomb-png';
import type { RunningApi } from './support/start-api';
import { useApi } from './support/use-api';

// Bad input over GraphQL: every error carries the contract code in errors[].extensions.code, and the server keeps serving.

const PREDICT = `mutation ($model: String!, $input: PredictionInput!) {
  predict(model: $model, input: $input) { model { name } output { ... on SentimentOutput { label } } }
}`;

async function send(api: RunningApi, init: RequestInit) {
  const response = await fetch(`${api.url}/graphql`, { method: 'POST', ...init });
  return { status: response.status, json: await response.json() };
}

const postGraphQL = (api: RunningApi, query: string, variables?: Record<string, unknown>) =>
  send(api, { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });

function expectGraphQLError(result: { json: any }, code: string, message?: RegExp) {
  expect(result.json.errors).toHaveLength(1);
  expect(result.json.errors[0].extensions.code).toBe(code);
  expect(result.json.errors[0].message).toMatch(message ?? /\w{4,}/);
}

/** A multipart request following the GraphQL multipart request spec, built by hand: operations, map, then the file. */
function uploadForm(query: string, file: Blob, fileName: string) {
  const form = new FormData();
  form.set('operations', JSON.stringify({ query, variables: { file: null } }));
  form.set('map', JSON.stringify({ 0: ['variables.file'] }));
  form.set('0', file, fileName);
  return form;
}

const UPLOAD_TO_SENTIMENT = 'mutation ($file: File!) { predict(model: "sentiment", input: { upload: $file }) { model { name } } }';

describe('bad input over GraphQL', () => {
  const api = useApi();

  async function expectStillServing() {
    const { status, json } = await postGraphQL(api(), PREDICT, { model: 'sentiment', input: { text: 'Still working, and it is great.' } });
    expect(status).toBe(200);
    expect(json.errors).toBeUndefined();
    expect(json.data.predict.output.label).toBe('POSITIVE');
  }

  it('variables of the wrong type → invalid_input naming the variable', async () => {
    const result = await postGraphQL(api(), PREDICT, { model: 'sentiment', input: { text: 42 } });
    expectGraphQLError(result, 'invalid_input', /\$input.*text/);
    expectGraphQLError(await postGraphQL(api(), PREDICT, { model: 'sentiment', input: { features: ['a'] } }), 'invalid_input');
    await expectStillServing();
  });

  it('two inputs at once, or none → invalid_input', async () => {
    expectGraphQLError(await postGraphQL(api(), PREDICT, { model: 'sentiment', input: { text: 'hi', image: 'aGk=' } }), 'invalid_input', /exactly one/i);
    expectGraphQLError(await postGraphQL(api(), PREDICT, { model: 'sentiment', input: {} }), 'invalid_input', /exactly one/i);
    await expectStillServing();
  });

  it('an unknown model → not_found, for predict and for model(name)', async () => {
    expectGraphQLError(await postGraphQL(api(), PREDICT, { model: 'nope', input: { text: 'x' } }), 'not_found', /nope/);
    const model = await postGraphQL(api(), '{ model(name: "nope") { name } }');
    expectGraphQLError(model, 'not_found');
    expect(model.json.errors[0].path).toEqual(['model']);
    await expectStillServing();
  });

  it('empty text → invalid_input', async () => {
    expectGraphQLError(await postGraphQL(api(), PREDICT, { model: 'sentiment', input: { text: '' } }), 'invalid_input');
    await expectStillServing();
  });

  it('an image sent to the sentiment model → invalid_input, as base64 and as an upload', async () => {
    const png = blackPng(8, 8);
    expectGraphQLError(await postGraphQL(api(), PREDICT, { model: 'sentiment', input: { image: png.toString('base64') } }), 'invalid_input');
    const upload = await send(api(), { body: uploadForm(UPLOAD_TO_SENTIMENT, new Blob([new Uint8Array(png)], { type: 'image/png' }), 'black.png') });
    expectGraphQLError(upload, 'invalid_input');
    await expectStillServing();
  });

  it('the image model without its files → not_installed with the install command', async () => {
    const result = await postGraphQL(api(), PREDICT, { model: 'mobilenetv2', input: { image: blackPng(8, 8).toString('base64') } });
    expectGraphQLError(result, 'not_installed');
    expect(result.json.errors[0].extensions.installCommand).toBe('npm run models:fetch');
    await expectStillServing();
  });

  it('a query nested deeper than 8 levels → rejected before it runs', async () => {
    const deep = '{ __type(name: "Model") { fields { type { fields { type { fields { type { fields { name } } } } } } } } }';
    expectGraphQLError(await postGraphQL(api(), deep), 'invalid_input', /depth limit of 8 exceeded/);
    await expectStillServing();
  });

  it('a query costing more than 1000 → rejected before it runs', async () => {
    const flood = `{ models { ${'name '.repeat(700)} } }`;
    expectGraphQLError(await postGraphQL(api(), flood), 'invalid_input', /Cost limit of 1000 exceeded/);
    await expectStillServing();
  });

  it('malformed JSON → HTTP 400 with invalid_input; a GraphQL syntax error → invalid_input', async () => {
    const malformed = await send(api(), { headers: { 'content-type': 'application/json' }, body: '{"query": "{ models' });
    expect(malformed.status).toBe(400);
    expectGraphQLError(malformed, 'invalid_input');
    expectGraphQLError(await postGraphQL(api(), '{ models { name '), 'invalid_input', /Syntax Error/);
    await expectStillServing();
  });

  it('a body type GraphQL does not take → HTTP 415 unsupported_media; a multipart body without "operations" → invalid_input', async () => {
    const text = await send(api(), { headers: { 'content-type': 'text/plain' }, body: '{ models { name } }' });
    expect(text.status).toBe(415);
    expectGraphQLError(text, 'unsupported_media');
    const form = new FormData();
    form.set('map', '{}');
    expectGraphQLError(await send(api(), { body: form }), 'invalid_input', /operations/);
    await expectStillServing();
  });

  it('a 30 MB body → HTTP 413 with too_large, as JSON and as a multipart upload', async () => {
    const json = await postGraphQL(api(), PREDICT, { model: 'sentiment', input: { text: 'a'.repeat(30 * 1024 * 1024) } });
    expect(json.status).toBe(413);
    expectGraphQLError(json, 'too_large');
    const upload = await send(api(), { body: uploadForm(UPLOAD_TO_SENTIMENT, new Blob([new Uint8Array(30 * 1024 * 1024)]), 'big.png') });
    expect(upload.status).toBe(413);
    expectGraphQLError(upload, 'too_large');
    await expectStillServing();
  });
});
