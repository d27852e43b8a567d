'use client';

import { useCallback, useEffect, useId, useState, type DragEvent } from 'react';
import { formatBytes } from './units';
import { useObjectUrl } from './use-object-url';

export interface PickedImage {
  name: string;
  type: string;
  bytes: Uint8Array;
}

interface ImageDropProps {
  image: PickedImage | undefined;
  onImage(image: PickedImage): void;
  /** True while a picked file is still being read, so nothing is sent without it. */
  onReadingChange?(reading: boolean): void;
}

async function readImage(file: File): Promise<PickedImage> {
  return { name: file.name || 'pasted image', type: file.type, bytes: new Uint8Array(await file.arrayBuffer()) };
}

const firstImage = (files: FileList | undefined | null) => Array.from(files ?? []).find((file) => file.type.startsWith('image/'));

/** An image by drop, by file picker or by paste (anywhere on the page while this is shown), with a preview. */
export function ImageDrop({ image, onImage, onReadingChange }: ImageDropProps) {
  const inputId = useId();
  const [dragging, setDragging] = useState(false);
  const [problem, setProblem] = useState<string>();
  const previewUrl = useObjectUrl(image?.bytes, image?.type);

  const accept = useCallback(
    async (file: File | undefined) => {
      if (!file) return setProblem('That is not an image file. Drop, pick or paste a JPEG, PNG, WebP or GIF.');
      setProblem(undefined);
      onReadingChange?.(true);
      try {
        onImage(await readImage(file));
      } finally {
        onReadingChange?.(false);
      }
    },
    [onImage, onReadingChange],
  );

  useEffect(() => {
    const onPaste = (event: ClipboardEvent) => {
      const file = firstImage(event.clipboardData?.files);
      if (!file) return;
      event.preventDefault();
      void accept(file);
    };
    window.addEventListener('paste', onPaste);
    return () => window.removeEventListener('paste', onPaste);
  }, [accept]);

  function onDrop(event: DragEvent) {
    event.preventDefault();
    setDragging(false);
    void accept(firstImage(event.dataTransfer.files));
  }

  return (
    <div
      className={dragging ? 'image-drop dragging' : 'image-drop'}
      onDragOver={(event) => {
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <div className="image-drop-controls">
        <label htmlFor={inputId} className="image-drop-label">
          Image
        </label>
        <input id={inputId} type="file" accept="image/*" onChange={(event) => void accept(firstImage(event.target.files))} />
        <p className="muted small">Drop an image here, choose a file, or paste one (Ctrl/⌘+V).</p>
        {image ? (
          <p className="small">
            {image.name} · {formatBytes(image.bytes.length)}
          </p>
        ) : null}
        {problem ? (
          <p className="error-text small" role="alert">
            {problem}
          </p>
        ) : null}
      </div>
      {previewUrl ? <img className="image-preview" src={previewUrl} alt={`Preview of ${image?.name ?? 'the image'}`} /> : null}
    </div>
  );
}
