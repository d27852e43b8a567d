import { describe, expect, it } from 'vitest';
import { specEncodedGrpcMessage } from './grpc-message-encoding';

describe('specEncodedGrpcMessage', () => {
  it('leaves printable ASCII as it is, so decodeURI (grpc-js) and decodeURIComponent read the same text', () => {
    const message = 'Install it with `npm run models:fetch`, then retry: a/b?c=d&e#f;g@h+$';
    const encoded = specEncodedGrpcMessage(encodeURIComponent(message));
    expect(encoded).toBe(message);
    expect(decodeURI(encoded)).toBe(message);
  });

  it('percent-encodes "%" and UTF-8 bytes outside 0x20–0x7E', () => {
    const message = 'ridge must be ≥ 0 (100%)\n';
    const encoded = specEncodedGrpcMessage(encodeURIComponent(message));
    expect(encoded).toBe('ridge must be %E2%89%A5 0 (100%25)%0A');
    expect(decodeURI(encoded)).toBe(message);
    expect(decodeURIComponent(encoded)).toBe(message);
  });
});
