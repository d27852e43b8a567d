import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { createSoapClient } from '../lib/clients/soap-client';
import { folderWithPhoto, runInShell } from './support/copy-as';
import { valueOf } from './support/outcomes';
import { houseFinch, SHARED_IMAGENET_DIR, skipWithoutSharedImagenet } from './support/shared-files';
import { useApi } from './support/use-api';

// What only the browser's SOAP client does (hand-built envelopes over fetch, answers read with the tiny XML reader):
// the envelope and SOAPAction it sends, Faults read back into the contract, its curl copy-as. Its answers are in
// test/conformance.

describe('createSoapClient against the API server', () => {
  const api = useApi();

  it('shows the envelope (escaped) and SOAPAction it sent, and the pretty-printed answer with its timing', async () => {
    const outcome = await createSoapClient(api().url).predict('sentiment', { kind: 'text', text: 'Fish & chips <3' });
    expect(valueOf(outcome).timing.serverMs).toBeGreaterThan(0);
    expect(outcome.wire.request.headers).toContainEqual(['SOAPAction', '"https://modelwire.dev/soap/v1/Predict"']);
    expect(outcome.wire.request.body).toContain('<mw:text>Fish &amp; chips &lt;3</mw:text>');
    expect(outcome.wire.response.summary).toBe('HTTP/1.1 200 OK');
    expect(outcome.wire.response.body).toMatch(/\n\s+<mw:sentiment>/);
    expect(outcome.wire.response.bytes).toBeGreaterThan(200);
  });

  it('reads Faults in SOAP words: faultcode + faultstring as native, the contract code and details from detail', async () => {
    const soap = createSoapClient(api().url);
    const unknown = await soap.predict('no-such-model', { kind: 'text', text: 'hello' });
    expect(unknown.ok ? undefined : unknown.error).toMatchObject({ code: 'not_found', native: expect.stringMatching(/^soap:Client: .*no-such-model/) });
    expect(unknown.wire.response.summary).toBe('HTTP/1.1 500 Internal Server Error');
    const empty = await soap.predict('sentiment', { kind: 'text', text: '' });
    expect(empty.ok ? undefined : empty.error).toMatchObject({ code: 'invalid_input', native: expect.stringMatching(/^soap:Client: "text" is empty/) });
    const missing = await soap.predict('mobilenetv2', { kind: 'image', image: new Uint8Array([1, 2, 3]) });
    expect(missing.ok ? undefined : missing.error).toMatchObject({
      code: 'not_installed',
      native: expect.stringMatching(/^soap:Server: /),
      details: { installCommand: 'npm run models:fetch' },
    });
  });

  it('copyAs gives a curl command that really works', async () => {
    const command = createSoapClient(api().url).copyAs('sentiment', { kind: 'text', text: "It's great" });
    expect(command).toContain(`-H 'SOAPAction: "https://modelwire.dev/soap/v1/Predict"'`);
    expect((await runInShell(`${command} -s`)).stdout).toContain('<mw:label>positive</mw:label>');
  });
});

describe.skipIf(skipWithoutSharedImagenet())('createSoapClient with the ImageNet model', () => {
  const api = useApi({ modelsDir: SHARED_IMAGENET_DIR });

  it('copy-as sends the photo through a here-document, answered as the client is answered', async () => {
    const image = new Uint8Array(await readFile(houseFinch().path));
    const soap = createSoapClient(api().url);
    const { output } = valueOf(await soap.predict('mobilenetv2', { kind: 'image', image }, { topK: 3 }));
    if (output.kind !== 'classification') throw new Error('expected a classification');
    const command = soap.copyAs('mobilenetv2', { kind: 'image', image }, { topK: 3 });
    const { stdout } = await runInShell(command.replace('curl ', 'curl -s '), await folderWithPhoto(houseFinch().path));
    expect(stdout).toContain(`<mw:label>${output.labels[0]!.label}</mw:label>`);
  });
});
