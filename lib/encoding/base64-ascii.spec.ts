import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { base64Ascii } from './base64-ascii';

const asText = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('base64Ascii', () => {
  it.each([0, 1, 2, 3, 4, 5, 1000, 1001, 1002])('matches Buffer base64 for %i bytes', (length) => {
    const bytes = randomBytes(length);
    expect(asText(base64Ascii(bytes))).toBe(bytes.toString('base64'));
  });

  it('writes the RFC 4648 test vectors', () => {
    const vectors = { '': '', f: 'Zg==', fo: 'Zm8=', foo: 'Zm9v', foob: 'Zm9vYg==', fooba: 'Zm9vYmE=', foobar: 'Zm9vYmFy' };
    for (const [plain, encoded] of Object.entries(vectors)) expect(asText(base64Ascii(new TextEncoder().encode(plain)))).toBe(encoded);
  });
});
