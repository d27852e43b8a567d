import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { IMAGENET_CROP_SIZE, imagenetTensorData } from '../../lib/featurize/image';
import { loadOnnxSession } from '../../server/core/onnx-session';
import { createImageClassifier } from '../../server/models/imagenet/image-classifier';
import { decodeForImagenet } from '../../server/models/imagenet/decode-image';
import { exportModelRepository } from '../../server/model-repository/export-model-repository';
import { houseFinch, SHARED_IMAGENET_DIR, skipWithoutSharedImagenet } from '../support/shared-files';
import { makeTempDir } from '../support/start-api';
import { configTensors, filesUnder, messageField, only, readConfig, runExported } from './repository-check';

const MAX_IMAGE_PIXELS = 40_000_000;
const ITEM_DIMS = [3, IMAGENET_CROP_SIZE, IMAGENET_CROP_SIZE];

describe.skipIf(skipWithoutSharedImagenet())('exportModelRepository with MobileNetV2 installed', () => {
  let dataDir = '';
  let repository = '';

  beforeAll(async () => {
    dataDir = inject('prebuiltDataDir');
    repository = path.join(await makeTempDir('export-imagenet'), 'repository');
    await exportModelRepository({
      target: repository,
      force: false,
      dataDir,
      modelsDir: SHARED_IMAGENET_DIR,
      maxImagePixels: MAX_IMAGE_PIXELS,
      maxBatchSize: 4,
      maxQueueDelayMicroseconds: 0,
      warn: () => undefined,
      log: () => undefined,
    });
  });

  afterAll(() => rm(path.dirname(repository), { recursive: true, force: true }));

  it('writes mobilenetv2/1/model.onnx, the very file ModelWire serves, and its batched config', async () => {
    expect((await filesUnder(repository)).filter((file) => file.startsWith('mobilenetv2/'))).toEqual(['mobilenetv2/1/model.onnx', 'mobilenetv2/config.pbtxt']);
    const exported = await readFile(path.join(repository, 'mobilenetv2/1/model.onnx'));
    expect(exported.equals(await readFile(path.join(SHARED_IMAGENET_DIR, 'mobilenetv2-12-int8.onnx')))).toBe(true);

    const config = await readConfig(repository, 'mobilenetv2');
    expect(only(config, 'platform')).toBe('onnxruntime_onnx');
    expect(only(config, 'max_batch_size')).toBe(4);
    expect(configTensors(config, 'input')).toEqual([{ name: 'input', dataType: { enum: 'TYPE_FP32' }, dims: ITEM_DIMS, reshape: undefined }]);
    expect(configTensors(config, 'output')).toEqual([{ name: 'output', dataType: { enum: 'TYPE_FP32' }, dims: [1000], reshape: undefined }]);
    expect(only(messageField(config, 'dynamic_batching'), 'max_queue_delay_microseconds')).toBe(0);
  });

  it('answers a preprocessed photo with the logits ModelWire computes for it', async () => {
    const pixels = imagenetTensorData(await decodeForImagenet(await readFile(houseFinch().path), MAX_IMAGE_PIXELS));
    const classifier = await createImageClassifier({ modelsDir: SHARED_IMAGENET_DIR, maxImagePixels: MAX_IMAGE_PIXELS });
    const served = await classifier.rawTensors!.run([pixels.slice()]);
    // ModelWire's session options: its int8 precision setting changes the logits on CPUs without VNNI (see triton.md).
    const session = await loadOnnxSession(path.join(repository, 'mobilenetv2/1/model.onnx'));
    const outputs = await runExported(session, { input: new ort.Tensor('float32', pixels, [1, ...ITEM_DIMS]) });
    await session.release();
    expect(outputs.output!.dims).toEqual([1, 1000]);
    expect(Array.from(outputs.output!.data as Float32Array)).toEqual(Array.from(served.outputs[0]!));
    expect(served.version).toBe(1);
  });
});
