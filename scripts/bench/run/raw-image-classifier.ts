import { readFile } from 'node:fs/promises';
import { IMAGENET_CROP_SIZE, imagenetTensorData, softmax, topKIndices } from '../../../lib/featurize/image';
import { float32Tensor, loadOnnxSession, outputFloats } from '../../../server/core/onnx-session';
import { decodeForImagenet } from '../../../server/models/imagenet/decode-image';
import { imagenetPaths } from '../../../server/models/imagenet/imagenet-files';
import type { InProcessPredict } from './in-process-models';

/**
 * MobileNetV2 with nothing around it: the server's decoding (sharp, resize 256, crop 224), its tensor layout and its
 * onnxruntime session options, run on the bench's own thread, one image per run. No worker thread and no batching:
 * whatever the server adds to serve images is measured against this.
 */
export async function loadRawImageClassifier(modelsDir: string, maxImagePixels: number): Promise<InProcessPredict> {
  const paths = imagenetPaths(modelsDir);
  const labels = JSON.parse(await readFile(paths.labels, 'utf8')) as string[];
  const session = await loadOnnxSession(paths.model);
  const [inputName, outputName] = [session.inputNames[0]!, session.outputNames[0]!];
  return async (input) => {
    if (input.kind !== 'image') throw new Error(`the image classifier takes images, not ${input.kind}`);
    const rgb = await decodeForImagenet(input.image, maxImagePixels);
    const outputs = await session.run({ [inputName]: float32Tensor(imagenetTensorData(rgb), [1, 3, IMAGENET_CROP_SIZE, IMAGENET_CROP_SIZE]) });
    const [best] = topKIndices(softmax(outputFloats(outputs, outputName)), 1);
    return labels[best!] ?? `class ${best}`;
  };
}
