// `npm run bench:infer [-- --images 200]`: milliseconds per image for raw onnxruntime versus the same images over REST.
import { existsSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { IMAGENET_CROP_SIZE, imagenetTensorData } from '../lib/featurize/image';
import { float32Tensor, loadOnnxSession } from '../server/core/onnx-session';
import { decodeForImagenet } from '../server/models/imagenet/decode-image';
import { imagenetPaths } from '../server/models/imagenet/imagenet-files';
import { spawnApiServer } from './support/spawn-api-server';

const root = path.resolve(import.meta.dirname, '..');
const photosDir = process.env.PHOTOS_DIR ?? path.resolve(root, '../shared/datasets/imagenet-sample');
const modelsDir = process.env.MODELS_DIR ?? path.resolve(root, '../shared/models/imagenet');
const imageCount = Number(process.argv[process.argv.indexOf('--images') + 1]) || 100;
const MAX_PIXELS = 40_000_000;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

async function timeEach(images: Buffer[], once: (image: Buffer) => Promise<unknown>): Promise<number[]> {
  await once(images[0]!); // warm-up
  const times: number[] = [];
  for (const image of images) {
    const started = performance.now();
    await once(image);
    times.push(performance.now() - started);
  }
  return times;
}

async function main() {
  if (!existsSync(photosDir) || !existsSync(imagenetPaths(modelsDir).model)) {
    console.error(`Needs the ImageNet model in ${modelsDir} (MODELS_DIR) and photos in ${photosDir} (PHOTOS_DIR).`);
    process.exit(1);
  }
  const files = readdirSync(photosDir).filter((file) => file.endsWith('.JPEG')).sort().slice(0, imageCount);
  const images = await Promise.all(files.map((file) => readFile(path.join(photosDir, file))));
  const tensors = await Promise.all(images.map(async (image) => imagenetTensorData(await decodeForImagenet(image, MAX_PIXELS))));
  const session = await loadOnnxSession(imagenetPaths(modelsDir).model);
  const feed = (data: Float32Array) => ({ [session.inputNames[0]!]: float32Tensor(data, [1, 3, IMAGENET_CROP_SIZE, IMAGENET_CROP_SIZE]) });

  let index = 0;
  const rawRun = await timeEach(images, () => session.run(feed(tensors[index++ % tensors.length]!)));
  const rawWithDecode = await timeEach(images, async (image) => session.run(feed(imagenetTensorData(await decodeForImagenet(image, MAX_PIXELS)))));

  const server = await spawnApiServer({ env: { MODELS_DIR: modelsDir } });
  const serverMs: number[] = [];
  const inferenceMs: number[] = [];
  try {
    const rest = await timeEach(images, async (image) => {
      const form = new FormData();
      form.set('image', new Blob([new Uint8Array(image)], { type: 'image/jpeg' }), 'photo.jpg');
      const response = await fetch(`${server.url}/v1/models/mobilenetv2/predict`, { method: 'POST', body: form });
      if (!response.ok) throw new Error(`REST answered HTTP ${response.status}`);
      const { timing } = (await response.json()) as { timing: { serverMs: number; inferenceMs: number } };
      serverMs.push(timing.serverMs);
      inferenceMs.push(timing.inferenceMs);
    });
    // The warm-up call is not part of the timed runs.
    serverMs.shift();
    inferenceMs.shift();

    const base = median(rawRun);
    const rows = [
      ['raw onnxruntime run (preprocessed tensor)', rawRun],
      ['raw onnxruntime + sharp decode/resize', rawWithDecode],
      ['REST multipart upload (round trip)', rest],
      ['  of which inside the server (serverMs)', serverMs],
      ['  of which inside onnxruntime (inferenceMs)', inferenceMs],
    ] as const;
    console.log(`\n${images.length} ImageNet photos, one at a time, ${process.arch} ${process.version}\n`);
    console.log(`${'path'.padEnd(44)}${'median ms'.padStart(11)}${'mean ms'.padStart(10)}${'× raw'.padStart(8)}`);
    for (const [name, times] of rows) {
      console.log(`${name.padEnd(44)}${median(times).toFixed(2).padStart(11)}${mean(times).toFixed(2).padStart(10)}${(median(times) / base).toFixed(2).padStart(8)}`);
    }
  } finally {
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
