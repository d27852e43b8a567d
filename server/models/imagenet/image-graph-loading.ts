import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { OnnxTuning } from '../../core/onnx-session';
import { loadOnnxWorkerSession, type OnnxWorkerSession } from '../../core/onnx-worker/onnx-worker-session';
import { imagenetPaths } from './imagenet-files';

/**
 * Threads that wait for work block instead of spinning: images are decoded (sharp) and requests parsed on the same
 * few cores while a batch runs, and spinning onnxruntime threads took those cores from them. On 2 busy cores, with 8
 * images in flight, spinning off cut the CPU per image from ~59 to ~39 ms and nearly doubled the images per second.
 *
 * The memory arena keeps a run's intermediate tensors (a few MiB per image) for the next run. Without it every run
 * asked malloc for them again, and production's 128 KiB mmap threshold (see server-runtime.ts) made each one a fresh
 * mapping whose pages faulted in: 14 ms per lone image against 5.4 ms with the arena, 6.4 against 4.4 ms per image in
 * batches of 8 (the same worker, same options otherwise); over REST, 8 images in flight went from 70 to 95–99 images/s.
 * It holds the largest batch's working set: `npm run bench:memory` levelled off at 275–286 MiB in two runs against 273
 * MiB in one without it (281 MiB with MAX_BATCH_SIZE=4).
 */
const IMAGENET_TUNING: OnnxTuning = { allowSpinning: false, memoryArena: true };

/** MobileNetV2's graph being loaded onto its onnxruntime worker thread (the file's bytes are not kept here). */
export interface ImageGraphLoading {
  modelPath: string;
  sha256: string;
  session: Promise<OnnxWorkerSession>;
}

/** Reads the graph and starts its worker thread loading it; rejects when the file cannot be read. */
export async function startLoadingImageGraph(modelPath: string): Promise<ImageGraphLoading> {
  const modelBytes = await readFile(modelPath);
  return {
    modelPath,
    sha256: createHash('sha256').update(modelBytes).digest('hex'),
    session: loadOnnxWorkerSession(new Uint8Array(modelBytes), IMAGENET_TUNING),
  };
}

/**
 * Started by server/main.ts before it imports the rest of the server: the worker thread boots, loads onnxruntime and
 * builds the session (~0.4 s) on another core while the main thread loads the protocols' libraries, instead of after
 * them. Undefined when the file is not there (the classifier reports that, and loads it once it appears).
 */
export async function startLoadingImageGraphEarly(modelsDir: string): Promise<ImageGraphLoading | undefined> {
  const loading = await startLoadingImageGraph(imagenetPaths(modelsDir).model).catch(() => undefined);
  // A failure is the classifier's to report, when it takes the session.
  loading?.session.catch(() => undefined);
  return loading;
}
