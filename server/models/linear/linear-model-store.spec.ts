import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { createLinearModelStore } from './linear-model-store';

const draft = (name: string, version: number) => ({
  name,
  version,
  featureCount: 1,
  coefficients: [2],
  intercept: 1,
  ridge: 0,
  r2: 1,
  samples: 3,
  trainedAt: new Date(0).toISOString(),
});
const onnx = Uint8Array.of(1, 2, 3);

describe('linear model store', () => {
  let dataDir: string;
  let warnings: string[];
  let store: ReturnType<typeof createLinearModelStore>;
  const linear = (...parts: string[]) => path.join(dataDir, 'linear', ...parts);
  const plant = async (relative: string, content: string) => {
    await mkdir(path.dirname(linear(relative)), { recursive: true });
    await writeFile(linear(relative), content);
  };

  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'modelwire-store-'));
    onTestFinished(() => rm(dataDir, { recursive: true, force: true }));
    warnings = [];
    store = createLinearModelStore(dataDir, (message) => warnings.push(message));
  });

  it('loads nothing, silently, when DATA_DIR/linear does not exist', async () => {
    expect(await store.loadAll()).toEqual([]);
    expect(warnings).toEqual([]);
  });

  it('skips every unreadable version and stray entry with a warning naming the path, and loads the rest', async () => {
    await store.save(draft('good', 1), onnx);
    await plant('.DS_Store', 'junk');
    await plant('good/notes.txt', 'junk');
    await plant('good/2/model.json', '');
    await plant('good/3/model.json', '{}');
    await plant('good/4/model.json', 'garbage{');
    await mkdir(linear('good/5'), { recursive: true });
    await plant('good/6/model.json', JSON.stringify({ ...draft('good', 6), r2: null, sha256: '0'.repeat(64) }));
    await plant('good/7/model.json', `${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    await store.save(draft('good', 8), onnx);
    await writeFile(linear('good/8/model.onnx'), 'tampered');
    await plant('bad name/1/model.json', '{}');

    const loaded = await store.loadAll();
    expect(loaded.map((record) => `${record.name}@${record.version}`)).toEqual(['good@1']);
    const skipped = ['.DS_Store', 'good/notes.txt', 'good/2', 'good/3', 'good/4', 'good/5', 'good/6', 'good/7', 'good/8', 'bad name'];
    for (const entry of skipped) expect(warnings.some((warning) => warning.includes(`${linear(entry)}:`))).toBe(true);
    expect(warnings).toHaveLength(skipped.length);
    expect(await store.nextVersion('good')).toBe(9);
  });

  it('sweeps temporary folders left by a crash', async () => {
    await mkdir(linear('m', '.tmp-123-abc'), { recursive: true });
    await store.loadAll();
    expect(await readdir(linear('m'))).toEqual([]);
    expect(warnings).toEqual([]);
  });

  it('refuses to write a record it could not read back', async () => {
    await expect(store.save({ ...draft('m', 1), r2: Number.NaN }, onnx)).rejects.toThrow(/finite r2/);
    await expect(store.save({ ...draft('m', 1), coefficients: [1e39] }, onnx)).rejects.toThrow(/float32 coefficients/);
    expect(await store.nextVersion('m')).toBe(1);
  });

  it('removes a version', async () => {
    await store.save(draft('m', 1), onnx);
    await store.save(draft('m', 2), onnx);
    await store.remove('m', 1);
    expect(await readdir(linear('m'))).toEqual(['2']);
    expect((await store.loadAll()).map((record) => record.version)).toEqual([2]);
  });
});
