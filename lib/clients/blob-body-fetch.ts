import { bytesAsBlob, LARGE_BODY_BYTES } from '../encoding/off-main-thread';

/**
 * fetch() for connect-web's transports: a big request body (a photo in a protobuf message) is handed to the encoding
 * worker to become a Blob first, because fetch() of megabytes of bytes copies them on the page's main thread and fetch()
 * of a Blob does not. connect-web makes a new body for every call and does not read it again.
 */
export const fetchWithBlobBody: typeof fetch = async (input, init) => {
  const body = init?.body;
  if (!(body instanceof Uint8Array) || body.byteLength < LARGE_BODY_BYTES) return fetch(input, init);
  return fetch(input, { ...init, body: await bytesAsBlob(body) });
};
