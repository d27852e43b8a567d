'use client';

import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

interface FileDropProps {
  label: string;
  /** The file picker's `accept`, e.g. "image/*". */
  accept: string;
  onFile(file: File): void;
  /** Also take a file pasted anywhere on the page while this is shown. */
  paste?: boolean;
  /** Under the picker: the hint, what was picked, a problem. */
  children: ReactNode;
  /** Beside the controls, e.g. a preview. */
  aside?: ReactNode;
}

/** A file by drop, by file picker or (with `paste`) from the clipboard. */
export function FileDrop({ label, accept, onFile, paste = false, children, aside }: FileDropProps) {
  const inputId = useId();
  const [dragging, setDragging] = useState(false);
  // The page's paste listener stays registered while callers pass a new onFile on every render.
  const onFileRef = useRef(onFile);
  useEffect(() => {
    onFileRef.current = onFile;
  });

  useEffect(() => {
    if (!paste) return;
    const onPaste = (event: ClipboardEvent) => {
      const file = event.clipboardData?.files[0];
      if (!file) return;
      event.preventDefault();
      onFileRef.current(file);
    };
    window.addEventListener('paste', onPaste);
    return () => window.removeEventListener('paste', onPaste);
  }, [paste]);

  return (
    <div
      className={dragging ? 'image-drop dragging' : 'image-drop'}
      onDragOver={(event) => {
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(event) => {
        event.preventDefault();
        setDragging(false);
        const file = event.dataTransfer.files[0];
        if (file) onFile(file);
      }}
    >
      <div className="image-drop-controls">
        <label htmlFor={inputId} className="image-drop-label">
          {label}
        </label>
        <input
          id={inputId}
          type="file"
          accept={accept}
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file) onFile(file);
            // The same file picked again (after fixing it) fires a change too.
            event.target.value = '';
          }}
        />
        {children}
      </div>
      {aside}
    </div>
  );
}
