import { describe, expect, it } from 'vitest';
import { blackPng } from './support/bomb-png';
import { SHARED_IMAGENET_DIR, skipWithoutSharedImagenet } from './support/shared-files';
import { postJson } from './support/start-api';
import { useApi } from './support/use-api';

async function send(url: string, init: RequestInit) {
  const response = await fetch(url, init);
  const text = await response.text();
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', json: JSON.parse(text) };
}

function imageForm(bytes: Uint8Array, type = 'image/png', name = 'upload.png') {
  const form = new FormData();
  form.set('image', new Blob([new Uint8Array(bytes)], { type }), name);
  return form;
}

function expectProblem(result: { status: number; contentType: string; json: any }, status: number, code: string) {
  expect(result.status).toBe(status);
  expect(result.contentType).toContain('application/problem+json');
  expect(result.json).toMatchObject({ status, code });
  expect(result.json.detail.length).toBeGreaterThan(5);
}

function describeBadInput(modelsDir?: string) {
  const api = useApi({ modelsDir });

  async function expectStillServing() {
    const health = await fetch(`${api().url}/healthz`);
    expect(health.status).toBe(200);
    const sentiment = await postJson(`${api().url}/v1/models/sentiment/predict`, { text: 'Still working, and it is great.' });
    expect(sentiment.status).toBe(200);
  }

  return { api, expectStillServing };
}

describe('bad input over HTTP gets its documented status, and the server keeps answering', () => {
  const ctx = describeBadInput();
  const url = (path: string) => `${ctx.api().url}${path}`;

  it('malformed JSON → 400', async () => {
    const result = await send(url('/v1/models/sentiment/predict'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"text": "unterminated' });
    expectProblem(result, 400, 'invalid_input');
    await ctx.expectStillServing();
  });

  it('wrong types → 400 naming the field', async () => {
    const text = await postJson(url('/v1/models/sentiment/predict'), { text: 42 });
    expectProblem({ ...text }, 400, 'invalid_input');
    expect(text.json.detail).toMatch(/text/);
    const features = await postJson(url('/v1/models/sentiment/predict'), { features: ['a', 'b'] });
    expectProblem(features, 400, 'invalid_input');
    const train = await postJson(url('/train'), { X: 'not rows', y: [1] });
    expectProblem(train, 400, 'invalid_input');
    const two = await postJson(url('/v1/models/sentiment/predict'), { text: 'hi', image: 'aGk=' });
    expectProblem(two, 400, 'invalid_input');
    const wrongKind = await postJson(url('/v1/models/sentiment/predict'), { features: [1, 2] });
    expectProblem(wrongKind, 400, 'invalid_input');
    await ctx.expectStillServing();
  });

  it('unknown model → 404, unknown route → 404', async () => {
    expectProblem(await postJson(url('/v1/models/nope/predict'), { text: 'x' }), 404, 'not_found');
    expectProblem(await send(url('/v2/nothing'), {}), 404, 'not_found');
  });

  it('a 30 MB body → 413, as JSON and as a multipart upload', async () => {
    const big = 'a'.repeat(30 * 1024 * 1024);
    const json = await send(url('/v1/models/sentiment/predict'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: big }) });
    expectProblem(json, 413, 'too_large');
    const upload = await send(url('/v1/models/mobilenetv2/predict'), { method: 'POST', body: imageForm(new Uint8Array(30 * 1024 * 1024)) });
    expectProblem(upload, 413, 'too_large');
    await ctx.expectStillServing();
  });

  it('the image model without its files → 503 with the install command, listed as not installed', async () => {
    const result = await send(url('/v1/models/mobilenetv2/predict'), { method: 'POST', body: imageForm(blackPng(8, 8)) });
    expectProblem(result, 503, 'not_installed');
    expect(result.json.installCommand).toBe('npm run models:fetch');
    const model = await (await fetch(url('/v1/models/mobilenetv2'))).json();
    expect(model).toMatchObject({ status: 'not_installed', installCommand: 'npm run models:fetch', version: null });
    await ctx.expectStillServing();
  });
});

describe.skipIf(skipWithoutSharedImagenet())('bad images with the ImageNet model installed', () => {
  const ctx = describeBadInput(SHARED_IMAGENET_DIR);
  const predictUrl = () => `${ctx.api().url}/v1/models/mobilenetv2/predict`;

  it('an empty image → 400', async () => {
    expectProblem(await send(predictUrl(), { method: 'POST', body: imageForm(new Uint8Array(0)) }), 400, 'invalid_input');
    expectProblem(await postJson(predictUrl(), { image: '' }), 400, 'invalid_input');
    await ctx.expectStillServing();
  });

  it('a text file sent as an image → 415', async () => {
    const text = new TextEncoder().encode('This is a plain text file, not a picture.\n');
    expectProblem(await send(predictUrl(), { method: 'POST', body: imageForm(text, 'text/plain', 'notes.txt') }), 415, 'unsupported_media');
    await ctx.expectStillServing();
  });

  it('a 20000×20000 PNG → 413 before it is decoded', async () => {
    const bomb = blackPng(20_000, 20_000);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const result = await send(predictUrl(), { method: 'POST', body: imageForm(bomb) });
    expectProblem(result, 413, 'too_large');
    expect(result.json).toMatchObject({ width: 20_000, height: 20_000 });
    await ctx.expectStillServing();
  });

  it('a non-base64 image string → 400', async () => {
    expectProblem(await postJson(predictUrl(), { image: 'not base64 at all!' }), 400, 'invalid_input');
  });
});
