import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildSentimentModel, createSentimentModel, ensureSentimentModel, sentimentPaths } from './index';

const dirs: string[] = [];
const freshDir = async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'modelwire-build-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

describe('building the sentiment model', () => {
  it('is reproducible: two builds give byte-identical ONNX files', async () => {
    const [first, second] = [await freshDir(), await freshDir()];
    const a = await buildSentimentModel(first);
    const b = await buildSentimentModel(second);
    const [bytesA, bytesB] = await Promise.all([readFile(a.modelPath), readFile(b.modelPath)]);
    expect(bytesA.equals(bytesB)).toBe(true);
    expect(a.sha256).toBe(b.sha256);
    expect(a.samples).toBe(3000);
    // Only the two files remain: temporary files were renamed into place.
    expect((await readdir(sentimentPaths(first).dir)).sort()).toEqual(['sentiment.json', 'sentiment.onnx']);
  });

  it('ensureSentimentModel builds only when the model is missing, stale or damaged', async () => {
    const dir = await freshDir();
    expect((await ensureSentimentModel(dir)).built).toBe(true);
    const again = await ensureSentimentModel(dir);
    expect(again.built).toBe(false);

    const { model, sidecar } = sentimentPaths(dir);
    await writeFile(model, 'half a model');
    const repaired = await ensureSentimentModel(dir);
    expect(repaired).toMatchObject({ built: true, sha256: again.sha256 });

    const json = JSON.parse(await readFile(sidecar, 'utf8'));
    await writeFile(sidecar, JSON.stringify({ ...json, featurizer: { id: 'an-older-featurizer', featureSize: 10 } }));
    expect((await ensureSentimentModel(dir)).built).toBe(true);
  });

  it('rebuilds a format 1 build (known-word bitset, no opinion words), which the server would refuse to load', async () => {
    const dir = await freshDir();
    await ensureSentimentModel(dir);
    const { sidecar } = sentimentPaths(dir);
    const { opinionWords, ...current } = JSON.parse(await readFile(sidecar, 'utf8'));
    expect(opinionWords.length).toBeGreaterThan(100);
    await writeFile(sidecar, JSON.stringify({ ...current, format: 1, knownWords: 'AAAA' }));
    await expect(createSentimentModel(dir)).rejects.toMatchObject({ code: 'not_installed', message: expect.stringMatching(/format 1.*format 2; rebuild/) });

    expect((await ensureSentimentModel(dir)).built).toBe(true);
    expect(JSON.parse(await readFile(sidecar, 'utf8'))).toMatchObject({ format: 2, opinionWords });
    await expect(createSentimentModel(dir)).resolves.toMatchObject({ name: 'sentiment' });
  });
});
