import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHARED_IMAGENET_DIR, skipWithoutSharedImagenet } from '../../../test/support/shared-files';
import { float32Tensor, loadOnnxSession, outputFloats } from '../onnx-session';
import { loadOnnxWorkerSession, type OnnxWorkerSession } from './onnx-worker-session';

const IMAGE_SIZE = 3 * 224 * 224;
const pattern = (count: number) => Float32Array.from({ length: count * IMAGE_SIZE }, (_, index) => Math.sin(index) * 2);

it('says why a model does not load on its worker thread', async () => {
  await expect(loadOnnxWorkerSession(new TextEncoder().encode('not an onnx model'))).rejects.toThrow(/onnxruntime could not load the model on its worker thread/);
});

describe.skipIf(skipWithoutSharedImagenet())('ONNX session on a worker thread (MobileNetV2)', () => {
  let modelBytes: Uint8Array;
  let session: OnnxWorkerSession;

  beforeAll(async () => {
    modelBytes = new Uint8Array(await readFile(path.join(SHARED_IMAGENET_DIR, 'mobilenetv2-12-int8.onnx')));
    session = await loadOnnxWorkerSession(modelBytes);
  });
  afterAll(() => session.release());

  it('answers a batch exactly as a session on the main thread does', async () => {
    const mainThread = await loadOnnxSession(modelBytes);
    const expected = outputFloats(await mainThread.run({ input: float32Tensor(pattern(2), [2, 3, 224, 224]) }), 'output');
    await mainThread.release();

    expect(session.inputNames).toEqual(['input']);
    const sent = pattern(2);
    const { outputs, feeds } = await session.run({ input: { data: sent, dims: [2, 3, 224, 224] } });
    expect(outputs.output!.dims).toEqual([2, 1000]);
    expect(outputs.output!.data).toEqual(expected);
    // The input went to the thread (detached here) and came back, values and shape unchanged, to be filled again.
    expect(sent.byteLength).toBe(0);
    expect(feeds.input!.dims).toEqual([2, 3, 224, 224]);
    expect(feeds.input!.data).toEqual(pattern(2));
  });

  it('runs a smaller batch in the front part of a buffer it handed back', async () => {
    const mainThread = await loadOnnxSession(modelBytes);
    const expected = outputFloats(await mainThread.run({ input: float32Tensor(pattern(1).map((value) => -value), [1, 3, 224, 224]) }), 'output');
    await mainThread.release();

    const { feeds } = await session.run({ input: { data: pattern(2), dims: [2, 3, 224, 224] } });
    const front = new Float32Array(feeds.input!.data.buffer, 0, IMAGE_SIZE);
    front.set(pattern(1).map((value) => -value));
    const { outputs } = await session.run({ input: { data: front, dims: [1, 3, 224, 224] } });
    expect(outputs.output!.data).toEqual(expected);
  });

  it('fails only the run onnxruntime refuses, then runs the next one', async () => {
    await expect(session.run({ input: { data: new Float32Array(10), dims: [1, 10] } })).rejects.toThrow(/onnxruntime failed: .+/);
    const { outputs } = await session.run({ input: { data: pattern(1), dims: [1, 3, 224, 224] } });
    expect(outputs.output!.data).toHaveLength(1000);
  });
});
