'use client';

import { useState } from 'react';
import { imageFileProblem, SIGNATURE_BYTES } from '../lib/encoding/image-file-check';
import { imageThumbnail } from '../lib/encoding/off-main-thread';
import { FileDrop } from './file-drop';
import { formatBytes } from './units';
import { useBlobUrl } from './use-blob-url';

export interface PickedImage {
  name: string;
  type: string;
  bytes: Uint8Array;
  /** A small JPEG made off the main thread; absent when this browser cannot decode the file (the server may). */
  preview?: Blob;
}

interface ImageDropProps {
  image: PickedImage | undefined;
  /** A checked image, or undefined when the picked file was refused (so the last one is not sent by mistake). */
  onImage(image: PickedImage | undefined): void;
  /** True while a picked file is still being read, so nothing is sent without it. */
  onReadingChange?(reading: boolean): void;
}

const PREVIEW_SIDE = 320;

/** The file checked by its size and first bytes before it is read whole; a refusal in words. */
async function readImage(file: File): Promise<PickedImage | string> {
  const name = file.name || 'pasted image';
  const problem = imageFileProblem({ name, size: file.size }, new Uint8Array(await file.slice(0, SIGNATURE_BYTES).arrayBuffer()));
  if (problem) return problem;
  const bytes = new Uint8Array(await file.arrayBuffer());
  const preview = await imageThumbnail(bytes, PREVIEW_SIDE).catch(() => undefined);
  return { name, type: file.type, bytes, preview };
}

/** An image by drop, by file picker or by paste (anywhere on the page while this is shown), with a preview. */
export function ImageDrop({ image, onImage, onReadingChange }: ImageDropProps) {
  const [problem, setProblem] = useState<string>();
  const previewUrl = useBlobUrl(image?.preview);

  async function accept(file: File) {
    setProblem(undefined);
    onReadingChange?.(true);
    try {
      const read = await readImage(file);
      if (typeof read === 'string') setProblem(read);
      onImage(typeof read === 'string' ? undefined : read);
    } finally {
      onReadingChange?.(false);
    }
  }

  return (
    <FileDrop
      label="Image"
      accept="image/*"
      paste
      onFile={(file) => void accept(file)}
      aside={previewUrl ? <img className="image-preview" src={previewUrl} alt={`Preview of ${image?.name ?? 'the image'}`} /> : null}
    >
      <p className="muted small">Drop an image here, choose a file, or paste one (Ctrl/⌘+V).</p>
      {image ? (
        <p className="small" data-testid="picked-image">
          {image.name} · {formatBytes(image.bytes.length)}
          {image.preview ? '' : ' · no preview: this browser cannot decode it'}
        </p>
      ) : null}
      {problem ? (
        <p className="error-text small" role="alert" data-testid="image-problem">
          {problem}
        </p>
      ) : null}
    </FileDrop>
  );
}
