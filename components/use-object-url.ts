'use client';

import { useEffect, useState } from 'react';

/** A blob: URL for some bytes, revoked when the bytes change or the component goes away. */
export function useObjectUrl(bytes: Uint8Array | undefined, type = 'application/octet-stream'): string | undefined {
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    if (!bytes) return setUrl(undefined);
    const created = URL.createObjectURL(new Blob([bytes as BlobPart], { type }));
    setUrl(created);
    return () => URL.revokeObjectURL(created);
  }, [bytes, type]);
  return url;
}
