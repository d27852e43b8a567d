import { mkdir, mkdtemp, readdir, readFile, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describeSignature, readOnnxSignature, type GraphSignature } from './onnx-signature';
import { collectRepositoryModels, type RepositoryModel, type RepositorySources, type SkippedModel } from './repository-models';
import { progressLine, README_FILE, repositoryReadme, type WrittenModel } from './repository-readme';
import { formatConfigPbtxt, tritonModelConfig } from './triton-config';

export const CONFIG_FILE = 'config.pbtxt';
export const MODEL_FILE = 'model.onnx';

/** The target folder cannot take the repository (it holds something else, or is a file). */
export class RepositoryTargetError extends Error {}

export interface ExportRepositoryOptions extends RepositorySources {
  /** The repository folder: created, or filled when empty. */
  target: string;
  /** Writes into a non-empty folder, replacing the folders of the models it writes and README.txt, and nothing else. */
  force: boolean;
  /** MAX_QUEUE_DELAY_MICROSECONDS, carried over to Triton's dynamic batcher. */
  maxQueueDelayMicroseconds: number;
  /** One line per model written or skipped. */
  log: (line: string) => void;
}

export interface ExportSummary {
  target: string;
  written: Array<{ name: string; versions: number[] }>;
  skipped: SkippedModel[];
}

type TargetState = 'absent' | 'empty' | 'full';

async function targetState(target: string): Promise<TargetState> {
  try {
    return (await readdir(target)).length === 0 ? 'empty' : 'full';
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'absent';
    if (code === 'ENOTDIR') throw new RepositoryTargetError(`${target} is a file, not a folder.`);
    throw error;
  }
}

interface ModelWriting {
  written: WrittenModel;
  /** Older versions whose tensors differ from the latest's (a linear model retrained on another number of features). */
  skipped: SkippedModel[];
}

/**
 * Copies each version's ONNX file and writes the config.pbtxt read from the graph itself. One config serves every
 * version of a Triton model, and Triton refuses a config whose dims do not match a version's graph, so only the
 * versions with the latest version's exact tensors are written.
 */
async function writeModel(root: string, model: RepositoryModel, maxQueueDelayMicroseconds: number): Promise<ModelWriting> {
  const read: Array<{ version: number; onnxPath: string; bytes: Buffer; signature: string; graph: GraphSignature }> = [];
  for (const { version, onnxPath } of model.versions) {
    const bytes = await readFile(onnxPath);
    const graph = await readOnnxSignature(bytes);
    read.push({ version, onnxPath, bytes, graph, signature: describeSignature(graph) });
  }
  const latest = read.at(-1)!;
  const kept = read.filter((entry) => entry.signature === latest.signature);
  const skipped = read
    .filter((entry) => entry.signature !== latest.signature)
    .map((entry) => ({
      name: `${model.name} v${entry.version}`,
      reason: `its graph (${entry.signature}) differs from the latest version's; one Triton config serves all versions of a model`,
    }));
  for (const { version, bytes } of kept) {
    await mkdir(path.join(root, model.name, String(version)), { recursive: true });
    await writeFile(path.join(root, model.name, String(version), MODEL_FILE), bytes);
  }
  const config = tritonModelConfig(model.name, latest.graph, { maxBatchSize: model.maxBatchSize, maxQueueDelayMicroseconds }, kept.length);
  await writeFile(path.join(root, model.name, CONFIG_FILE), formatConfigPbtxt(config));
  const versions = kept.map(({ version, onnxPath }) => ({ version, onnxPath }));
  return { written: { model: { ...model, versions }, config, signature: latest.signature }, skipped };
}

/** Puts the finished repository in place: the whole folder when the target is free, else entry by entry. */
async function moveInto(staging: string, target: string, state: TargetState): Promise<void> {
  if (state === 'empty') await rmdir(target);
  if (state !== 'full') return rename(staging, target);
  for (const entry of await readdir(staging)) {
    await rm(path.join(target, entry), { recursive: true, force: true });
    await rename(path.join(staging, entry), path.join(target, entry));
  }
}

/**
 * Writes a Triton-style model repository of every model ModelWire serves from this DATA_DIR and MODELS_DIR. It is
 * built in a temporary folder beside the target and moved in at the end, so a failure leaves the target as it was.
 */
export async function exportModelRepository(options: ExportRepositoryOptions): Promise<ExportSummary> {
  const target = path.resolve(options.target);
  const state = await targetState(target);
  if (state === 'full' && !options.force) {
    throw new RepositoryTargetError(`${target} exists and is not empty. Pick a new folder, or pass --force to replace the models it writes there.`);
  }
  const { models, skipped } = await collectRepositoryModels(options);
  for (const entry of skipped) options.log(`${entry.name}: skipped, ${entry.reason}`);
  if (models.length === 0) throw new Error(`No model to export: every model was skipped (DATA_DIR ${options.dataDir}, MODELS_DIR ${options.modelsDir}).`);

  await mkdir(path.dirname(target), { recursive: true });
  const staging = await mkdtemp(path.join(path.dirname(target), '.tmp-model-repository-'));
  const written: WrittenModel[] = [];
  try {
    for (const model of models) {
      const writing = await writeModel(staging, model, options.maxQueueDelayMicroseconds);
      for (const entry of writing.skipped) options.log(`${entry.name}: skipped, ${entry.reason}`);
      options.log(progressLine(writing.written));
      written.push(writing.written);
      skipped.push(...writing.skipped);
    }
    await writeFile(path.join(staging, README_FILE), repositoryReadme(written, skipped, new Date()));
    await moveInto(staging, target, state);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return { target, written: written.map(({ model }) => ({ name: model.name, versions: model.versions.map((entry) => entry.version) })), skipped };
}
