import { execFile } from 'node:child_process';
import { copyFile, readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGraphqlClient } from '../lib/clients/graphql-client';
import type { CallOutcome, ProtocolClient } from '../lib/clients/protocol-client';
import { createRestClient } from '../lib/clients/rest-client';
import type { PredictionResult } from '../lib/contract';
import { hasSharedImagenet, SHARED_IMAGENET_DIR, sharedPhotos, skipReasonWithoutShared } from './support/shared-files';
import { makeTempDir, startApi, type RunningApi } from './support/start-api';

// The browser's GraphQL client (urql + fetchExchange, a recording fetch for the wire view) against the real server,
// checked against the REST client's answers for the same calls.

const SENTENCES = ['I love machine learning!', 'This was a terrible, boring waste of time.', 'The package arrived on Tuesday.'];
const run = promisify(execFile);

function valueOf<T>(outcome: CallOutcome<T>): T {
  if (!outcome.ok) throw new Error(`expected success, got ${outcome.error.native}: ${outcome.error.message}`);
  return outcome.value;
}

const withoutTiming = ({ model, output }: PredictionResult) => ({ model, output });

describe('createGraphqlClient against the API server', () => {
  let api: RunningApi;
  let graphql: ProtocolClient;
  let rest: ProtocolClient;
  beforeAll(async () => {
    api = await startApi();
    graphql = createGraphqlClient(api.url);
    rest = createRestClient(api.url);
  });
  afterAll(() => api.close({ removeData: true }));

  it('lists the same models as REST, with the enums read back into the contract', async () => {
    expect(await graphql.listModels()).toEqual(await rest.listModels());
  });

  it('predicts sentiment exactly as REST does, and shows the document and variables it sent', async () => {
    for (const text of SENTENCES) {
      const [overGraphql, overRest] = [await graphql.predict('sentiment', { kind: 'text', text }), await rest.predict('sentiment', { kind: 'text', text })];
      expect(withoutTiming(valueOf(overGraphql))).toEqual(withoutTiming(valueOf(overRest)));
    }
    const { wire } = await graphql.predict('sentiment', { kind: 'text', text: 'Lovely' });
    expect(wire.request.summary).toBe('POST /graphql HTTP/1.1');
    expect(wire.request.body).toMatch(/^# operationName: Predict\nmutation Predict\(/);
    expect(wire.request.body).toContain('"text": "Lovely"');
    expect(wire.response.headers).toContainEqual(['content-type', expect.stringContaining('json')]);
    expect(wire.response.body).toContain('"label": "POSITIVE"');
  });

  it('trains a linear model and predicts rows with it, as REST answers', async () => {
    const X = [[1, 2], [2, 1], [3, 4], [4, 3]];
    const trained = valueOf(await graphql.train('graphql-client', { X, y: [1.3, 1.1, 2.9, 2.7], ridge: 0.5 }));
    expect(trained).toMatchObject({ model: { name: 'graphql-client', version: 1 }, samples: 4, featureCount: 2 });
    const rows = [[1, 2], [10, -3]];
    const [overGraphql, overRest] = [await graphql.predict('graphql-client', { kind: 'features', rows }), await rest.predict('graphql-client', { kind: 'features', rows })];
    expect(withoutTiming(valueOf(overGraphql))).toEqual(withoutTiming(valueOf(overRest)));
  });

  it('answers errors in GraphQL form: extensions.code as native, the extensions as details', async () => {
    const unknown = await graphql.predict('no-such-model', { kind: 'text', text: 'hello' });
    expect(unknown.ok ? undefined : unknown.error).toMatchObject({
      code: 'not_found',
      native: 'GraphQL error extensions.code=not_found',
      message: expect.stringContaining('no-such-model'),
    });
    expect(unknown.wire.response.summary).toBe('HTTP/1.1 200 OK');
    const missing = await graphql.predict('mobilenetv2', { kind: 'image', image: new Uint8Array([1, 2, 3]) });
    expect(missing.ok ? undefined : missing.error).toMatchObject({ code: 'not_installed', details: { installCommand: 'npm run models:fetch' } });
    const empty = await graphql.predict('sentiment', { kind: 'text', text: '' });
    expect(empty.ok ? undefined : empty.error.code).toBe('invalid_input');
  });

  it('throws when nothing answers, as the REST client does', async () => {
    await expect(createGraphqlClient('http://127.0.0.1:9').predict('sentiment', { kind: 'text', text: 'x' })).rejects.toThrow();
  });

  it('copyAs gives a curl command that really works', async () => {
    const { stdout } = await run('bash', ['-c', `${graphql.copyAs('sentiment', { kind: 'text', text: "It's great" })} -s`]);
    expect(JSON.parse(stdout).data.predict.output).toMatchObject({ label: 'POSITIVE' });
  });
});

describe.skipIf(!hasSharedImagenet)('createGraphqlClient with the ImageNet model', () => {
  let api: RunningApi;
  beforeAll(async () => {
    api = await startApi({ modelsDir: SHARED_IMAGENET_DIR });
  });
  afterAll(() => api.close({ removeData: true }));

  it('classifies a photo as REST does, sent as base64 and as a multipart upload; copy-as uploads it with curl', async () => {
    const photo = sharedPhotos()[1]!;
    const image = new Uint8Array(await readFile(photo.path));
    const overRest = withoutTiming(valueOf(await createRestClient(api.url).predict('mobilenetv2', { kind: 'image', image }, { topK: 3 })));
    const asBase64 = await createGraphqlClient(api.url).predict('mobilenetv2', { kind: 'image', image }, { topK: 3 });
    const asUpload = await createGraphqlClient(api.url, { imageAs: 'upload' }).predict('mobilenetv2', { kind: 'image', image }, { topK: 3 });
    expect(withoutTiming(valueOf(asBase64))).toEqual(overRest);
    expect(withoutTiming(valueOf(asUpload))).toEqual(overRest);
    expect(asUpload.wire.request.headers).toContainEqual(['content-type', expect.stringMatching(/^multipart\/form-data; boundary=/)]);
    expect(asUpload.wire.request.bytes).toBeGreaterThan(image.length);
    expect(asBase64.wire.request.bytes).toBeGreaterThan((image.length * 4) / 3);

    const dir = await makeTempDir('graphql-copy');
    await copyFile(photo.path, path.join(dir, 'photo.jpg'));
    const { stdout } = await run('bash', ['-c', `${createGraphqlClient(api.url).copyAs('mobilenetv2', { kind: 'image', image }, { topK: 3 })} -s`], { cwd: dir });
    expect(JSON.parse(stdout).data.predict.output.labels[0].label).toBe(overRest.output.kind === 'classification' ? overRest.output.labels[0]!.label : '');
  });
});

if (!hasSharedImagenet) skipReasonWithoutShared('the GraphQL client image test');
