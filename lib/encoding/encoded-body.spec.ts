import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { aroundPlaceholder, base64Preview, encodeBody, IMAGE_PLACEHOLDER } from './encoded-body';

const text = async (body: string | Blob | Uint8Array) => (typeof body === 'string' ? body : body instanceof Blob ? body.text() : new TextDecoder().decode(body));

describe('encodeBody', () => {
  it('sends a body without an image as it was written', async () => {
    const encoded = await encodeBody(() => JSON.stringify({ text: 'héllo' }));
    expect(encoded.body).toBe('{"text":"héllo"}');
    expect(encoded.shown).toBe(encoded.body);
    expect(encoded.bytes).toBe(17);
    expect(encoded.encodeMs).toBeGreaterThanOrEqual(0);
  });

  it('splices the image base64 in where the template put the placeholder, and shows a preview instead', async () => {
    const image = randomBytes(1000);
    const encoded = await encodeBody((imageText) => JSON.stringify({ image: imageText, note: 'ü' }), image);
    const sent = await text(encoded.body);
    expect(encoded.body).toBeInstanceOf(Blob);
    expect(JSON.parse(sent)).toEqual({ image: image.toString('base64'), note: 'ü' });
    expect(encoded.bytes).toBe(Buffer.byteLength(sent));
    expect(JSON.parse(encoded.shown).image).toBe(base64Preview(image));
  });

  it('gives the same image the same base64 in every body, as bytes when asked', async () => {
    const image = randomBytes(300);
    const [blob, bytes] = await Promise.all([encodeBody((imageText) => `<i>${imageText}</i>`, image), encodeBody((imageText) => `<i>${imageText}</i>`, image, 'bytes')]);
    expect(bytes!.body).toBeInstanceOf(Uint8Array);
    expect(await text(blob!.body)).toBe(await text(bytes!.body));
  });
});

describe('base64Preview', () => {
  it('shows a short image whole', () => {
    const image = randomBytes(30);
    expect(base64Preview(image)).toBe(image.toString('base64'));
  });

  it('shows the first 120 characters of a long one and counts the rest', () => {
    const image = randomBytes(3000);
    expect(base64Preview(image)).toBe(`${image.toString('base64').slice(0, 120)}… (3880 more characters)`);
  });
});

describe('aroundPlaceholder', () => {
  it('splits a template where the base64 goes', () => {
    expect(aroundPlaceholder(`a${IMAGE_PLACEHOLDER}b`)).toEqual(['a', 'b']);
  });

  it('refuses a template without the placeholder', () => {
    expect(() => aroundPlaceholder('{}')).toThrow(/placeholder/);
  });
});
