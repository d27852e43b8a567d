import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { createGrpcClient } from '../lib/clients/grpc-client';
import { itStreamsTyping } from './support/client-streams';
import { folderWithPhoto, runInShell } from './support/copy-as';
import { TYPED_SENTENCE } from './support/live-stream';
import { valueOf } from './support/outcomes';
import { houseFinch, SHARED_IMAGENET_DIR, skipWithoutSharedImagenet } from './support/shared-files';
import { useApi } from './support/use-api';

// What only the browser's gRPC client does (connect-web: gRPC-Web or Connect on the API port): the protobuf messages,
// headers and trailers in the wire view, statuses read back into the contract, its stream, its grpcurl copy-as. Its
// answers, in both formats, are in test/conformance.

const BUF = path.resolve(import.meta.dirname, '../node_modules/.bin/buf');
/** grpcurl is not installed here: run the copied command with `grpcurl` standing for `buf curl`, its Go equivalent. */
const GRPCURL_AS_BUF_CURL = `grpcurl() { [ "$1" = -plaintext ] && shift; local data="$2"; [ "$data" = @ ] && data=@-; ${BUF} curl --protocol grpc --http2-prior-knowledge -d "$data" "http://$3/$4"; }`;
const runCopied = (command: string, cwd?: string) => runInShell(`${GRPCURL_AS_BUF_CURL}\n${command}`, cwd);

describe('createGrpcClient against the API server', () => {
  const api = useApi();
  const grpcClient = () => createGrpcClient(api().url, { nativeAddress: api().grpcAddress });

  it('shows the protobuf messages, headers and trailers it carried', async () => {
    const { wire } = await grpcClient().predict('sentiment', { kind: 'text', text: 'Lovely' });
    expect(wire.request.summary).toBe('gRPC-Web POST /modelwire.v1.InferenceService/Predict');
    expect(wire.request.headers).toContainEqual(['content-type', 'application/grpc-web+proto']);
    expect(JSON.parse(wire.request.body)).toEqual({ model: 'sentiment', text: 'Lovely' });
    // field 1 "sentiment" (0a 09 ...), field 2 "Lovely" (12 06 ...), 5 bytes of gRPC-Web framing around them.
    expect(wire.request.hex).toBe('0a 09 73 65 6e 74 69 6d 65 6e 74 12 06 4c 6f 76\n65 6c 79');
    expect(wire.request.bytes).toBe(5 + 19);
    expect(wire.response.summary).toBe('gRPC-Web status OK (0)');
    expect(wire.response.headers).toContainEqual(['content-type', 'application/grpc-web+proto']);
    expect(wire.response.headers).toContainEqual(['(trailer) grpc-status', '0']);
    expect(JSON.parse(wire.response.body)).toMatchObject({ model: { name: 'sentiment', version: 1 }, sentiment: { label: 'SENTIMENT_LABEL_POSITIVE' } });
    // field 1, the ModelRef {name "sentiment", version 1}, first.
    expect(wire.response.hex).toMatch(/^0a 0d 0a 09 73 65 6e 74 69 6d 65 6e 74 10 01/);
  });

  it('reads gRPC statuses, with the contract code from the modelwire-code metadata, and keeps serving', async () => {
    const grpc = grpcClient();
    const unknown = await grpc.predict('no-such-model', { kind: 'text', text: 'hello' });
    expect(unknown.ok ? undefined : unknown.error).toMatchObject({ code: 'not_found', native: 'NOT_FOUND (5)', message: expect.stringContaining('no-such-model') });
    const empty = await grpc.predict('sentiment', { kind: 'text', text: '' });
    expect(empty.wire.response.summary).toMatch(/^gRPC-Web status INVALID_ARGUMENT \(3\): /);
    expect(empty.wire.response.headers).toContainEqual(['modelwire-code', 'invalid_input']);
    const missing = await grpc.predict('mobilenetv2', { kind: 'image', image: new Uint8Array([1, 2, 3]) });
    expect(missing.ok ? undefined : missing.error).toMatchObject({ code: 'not_installed', native: 'UNAVAILABLE (14)' });
    expect(valueOf(await grpc.predict('sentiment', { kind: 'text', text: 'Still fine.' })).output.kind).toBe('sentiment');
  });

  it('throws when nothing answers, as the REST client does', async () => {
    await expect(createGrpcClient('http://127.0.0.1:9').predict('sentiment', { kind: 'text', text: 'x' })).rejects.toThrow();
  });

  it('speaks Connect (JSON) when asked: the JSON message is what goes over the wire', async () => {
    const outcome = await createGrpcClient(api().url, { format: 'connect' }).predict('sentiment', { kind: 'text', text: TYPED_SENTENCE });
    expect(outcome.wire.request.headers).toContainEqual(['content-type', 'application/json']);
    expect(outcome.wire.request.bytes).toBe(JSON.stringify({ model: 'sentiment', text: TYPED_SENTENCE }).length);
  });

  it('copyAs gives a grpcurl command for the native port that really works', async () => {
    const command = grpcClient().copyAs('sentiment', { kind: 'text', text: "It's great" });
    expect(command).toBe(`grpcurl -plaintext -d '{"model":"sentiment","text":"It'\\''s great"}' ${api().grpcAddress} modelwire.v1.InferenceService/Predict`);
    expect(JSON.parse((await runCopied(command)).stdout).sentiment).toMatchObject({ label: 'SENTIMENT_LABEL_POSITIVE' });
    expect(createGrpcClient('http://192.168.1.5:8080').copyAs('default', { kind: 'features', rows: [[1, 2]] })).toBe(
      `grpcurl -plaintext -d '{"model":"default","features":{"rows":[{"values":[1,2]}]}}' 192.168.1.5:50051 modelwire.v1.InferenceService/Predict`,
    );
  });

  // Unlike the WebSocket and MQTT clients, this one reports its first text as sent before it says "connecting".
  itStreamsTyping('gRPC-Web', grpcClient, { badItemNative: 'WatchSentimentResponse.error (invalid_input)', connectingFirst: false });
});

describe.skipIf(skipWithoutSharedImagenet())('createGrpcClient with the ImageNet model', () => {
  const api = useApi({ modelsDir: SHARED_IMAGENET_DIR });

  it('sends a photo as protobuf bytes; copy-as sends it with grpcurl', async () => {
    const image = new Uint8Array(await readFile(houseFinch().path));
    const grpc = createGrpcClient(api().url, { nativeAddress: api().grpcAddress });
    const outcome = await grpc.predict('mobilenetv2', { kind: 'image', image }, { topK: 3 });
    expect(outcome.wire.request.bytes).toBeGreaterThan(image.length);
    expect(outcome.wire.request.bytes).toBeLessThan(image.length + 100);

    const { stdout } = await runCopied(grpc.copyAs('mobilenetv2', { kind: 'image', image }, { topK: 3 }), await folderWithPhoto(houseFinch().path));
    expect(JSON.parse(stdout).classification.labels[0].label).toBe('house finch');
  });
});
