import { execFile } from 'node:child_process';
import { cp, mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { makeTempDir } from '../support/start-api';
import { filesUnder } from './repository-check';

// `npm run models:export-repository` as a user runs it: its own process, settings from the environment.

const root = path.resolve(import.meta.dirname, '../..');
let dataDir = '';
let modelsDir = '';
let outDir = '';

function runExport(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const env = { ...process.env, DATA_DIR: dataDir, MODELS_DIR: modelsDir, MAX_BATCH_SIZE: '16', MAX_QUEUE_DELAY_MICROSECONDS: '500' };
    execFile(process.execPath, ['--import', 'tsx', 'scripts/models-export-repository.ts', ...args], { cwd: root, env }, (error, stdout, stderr) =>
      resolve({ code: typeof error?.code === 'number' ? error.code : error ? 1 : 0, stdout, stderr }),
    );
  });
}

beforeAll(async () => {
  [dataDir, modelsDir, outDir] = await Promise.all([makeTempDir('cli-data'), makeTempDir('cli-models-empty'), makeTempDir('cli-out')]);
  await cp(path.join(inject('prebuiltDataDir'), 'sentiment'), path.join(dataDir, 'sentiment'), { recursive: true });
});

afterAll(() => Promise.all([dataDir, modelsDir, outDir].map((dir) => rm(dir, { recursive: true, force: true }))));

describe('npm run models:export-repository', () => {
  it('without a folder prints the usage and exits 2', async () => {
    const { code, stderr } = await runExport([]);
    expect(code).toBe(2);
    expect(stderr).toContain('usage: npm run models:export-repository -- <dir> [--force]');
  });

  it('refuses a folder that is not empty, and with --force writes the models, skipping MobileNetV2 with its install command', async () => {
    const target = path.join(outDir, 'repository');
    await mkdir(target);
    await writeFile(path.join(target, 'notes.txt'), 'mine');

    const refused = await runExport([target]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/exists and is not empty.*--force/);
    expect(await filesUnder(target)).toEqual(['notes.txt']);

    const forced = await runExport([target, '--force']);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toMatch(/^mobilenetv2: skipped, not installed: .*`npm run models:fetch`$/m);
    expect(forced.stdout).toMatch(/^sentiment: version 1, .* max_batch_size 16$/m);
    expect(forced.stdout).toContain(`Model repository written to ${target} (1 model, 1 skipped).`);
    expect(await filesUnder(target)).toEqual(['README.txt', 'notes.txt', 'sentiment/1/model.onnx', 'sentiment/config.pbtxt']);
  });
});
