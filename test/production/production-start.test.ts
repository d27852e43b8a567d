import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildServer } from '../../scripts/build-server';
import { spawnCompiledServer, type CompiledServer } from '../../scripts/memory/compiled-server';
import { EXACT_X, EXACT_Y } from '../support/linear-fixture';
import { hasSharedImagenet, houseFinch, SHARED_IMAGENET_DIR, sharedPhotos, skipWithoutSharedImagenet } from '../support/shared-files';
import { makeTempDir, postJson } from '../support/start-api';

// Production runs the compiled server with plain node: no tsx, no loader. This builds the bundles into a folder of their
// own (inside the project, so node_modules resolve as they do from dist/), runs them, and uses every worker thread.

const root = path.resolve(import.meta.dirname, '../..');

/** Minor page faults of a process so far (field 10 of /proc/<pid>/stat; the name in field 2 has no spaces here). */
const minorPageFaultsOf = async (pid: number) => Number((await readFile(`/proc/${pid}/stat`, 'utf8')).split(' ')[9]);

describe('the compiled server (node dist/server/main.js)', () => {
  let outdir: string;
  let server: CompiledServer;
  let exitCode: number | null | undefined;

  beforeAll(async () => {
    // A fresh clone has no dist/ yet.
    await mkdir(path.join(root, 'dist'), { recursive: true });
    outdir = await mkdtemp(path.join(root, 'dist', 'production-test-'));
    await buildServer(root, outdir);
    server = await spawnCompiledServer({
      root,
      bundle: path.relative(root, path.join(outdir, 'main.js')),
      modelsDir: hasSharedImagenet ? SHARED_IMAGENET_DIR : await makeTempDir('models-empty'),
      sentimentFrom: inject('prebuiltDataDir'),
      // Nothing may slip a TypeScript loader in: the node options are production's and NODE_OPTIONS is empty.
      env: { NODE_OPTIONS: '' },
    });
  });
  afterAll(async () => {
    if (exitCode === undefined) await server?.stop();
    if (outdir) await rm(outdir, { recursive: true, force: true });
  });

  it('answers health and scores a sentence', async () => {
    const health = await (await fetch(`${server.apiUrl}/healthz`)).json();
    expect(health.models.sentiment).toBe('ready');
    const scored = await postJson(`${server.apiUrl}/v1/models/sentiment/predict`, { text: 'I love machine learning!' });
    expect(scored.status).toBe(200);
    expect(scored.json.output.label).toBe('positive');
  });

  it('serves the WSDL files copied beside the bundle', async () => {
    const wsdl = await fetch(`${server.apiUrl}/soap?wsdl`);
    expect(wsdl.status).toBe(200);
    expect(await wsdl.text()).toContain('ModelWireService');
  });

  it('trains on its fit worker thread and predicts with the result', async () => {
    const trained = await postJson(`${server.apiUrl}/v1/models/compiled/train`, { X: EXACT_X, y: EXACT_Y });
    expect(trained.status).toBe(200);
    expect(trained.json.model).toEqual({ name: 'compiled', version: 1 });
    const predicted = await postJson(`${server.apiUrl}/v1/models/compiled/predict`, { features: [[0, 0]] });
    expect(predicted.status).toBe(200);
    expect(predicted.json.output.values[0]).toBeCloseTo(1, 4);
  });

  it.skipIf(skipWithoutSharedImagenet())('classifies a photo on the image model worker thread', async () => {
    const photo = await readFile(houseFinch().path);
    const classified = await postJson(`${server.apiUrl}/v1/models/mobilenetv2/predict`, { image: photo.toString('base64'), topK: 1 });
    expect(classified.status).toBe(200);
    expect(classified.json.output.labels[0].label).toBe('house finch');
  });

  // With production's 128 KiB mmap threshold, a MobileNetV2 run that asks malloc for its intermediate tensors gets fresh
  // mappings and faults ~7,900 pages in per photo; with the image model's memory arena the server faulted ~375 per
  // photo (decoding included). A count, not a timing: it fails when the arena is lost, whatever the machine's speed.
  it.skipIf(skipWithoutSharedImagenet())('classifies photos without faulting in a new working set each time', async () => {
    const photos = await Promise.all(sharedPhotos().filter((_, index) => index % 50 === 0).slice(0, 12).map((photo) => readFile(photo.path)));
    const classify = async (photo: Buffer) => {
      const classified = await postJson(`${server.apiUrl}/v1/models/mobilenetv2/predict`, { image: photo.toString('base64'), topK: 1 });
      expect(classified.status).toBe(200);
    };
    for (const photo of photos.slice(0, 4)) await classify(photo);
    const before = await minorPageFaultsOf(server.pid);
    for (const photo of photos.slice(4)) await classify(photo);
    const perPhoto = ((await minorPageFaultsOf(server.pid)) - before) / (photos.length - 4);
    expect(perPhoto).toBeLessThan(2_500);
  });

  it('stops cleanly on SIGTERM', async () => {
    exitCode = await server.stop();
    expect(exitCode).toBe(0);
  });
});
