import type { ErrorCode } from '../contract';
import { decodeImageWithCanvas } from '../clients/in-browser/canvas-image';
import { ModelWireError } from '../model-wire-error';
import { base64Ascii } from './base64-ascii';
import { imageThumbnail } from './image-thumbnail';

// The work the page hands to its Web Worker (encode-worker.ts), written as plain functions so the page can run the
// very same code in place where there is no Worker (Node, tests). Big bodies come back as Blobs: a Blob made off the
// main thread is sent by fetch() and WebSocket.send() without the page copying megabytes to the network process.

/** What to make of the current image. */
export type ImageTask =
  /** `before` + the image's base64 + `after`: a JSON or XML body, as a Blob (fetch) or as bytes (mqtt.js). */
  | { kind: 'body-around-base64'; before: string; after: string; as: 'blob' | 'bytes' }
  /** `before` and the image bytes as one Blob: a binary WebSocket frame. */
  | { kind: 'blob-around-image'; before: Uint8Array }
  /** 224×224 RGB pixels for the in-browser ImageNet model. */
  | { kind: 'imagenet-pixels' }
  /** A small JPEG preview, its longer side at most `maxSide` pixels. */
  | { kind: 'thumbnail'; maxSide: number };

export type EncodeJob =
  /** `image` is sent only when it differs from the one of the previous image job: jobs run in the order they are posted. */
  | { id: number; kind: 'image'; image?: Uint8Array; task: ImageTask }
  | { id: number; kind: 'bytes-blob'; bytes: Uint8Array };

export type EncodeResult = { id: number; value: Blob | Uint8Array<ArrayBuffer> } | { id: number; error: { code: ErrorCode; message: string } };

interface CurrentImage {
  image: Uint8Array;
  base64?: Uint8Array;
  base64Blob?: Blob;
  imageBlob?: Blob;
}

const encoder = new TextEncoder();

function bodyAroundBase64(current: CurrentImage, before: string, after: string, as: 'blob' | 'bytes'): Blob | Uint8Array<ArrayBuffer> {
  current.base64 ??= base64Ascii(current.image);
  if (as === 'blob') {
    // One Blob of the base64, shared by every body made around it: later bodies only reference it.
    current.base64Blob ??= new Blob([current.base64 as Uint8Array<ArrayBuffer>]);
    return new Blob([before, current.base64Blob, after]);
  }
  const [head, tail] = [encoder.encode(before), encoder.encode(after)];
  const body = new Uint8Array(head.length + current.base64.length + tail.length);
  body.set(head);
  body.set(current.base64, head.length);
  body.set(tail, head.length + current.base64.length);
  return body;
}

/** Runs jobs in order, keeping what it made of the latest image so the lanes that send it share the work. */
export function createJobRunner(): (job: EncodeJob) => Promise<Blob | Uint8Array<ArrayBuffer>> {
  let current: CurrentImage | undefined;
  return async (job) => {
    if (job.kind === 'bytes-blob') return new Blob([job.bytes as Uint8Array<ArrayBuffer>]);
    if (job.image) current = { image: job.image };
    const image = current;
    if (!image) throw new Error('an image job came before any image');
    switch (job.task.kind) {
      case 'body-around-base64':
        return bodyAroundBase64(image, job.task.before, job.task.after, job.task.as);
      case 'blob-around-image':
        image.imageBlob ??= new Blob([image.image as Uint8Array<ArrayBuffer>]);
        return new Blob([job.task.before as Uint8Array<ArrayBuffer>, image.imageBlob]);
      case 'imagenet-pixels':
        return (await decodeImageWithCanvas(image.image)) as Uint8Array<ArrayBuffer>;
      case 'thumbnail':
        return imageThumbnail(image.image, job.task.maxSide);
    }
  };
}

/** An error as it crosses to the page: a contract error keeps its code. */
export const errorOfJob = (error: unknown): { code: ErrorCode; message: string } =>
  error instanceof ModelWireError ? { code: error.code, message: error.message } : { code: 'internal', message: error instanceof Error ? error.message : String(error) };
