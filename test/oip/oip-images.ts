import { readFile } from 'node:fs/promises';
import { imagenetTensorData } from '../../lib/featurize/image';
import { decodeForImagenet } from '../../server/models/imagenet/decode-image';

const MAX_PIXELS = 40_000_000;

/** A photo preprocessed exactly as the server does it for mobilenetv2: the graph's [3, 224, 224] input. */
export async function imagenetTensorOf(photoPath: string): Promise<Float32Array> {
  return imagenetTensorData(await decodeForImagenet(new Uint8Array(await readFile(photoPath)), MAX_PIXELS));
}

export const argmax = (values: ArrayLike<number>) => Array.prototype.indexOf.call(values, Math.max(...Array.from(values)));
