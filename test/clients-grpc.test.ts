import { execFile } from 'node:child_process';
import { copyFile, readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGrpcClient } from '../lib/clients/grpc-client';
import type { CallOutcome, ProtocolClient, StreamEvent } from '../lib/clients/protocol-client';
import { createRestClient } from '../lib/clients/rest-client';
import type { PredictionResult } from '../lib/contract';
import { TYPED_SENTENCE as SENTENCE, TYPED_PREFIXES } from './support/live-stream';
import { hasSharedImagenet, SHARED_IMAGENET_DIR, sharedPhotos, skipReasonWithoutShared } from './support/shared-files';
import { makeTempDir, startApi, type RunningApi } from './support/start-api';

// The browser's gRPC client (connect-web, gRPC-Web or Connect on the API port) against the real server, checked
// against the REST client's answers for the same calls.

const BUF = path.resolve(import.meta.dirname, '../node_modules/.bin/buf');
/** grpcurl is not installed here: run the copied command with `grpcurl` standing for `buf curl`, its Go equivalent. */
const GRPCURL_AS_BUF_CURL = `grpcurl() { [ "$1" = -plaintext ] && shift; local data="$2"; [ "$data" = @ ] && data=@-; ${BUF} curl --protocol grpc --http2-prior-knowledge -d "$data" "http://$3/$4"; }`;
const runCopied = (command: string, cwd?: string) => promisify(execFile)('bash', ['-c', `${GRPCURL_AS_BUF_CURL}\n${command}`], { cwd });

function valueOf<T>(outcome: CallOutcome<T>): T {
  if (!outcome.ok) throw new Error(`expected success, got ${outcome.error.native}: ${outcome.error.message}`);
  return outcome.value;
}
const withoutTiming = ({ model, output }: PredictionResult) => ({ model, output });

describe('createGrpcClient against the API server', () => {
  let api: RunningApi;
  let grpc: ProtocolClient;
  let rest: ProtocolClient;
  beforeAll(async () => {
    api = await startApi();
    grpc = createGrpcClient(api.url, { nativeAddress: api.grpcAddress });
    rest = createRestClient(api.url);
  });
  afterAll(async () => {
    await api.close({ removeData: true });
  });

  it('lists the same models as REST, with the enums read back into the contract', async () => {
    expect(await grpc.listModels()).toEqual(await rest.listModels());
  });

  it('predicts sentiment exactly as REST does, and shows the protobuf messages, headers and trailers it carried', async () => {
    for (const text of [SENTENCE, 'This was a terrible, boring waste of time.', 'The package arrived on Tuesday.']) {
      expect(withoutTiming(valueOf(await grpc.predict('sentiment', { kind: 'text', text })))).toEqual(withoutTiming(valueOf(await rest.predict('sentiment', { kind: 'text', text }))));
    }
    const { wire } = await grpc.predict('sentiment', { kind: 'text', text: 'Lovely' });
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

  it('trains a linear model and predicts rows with it, as REST answers', async () => {
    const X = [[1, 2], [2, 1], [3, 4], [4, 3]];
    const trained = valueOf(await grpc.train('grpc-client', { X, y: [1.3, 1.1, 2.9, 2.7], ridge: 0.5 }));
    expect(trained).toMatchObject({ model: { name: 'grpc-client', version: 1 }, samples: 4, featureCount: 2 });
    const rows = [[1, 2], [10, -3]];
    expect(withoutTiming(valueOf(await grpc.predict('grpc-client', { kind: 'features', rows })))).toEqual(withoutTiming(valueOf(await rest.predict('grpc-client', { kind: 'features', rows }))));
  });

  it('answers errors as gRPC statuses, with the contract code from the modelwire-code metadata', async () => {
    const unknown = await grpc.predict('no-such-model', { kind: 'text', text: 'hello' });
    expect(unknown.ok ? undefined : unknown.error).toMatchObject({ code: 'not_found', native: 'NOT_FOUND (5)', message: expect.stringContaining('no-such-model') });
    const empty = await grpc.predict('sentiment', { kind: 'text', text: '' });
    expect(empty.ok ? undefined : empty.error).toMatchObject({ code: 'invalid_input', native: 'INVALID_ARGUMENT (3)' });
    expect(empty.wire.response.summary).toMatch(/^gRPC-Web status INVALID_ARGUMENT \(3\): /);
    expect(empty.wire.response.headers).toContainEqual(['modelwire-code', 'invalid_input']);
    const missing = await grpc.predict('mobilenetv2', { kind: 'image', image: new Uint8Array([1, 2, 3]) });
    expect(missing.ok ? undefined : missing.error).toMatchObject({ code: 'not_installed', native: 'UNAVAILABLE (14)' });
    expect(valueOf(await grpc.predict('sentiment', { kind: 'text', text: 'Still fine.' })).output.kind).toBe('sentiment');
  });

  it('throws when nothing answers, as the REST client does', async () => {
    await expect(createGrpcClient('http://127.0.0.1:9').predict('sentiment', { kind: 'text', text: 'x' })).rejects.toThrow();
  });

  it('speaks Connect (JSON) when asked, with the same answers', async () => {
    const connect = createGrpcClient(api.url, { format: 'connect' });
    const outcome = await connect.predict('sentiment', { kind: 'text', text: SENTENCE });
    expect(withoutTiming(valueOf(outcome))).toEqual(withoutTiming(valueOf(await rest.predict('sentiment', { kind: 'text', text: SENTENCE }))));
    expect(outcome.wire.request.headers).toContainEqual(['content-type', 'application/json']);
    expect(outcome.wire.request.bytes).toBe(JSON.stringify({ model: 'sentiment', text: SENTENCE }).length);
    const failed = await connect.predict('nope', { kind: 'text', text: 'x' });
    expect(failed.ok ? undefined : failed.error).toMatchObject({ code: 'not_found', native: 'NOT_FOUND (5)' });
  });

  it('copyAs gives a grpcurl command for the native port that really works', async () => {
    const command = grpc.copyAs('sentiment', { kind: 'text', text: "It's great" });
    expect(command).toBe(`grpcurl -plaintext -d '{"model":"sentiment","text":"It'\\''s great"}' ${api.grpcAddress} modelwire.v1.InferenceService/Predict`);
    expect(JSON.parse((await runCopied(command)).stdout).sentiment).toMatchObject({ label: 'SENTIMENT_LABEL_POSITIVE' });
    expect(createGrpcClient('http://192.168.1.5:8080').copyAs('default', { kind: 'features', rows: [[1, 2]] })).toBe(
      `grpcurl -plaintext -d '{"model":"default","features":{"rows":[{"values":[1,2]}]}}' 192.168.1.5:50051 modelwire.v1.InferenceService/Predict`,
    );
  });

  it('openSentimentStream: 20 rapid pushes end with the whole sentence scored as Predict scores it, in seq order', async () => {
    const events: StreamEvent[] = [];
    const stream = grpc.openSentimentStream!((event) => events.push(event));
    TYPED_PREFIXES.forEach((text) => stream.push(text));
    await expect.poll(() => events.some((event) => event.type === 'update' && event.update.seq === TYPED_PREFIXES.length), { timeout: 10_000 }).toBe(true);
    stream.push('');
    await expect.poll(() => events.some((event) => event.type === 'error'), { timeout: 5_000 }).toBe(true);
    stream.close();

    const states = events.flatMap((event) => (event.type === 'state' ? [event.state] : []));
    expect(states).toEqual(['connecting', 'open', 'closed']);
    expect(events.filter((event) => event.type === 'sent').map((event) => event.type === 'sent' && event.text)).toEqual([...TYPED_PREFIXES, '']);
    const updates = events.flatMap((event) => (event.type === 'update' ? [event] : []));
    for (const { update, latencyMs } of updates) {
      expect(update.text).toBe(TYPED_PREFIXES[update.seq - 1]);
      expect(latencyMs).toBeGreaterThan(0);
    }
    expect(updates.map(({ update }) => update.seq)).toEqual([...updates.map(({ update }) => update.seq)].sort((a, b) => a - b));
    expect(updates.length + updates.reduce((sum, { update }) => sum + update.skipped, 0)).toBe(TYPED_PREFIXES.length);
    const last = updates.at(-1)!.update;
    expect({ model: last.model, output: last.output }).toEqual(withoutTiming(valueOf(await rest.predict('sentiment', { kind: 'text', text: SENTENCE }))));
    expect(events.find((event) => event.type === 'error')).toMatchObject({ seq: 21, error: { code: 'invalid_input' } });
  });
});

describe.skipIf(!hasSharedImagenet)('createGrpcClient with the ImageNet model', () => {
  let api: RunningApi;
  beforeAll(async () => {
    api = await startApi({ modelsDir: SHARED_IMAGENET_DIR });
  });
  afterAll(() => api.close({ removeData: true }));

  it('classifies a photo as REST does; copy-as sends it with grpcurl', async () => {
    const photo = sharedPhotos()[1]!;
    const image = new Uint8Array(await readFile(photo.path));
    const grpc = createGrpcClient(api.url, { nativeAddress: api.grpcAddress });
    const overRest = withoutTiming(valueOf(await createRestClient(api.url).predict('mobilenetv2', { kind: 'image', image }, { topK: 3 })));
    const outcome = await grpc.predict('mobilenetv2', { kind: 'image', image }, { topK: 3 });
    expect(withoutTiming(valueOf(outcome))).toEqual(overRest);
    expect(outcome.wire.request.bytes).toBeGreaterThan(image.length);

    const dir = await makeTempDir('grpc-copy');
    await copyFile(photo.path, path.join(dir, 'photo.jpg'));
    const { stdout } = await runCopied(grpc.copyAs('mobilenetv2', { kind: 'image', image }, { topK: 3 }), dir);
    expect(JSON.parse(stdout).classification.labels[0].label).toBe(overRest.output.kind === 'classification' ? overRest.output.labels[0]!.label : '');
  });
});

if (!hasSharedImagenet) skipReasonWithoutShared('the gRPC client image test');
