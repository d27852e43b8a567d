import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createSentimentReader } from '../../lib/featurize/sentiment-reader';
import { SENTIMENT_FEATURE_SIZE } from '../../lib/featurize/text';
import { createLinearModels } from '../../server/models/linear/linear-models';
import { MAX_TRAINING_VALUES } from '../../server/models/linear/validate-training-data';
import { createSentimentModel } from '../../server/models/sentiment';
import { readSentimentArtifacts } from '../../server/models/sentiment/sentiment-artifacts';
import { exportModelRepository, RepositoryTargetError, type ExportRepositoryOptions } from '../../server/model-repository/export-model-repository';
import { EXACT_X, EXACT_Y } from '../support/linear-fixture';
import { makeTempDir } from '../support/start-api';
import { configTensors, filesUnder, messageField, only, readConfig, runExported } from './repository-check';

const LINEAR = 'houses';
/** Versions 2 and 3 of the linear model have three features where version 1 has two: y = x1 + 2·x2 − x3 + 0.5. */
const WIDER_X = [[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 1, 1], [2, 0, 1], [0.5, 3, -1]];
const WIDER_Y = WIDER_X.map(([a, b, c]) => a! + 2 * b! - c! + 0.5);
const SENTENCES = ['I love machine learning!', 'This was a terrible waste of money.', 'The package arrived on Tuesday.'];
const enumValue = (name: string) => ({ enum: name });

let dataDir = '';
let emptyModelsDir = '';
let workDir = '';

function exportOptions(target: string, overrides: Partial<ExportRepositoryOptions> = {}): ExportRepositoryOptions & { lines: string[] } {
  const lines: string[] = [];
  return {
    target,
    force: false,
    dataDir,
    modelsDir: emptyModelsDir,
    maxImagePixels: 40_000_000,
    maxBatchSize: 8,
    maxQueueDelayMicroseconds: 250,
    warn: (line) => lines.push(line),
    log: (line) => lines.push(line),
    lines,
    ...overrides,
  };
}

beforeAll(async () => {
  [dataDir, emptyModelsDir, workDir] = await Promise.all([makeTempDir('export-data'), makeTempDir('export-models'), makeTempDir('export-out')]);
  await cp(path.join(inject('prebuiltDataDir'), 'sentiment'), path.join(dataDir, 'sentiment'), { recursive: true });
  const linear = await createLinearModels(dataDir, { trainingConcurrency: 1, trainingQueue: 2, maxVersionsPerModel: 5, warn: () => undefined });
  await linear.train(LINEAR, { X: EXACT_X, y: EXACT_Y });
  await linear.train(LINEAR, { X: WIDER_X, y: WIDER_Y });
  await linear.train(LINEAR, { X: WIDER_X, y: WIDER_Y, ridge: 0.5 });
});

afterAll(() => Promise.all([dataDir, emptyModelsDir, workDir].map((dir) => rm(dir, { recursive: true, force: true }))));

describe('exportModelRepository without MobileNetV2 installed', () => {
  let repository = '';
  let lines: string[] = [];
  let sentimentVersion = 0;

  beforeAll(async () => {
    repository = path.join(workDir, 'repository');
    const options = exportOptions(repository);
    const summary = await exportModelRepository(options);
    lines = options.lines;
    sentimentVersion = (await readSentimentArtifacts(dataDir)).sidecar.version;
    expect(summary.written).toEqual([
      { name: 'sentiment', versions: [sentimentVersion] },
      { name: LINEAR, versions: [2, 3] },
    ]);
  });

  it('writes <model>/config.pbtxt and <model>/<version>/model.onnx for sentiment and the linear versions, and a README', async () => {
    expect(await filesUnder(repository)).toEqual([
      'README.txt',
      `${LINEAR}/2/model.onnx`,
      `${LINEAR}/3/model.onnx`,
      `${LINEAR}/config.pbtxt`,
      `sentiment/${sentimentVersion}/model.onnx`,
      'sentiment/config.pbtxt',
    ]);
    const readme = await readFile(path.join(repository, 'README.txt'), 'utf8');
    expect(readme).toContain(`features       FP32  [N, ${SENTIMENT_FEATURE_SIZE}]`);
    expect(readme).toContain('Takes featurised text, not text');
    expect(readme).toMatch(/mobilenetv2: .*npm run models:fetch/);
    expect(readme).toContain(`${LINEAR} v1: its graph (features float32 [N, 2] -> prediction float32 [N, 1]) differs`);
  });

  it('skips MobileNetV2 with its install command and a version with other tensors than the latest, and prints a line per model', () => {
    expect(lines).toEqual([
      expect.stringMatching(/^mobilenetv2: skipped, not installed: .*mobilenetv2-12-int8\.onnx.*`npm run models:fetch`$/),
      expect.stringMatching(new RegExp(`^sentiment: version ${sentimentVersion}, features float32 \\[N, ${SENTIMENT_FEATURE_SIZE}\\] -> probabilities float32 \\[N, 2\\], max_batch_size 8$`)),
      `${LINEAR} v1: skipped, its graph (features float32 [N, 2] -> prediction float32 [N, 1]) differs from the latest version's; one Triton config serves all versions of a model`,
      `${LINEAR}: versions 2, 3, features float32 [N, 3] -> prediction float32 [N, 1], max_batch_size ${Math.floor(MAX_TRAINING_VALUES / 3)}`,
    ]);
  });

  it('declares the sentiment graph to Triton: batched, FP32 features in, probabilities out, one version', async () => {
    const config = await readConfig(repository, 'sentiment');
    expect(only(config, 'name')).toBe('sentiment');
    expect(only(config, 'platform')).toBe('onnxruntime_onnx');
    expect(only(config, 'max_batch_size')).toBe(8);
    expect(configTensors(config, 'input')).toEqual([{ name: 'features', dataType: enumValue('TYPE_FP32'), dims: [SENTIMENT_FEATURE_SIZE], reshape: undefined }]);
    expect(configTensors(config, 'output')).toEqual([{ name: 'probabilities', dataType: enumValue('TYPE_FP32'), dims: [2], reshape: undefined }]);
    expect(config.version_policy).toBeUndefined();
    expect(only(messageField(config, 'dynamic_batching'), 'max_queue_delay_microseconds')).toBe(250);
  });

  it('declares the linear versions in one config that serves all of them, dims as their graphs have them', async () => {
    const config = await readConfig(repository, LINEAR);
    expect(only(config, 'name')).toBe(LINEAR);
    expect(only(config, 'max_batch_size')).toBe(Math.floor(MAX_TRAINING_VALUES / 3));
    expect(configTensors(config, 'input')).toEqual([{ name: 'features', dataType: enumValue('TYPE_FP32'), dims: [3], reshape: undefined }]);
    expect(configTensors(config, 'output')).toEqual([{ name: 'prediction', dataType: enumValue('TYPE_FP32'), dims: [1], reshape: undefined }]);
    expect(only(config, 'version_policy')).toEqual({ all: [{}] });
  });

  it('exports a sentiment graph that answers, from ModelWire\'s featurised text, what ModelWire answers', async () => {
    const served = await createSentimentModel(dataDir);
    const reader = createSentimentReader((await readSentimentArtifacts(dataDir)).sidecar);
    const file = path.join(repository, 'sentiment', String(sentimentVersion), 'model.onnx');
    const prepared = SENTENCES.map((text) => reader.prepare(text));
    for (const [index, text] of SENTENCES.entries()) {
      const outputs = await runExported(file, { features: new ort.Tensor('float32', prepared[index]!.features, [1, SENTIMENT_FEATURE_SIZE]) });
      const answer = await served.predict({ kind: 'text', text }, {});
      expect({ kind: 'sentiment', ...reader.read(outputs.probabilities!.data as Float32Array, prepared[index]!) }).toEqual(answer.output);
    }
    // Batched as Triton's dynamic batcher would stack them: each row's probabilities match the single run's.
    const stacked = new Float32Array(SENTENCES.length * SENTIMENT_FEATURE_SIZE);
    prepared.forEach((row, index) => stacked.set(row.features, index * SENTIMENT_FEATURE_SIZE));
    const batch = (await runExported(file, { features: new ort.Tensor('float32', stacked, [SENTENCES.length, SENTIMENT_FEATURE_SIZE]) })).probabilities!;
    expect(batch.dims).toEqual([SENTENCES.length, 2]);
    for (const [index, row] of prepared.entries()) {
      const single = (await runExported(file, { features: new ort.Tensor('float32', row.features, [1, SENTIMENT_FEATURE_SIZE]) })).probabilities!.data as Float32Array;
      expect(Array.from((batch.data as Float32Array).slice(2 * index, 2 * index + 2))).toEqual(Array.from(single).map((value) => expect.closeTo(value, 6)));
    }
  });

  it('exports each linear version so that it answers what ModelWire answers for that version', async () => {
    const served = (await createLinearModels(dataDir, { trainingConcurrency: 1, trainingQueue: 1, maxVersionsPerModel: 5 })).get(LINEAR);
    for (const [version, rows] of [[2, [[1, 2, 3], [0, -4, 0.5]]], [3, [[1, 2, 3], [0, -4, 0.5], [7, 0, 0]]]] as const) {
      const features = Float32Array.from(rows.flat());
      const outputs = await runExported(path.join(repository, LINEAR, String(version), 'model.onnx'), {
        features: new ort.Tensor('float32', features, [rows.length, rows[0]!.length]),
      });
      const answer = await served.predict({ kind: 'features', rows: rows.map((row) => [...row]) }, { version });
      expect(answer.output).toEqual({ kind: 'regression', values: Array.from(outputs.prediction!.data as Float32Array) });
      expect(outputs.prediction!.dims).toEqual([rows.length, 1]);
    }
  });
});

describe('exportModelRepository into a folder that is not empty', () => {
  it('refuses without force and changes nothing; with force replaces the models it writes and keeps the rest', async () => {
    const target = path.join(workDir, 'busy');
    await mkdir(path.join(target, 'sentiment', '7'), { recursive: true });
    await writeFile(path.join(target, 'sentiment', '7', 'model.onnx'), 'stale');
    await mkdir(path.join(target, 'someone-elses-model'));
    await writeFile(path.join(target, 'someone-elses-model', 'config.pbtxt'), 'name: "someone-elses-model"\n');
    const before = await filesUnder(target);

    await expect(exportModelRepository(exportOptions(target))).rejects.toThrow(RepositoryTargetError);
    await expect(exportModelRepository(exportOptions(target))).rejects.toThrow(/not empty.*--force/);
    expect(await filesUnder(target)).toEqual(before);

    await exportModelRepository(exportOptions(target, { force: true }));
    const after = await filesUnder(target);
    expect(after).toContain('someone-elses-model/config.pbtxt');
    expect(after.filter((file) => file.startsWith('sentiment/'))).toEqual(['sentiment/1/model.onnx', 'sentiment/config.pbtxt']);
    expect(after).not.toContain('sentiment/7/model.onnx');
    expect(after).toContain(`${LINEAR}/3/model.onnx`);
    expect((await filesUnder(workDir)).filter((file) => file.includes('.tmp-'))).toEqual([]);
  });

  it('refuses a target that is a file', async () => {
    const file = path.join(workDir, 'a-file');
    await writeFile(file, 'not a folder');
    await expect(exportModelRepository(exportOptions(file, { force: true }))).rejects.toThrow(/is a file, not a folder/);
  });
});
