import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { createGraphqlClient } from '../lib/clients/graphql-client';
import { folderWithPhoto, runInShell } from './support/copy-as';
import { valueOf, withoutCallDetails } from './support/outcomes';
import { houseFinch, SHARED_IMAGENET_DIR, skipWithoutSharedImagenet } from './support/shared-files';
import { useApi } from './support/use-api';

// What only the browser's GraphQL client does (urql + fetchExchange, a recording fetch for the wire view): the document
// and variables it sends, GraphQL errors read back into the contract, image uploads, its curl copy-as. Its answers are
// in test/conformance.

describe('createGraphqlClient against the API server', () => {
  const api = useApi();

  it('shows the document and variables it sent, and the JSON it got', async () => {
    const { wire } = await createGraphqlClient(api().url).predict('sentiment', { kind: 'text', text: 'Lovely' });
    expect(wire.request.summary).toBe('POST /graphql HTTP/1.1');
    expect(wire.request.body).toMatch(/^# operationName: Predict\nmutation Predict\(/);
    expect(wire.request.body).toContain('"text": "Lovely"');
    expect(wire.response.headers).toContainEqual(['content-type', expect.stringContaining('json')]);
    expect(wire.response.body).toContain('"label": "POSITIVE"');
  });

  it('reads errors in GraphQL form (HTTP 200): extensions.code as native, the other extensions as details', async () => {
    const graphql = createGraphqlClient(api().url);
    const unknown = await graphql.predict('no-such-model', { kind: 'text', text: 'hello' });
    expect(unknown.ok ? undefined : unknown.error).toMatchObject({ code: 'not_found', native: 'GraphQL error extensions.code=not_found', message: expect.stringContaining('no-such-model') });
    expect(unknown.wire.response.summary).toBe('HTTP/1.1 200 OK');
    const missing = await graphql.predict('mobilenetv2', { kind: 'image', image: new Uint8Array([1, 2, 3]) });
    expect(missing.ok ? undefined : missing.error).toMatchObject({ code: 'not_installed', details: { installCommand: 'npm run models:fetch' } });
  });

  it('throws when nothing answers, as the REST client does', async () => {
    await expect(createGraphqlClient('http://127.0.0.1:9').predict('sentiment', { kind: 'text', text: 'x' })).rejects.toThrow();
  });

  it('copyAs gives a curl command that really works', async () => {
    const { stdout } = await runInShell(`${createGraphqlClient(api().url).copyAs('sentiment', { kind: 'text', text: "It's great" })} -s`);
    expect(JSON.parse(stdout).data.predict.output).toMatchObject({ label: 'POSITIVE' });
  });
});

describe.skipIf(skipWithoutSharedImagenet())('createGraphqlClient with the ImageNet model', () => {
  const api = useApi({ modelsDir: SHARED_IMAGENET_DIR });

  it('sends a photo as a multipart upload with the same answer as base64; copy-as uploads it with curl', async () => {
    const image = new Uint8Array(await readFile(houseFinch().path));
    const asBase64 = await createGraphqlClient(api().url).predict('mobilenetv2', { kind: 'image', image }, { topK: 3 });
    const asUpload = await createGraphqlClient(api().url, { imageAs: 'upload' }).predict('mobilenetv2', { kind: 'image', image }, { topK: 3 });
    expect(withoutCallDetails(valueOf(asUpload))).toEqual(withoutCallDetails(valueOf(asBase64)));
    expect(asUpload.wire.request.headers).toContainEqual(['content-type', expect.stringMatching(/^multipart\/form-data; boundary=/)]);
    expect(asUpload.wire.request.bytes).toBeGreaterThan(image.length);
    expect(asBase64.wire.request.bytes).toBeGreaterThan((image.length * 4) / 3);

    const command = createGraphqlClient(api().url).copyAs('mobilenetv2', { kind: 'image', image }, { topK: 3 });
    const { stdout } = await runInShell(`${command} -s`, await folderWithPhoto(houseFinch().path));
    expect(JSON.parse(stdout).data.predict.output.labels[0].label).toBe('house finch');
  });
});
