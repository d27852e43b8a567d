import { ModelWireError } from '../model-wire-error';
import { createJobRunner, type EncodeJob, type EncodeResult, type ImageTask } from './worker-jobs';

// The page's side of the encoding worker (encode-worker.ts). Where there is no Worker (Node, tests) the same jobs run
// in place, so every caller gets the same results either way.

/** Bodies and frames from this size on are worth handing to the worker to become Blobs. */
export const LARGE_BODY_BYTES = 256 * 1024;

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;
type Job = WithoutId<EncodeJob>;

let worker: Worker | null | undefined;
let lastId = 0;
/** The image the worker holds now: image jobs for it do not send it again. */
let workerImage: Uint8Array | undefined;
const waiting = new Map<number, { resolve(value: Blob | Uint8Array<ArrayBuffer>): void; reject(error: Error): void }>();
const runInPlace = createJobRunner();

function startWorker(): Worker | null {
  if (typeof window === 'undefined' || typeof Worker === 'undefined') return null;
  // This exact `new Worker(new URL(..., import.meta.url))` form is what Next.js's bundler turns into a worker chunk.
  const started = new Worker(new URL('./encode-worker.ts', import.meta.url), { type: 'module' });
  started.onmessage = ({ data }: MessageEvent<EncodeResult>) => {
    const waiter = waiting.get(data.id);
    waiting.delete(data.id);
    if ('error' in data) waiter?.reject(new ModelWireError(data.error.code, data.error.message));
    else waiter?.resolve(data.value);
  };
  started.onerror = (event) => {
    // A worker that cannot start is given up on: later jobs run in place.
    worker = null;
    workerImage = undefined;
    for (const { reject } of waiting.values()) reject(new Error(`The encoding worker failed: ${event.message || 'it could not start'}`));
    waiting.clear();
  };
  return started;
}

/** Bytes that own their whole buffer can be handed to a worker without a copy; anything else is copied on the way. */
export const ownsItsBuffer = (bytes: Uint8Array) => bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer;

function run(job: Job, transfer: Transferable[] = []): Promise<Blob | Uint8Array<ArrayBuffer>> {
  if (worker === undefined) worker = startWorker();
  if (!worker) return runInPlace({ ...job, id: 0 } as EncodeJob);
  const id = ++lastId;
  const result = new Promise<Blob | Uint8Array<ArrayBuffer>>((resolve, reject) => waiting.set(id, { resolve, reject }));
  worker.postMessage({ ...job, id }, transfer);
  return result;
}

function imageJob(image: Uint8Array, task: ImageTask): Promise<Blob | Uint8Array<ArrayBuffer>> {
  if (worker === undefined) worker = startWorker();
  const resend = !worker || image !== workerImage;
  if (worker) workerImage = image;
  return run({ kind: 'image', task, ...(resend ? { image } : {}) });
}

/** `before` + the image's base64 + `after`, made off the main thread: a Blob to fetch, or bytes (mqtt.js needs bytes). */
export const bodyAroundBase64 = (image: Uint8Array, before: string, after: string, as: 'blob' | 'bytes') =>
  imageJob(image, { kind: 'body-around-base64', before, after, as });

/**
 * `before` and the image as one Blob, made off the main thread (a WebSocket binary frame): even putting a Blob made
 * elsewhere into a new one can hold the main thread while the browser takes in the first one's megabytes.
 */
export const blobAroundImage = async (before: Uint8Array, image: Uint8Array) => (await imageJob(image, { kind: 'blob-around-image', before })) as Blob;

/** The 224×224 RGB pixels of the image for the in-browser ImageNet model, decoded and resized off the main thread. */
export const imagenetPixels = async (image: Uint8Array) => (await imageJob(image, { kind: 'imagenet-pixels' })) as Uint8Array;

/** A small JPEG preview of the image (longer side `maxSide` pixels), decoded and drawn off the main thread. */
export const imageThumbnail = async (image: Uint8Array, maxSide: number) => (await imageJob(image, { kind: 'thumbnail', maxSide })) as Blob;

/** Bytes as a Blob made off the main thread; they are handed over (unusable here afterwards) when they own their buffer. */
export const bytesAsBlob = (bytes: Uint8Array) => run({ kind: 'bytes-blob', bytes }, ownsItsBuffer(bytes) ? [bytes.buffer as ArrayBuffer] : []);
