import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { TrainRequest } from '../../../lib/contract';
import { ModelWireError } from '../../../lib/model-wire-error';
import { createLinearModels, type LinearModelsOptions } from './linear-models';

const options: LinearModelsOptions = { trainingConcurrency: 1, trainingQueue: 4, maxVersionsPerModel: 3, warn: () => undefined };
const line = (slope: number): TrainRequest => ({ X: [[0], [1], [2]], y: [1, 1 + slope, 1 + 2 * slope] });
const codeOf = (promise: Promise<unknown>) => promise.then(() => 'ok', (error: unknown) => (error as ModelWireError).code);

async function freshDataDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'modelwire-linear-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

describe('linear models', () => {
  it('keeps the newest maxVersionsPerModel versions, in memory and on disk', async () => {
    const dataDir = await freshDataDir();
    const models = await createLinearModels(dataDir, options);
    const shas = new Set<string | undefined>();
    for (let slope = 1; slope <= 5; slope++) {
      await models.train('m', line(slope));
      // Described again after every training: the newest version, the kept ones, and what it was trained on.
      expect(models.get('m').describe()).toMatchObject({ version: slope, versions: [1, 2, 3, 4, 5].slice(Math.max(0, slope - 3), slope) });
      shas.add(models.get('m').describe().sha256);
    }
    expect(shas.size).toBe(5);
    expect((await readdir(path.join(dataDir, 'linear/m'))).sort()).toEqual(['3', '4', '5']);
    expect(await codeOf(models.get('m').predict({ kind: 'features', rows: [[1]] }, { version: 2 }))).toBe('not_found');

    const restarted = await createLinearModels(dataDir, options);
    expect(restarted.get('m').describe().versions).toEqual([3, 4, 5]);
    expect((await restarted.train('m', line(6))).version).toBe(6);
  });

  it('refuses data that overflow, writing nothing', async () => {
    const dataDir = await freshDataDir();
    const models = await createLinearModels(dataDir, options);
    expect(await codeOf(models.train('big', { X: [[1], [2], [3]], y: [1e200, -1e200, 5e199] }))).toBe('invalid_input');
    expect(await codeOf(models.train('big', { X: [[0], [1e-10], [2e-10]], y: [0, 1e30, 2e30] }))).toBe('invalid_input');
    expect(models.has('big')).toBe(false);
    expect(await readdir(dataDir)).toEqual([]);
  });

  it('refuses a prediction that is not finite, naming the row', async () => {
    const dataDir = await freshDataDir();
    const models = await createLinearModels(dataDir, options);
    await models.train('steep', { X: [[0], [1], [2]], y: [0, 1e30, 2e30] });
    const steep = models.get('steep');
    expect((await steep.predict({ kind: 'features', rows: [[1]] }, {})).output).toMatchObject({ kind: 'regression' });
    const overflow = await steep.predict({ kind: 'features', rows: [[1], [1e10]] }, {}).catch((error: ModelWireError) => error);
    expect(overflow).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('features[1]') });
    expect(await codeOf(steep.predict({ kind: 'features', rows: [[1e308]] }, {}))).toBe('invalid_input');
  });

  it('answers overloaded at once when the queue is full', async () => {
    const dataDir = await freshDataDir();
    const models = await createLinearModels(dataDir, { ...options, trainingQueue: 1, maxVersionsPerModel: 10 });
    const codes = await Promise.all(Array.from({ length: 5 }, (_, i) => codeOf(models.train('q', line(i + 1)))));
    expect(codes).toEqual(['ok', 'ok', 'overloaded', 'overloaded', 'overloaded']);
    expect(models.get('q').describe().versions).toEqual([1, 2]);
  });
});
