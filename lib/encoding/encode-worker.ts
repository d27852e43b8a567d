// The page's Web Worker: builds big request bodies (base64 of a photo, its JSON or XML around it), Blobs to send, and
// the in-browser model's pixels, off the main thread. Started by off-main-thread.ts.
import { createJobRunner, errorOfJob, type EncodeJob, type EncodeResult } from './worker-jobs';

/** The part of a dedicated worker's global scope used here (tsconfig's lib is the page's DOM, not WebWorker). */
interface WorkerScope {
  onmessage: ((event: MessageEvent<EncodeJob>) => void) | null;
  postMessage(message: EncodeResult, options: { transfer: Transferable[] }): void;
}

const scope = self as unknown as WorkerScope;
const run = createJobRunner();

scope.onmessage = async ({ data: job }) => {
  try {
    // Called as each message arrives: the runner takes the job's image synchronously, so jobs see images in order.
    const value = await run(job);
    // Bytes are transferred, not copied; a Blob crosses as a handle.
    scope.postMessage({ id: job.id, value }, { transfer: value instanceof Uint8Array ? [value.buffer] : [] });
  } catch (error) {
    scope.postMessage({ id: job.id, error: errorOfJob(error) }, { transfer: [] });
  }
};
