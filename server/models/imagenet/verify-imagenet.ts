import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { loadOnnxSession } from '../../core/onnx-session';
import { IMAGENET_INSTALL_COMMAND, IMAGENET_LABELS, IMAGENET_MODEL, type ModelFile } from './imagenet-files';

export type TensorShape = ReadonlyArray<number | string>;

export interface ImagenetVerification {
  model: { path: string; sha256: string; bytes: number };
  labels: { path: string; sha256: string; bytes: number; count: number };
  input: { name: string; shape: TensorShape };
  output: { name: string; shape: TensorShape };
}

const CLASS_COUNT = 1000;
const fixHint = `delete it and run \`${IMAGENET_INSTALL_COMMAND}\``;

export async function sha256OfFile(filePath: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(filePath), hash);
  return hash.digest('hex');
}

/** Checks the ImageNet model and labels: pinned hashes, 1000 labels, and a model onnxruntime loads with the expected shapes. */
export async function verifyImagenetFiles(files: { modelPath: string; labelsPath: string }): Promise<ImagenetVerification> {
  const model = await checkPinnedHash(files.modelPath, IMAGENET_MODEL);
  const labels = await checkPinnedHash(files.labelsPath, IMAGENET_LABELS);
  const count = await checkLabels(files.labelsPath);
  const { input, output } = await checkModelSignature(files.modelPath);
  return { model, labels: { ...labels, count }, input, output };
}

async function checkPinnedHash(filePath: string, file: ModelFile) {
  const stat = await fs.stat(filePath).catch((error: NodeJS.ErrnoException) => {
    throw new Error(`${file.fileName} not readable at ${filePath} (${error.code ?? error.message}) — run \`${IMAGENET_INSTALL_COMMAND}\``);
  });
  const sha256 = await sha256OfFile(filePath);
  if (sha256 !== file.sha256) {
    throw new Error(
      `${file.fileName} at ${filePath} has the wrong SHA-256: expected ${file.sha256}, got ${sha256} ` +
        `(${stat.size} bytes, expected about ${file.approxBytes}) — the file is corrupt, truncated or a different version; ${fixHint}`,
    );
  }
  return { path: filePath, sha256, bytes: stat.size };
}

async function checkLabels(labelsPath: string): Promise<number> {
  let labels: unknown;
  try {
    labels = JSON.parse(await fs.readFile(labelsPath, 'utf8'));
  } catch (error) {
    throw new Error(`${IMAGENET_LABELS.fileName} at ${labelsPath} is not valid JSON (${(error as Error).message}); ${fixHint}`);
  }
  if (!Array.isArray(labels) || labels.length !== CLASS_COUNT) {
    const found = Array.isArray(labels) ? `an array of ${labels.length}` : typeof labels;
    throw new Error(`${IMAGENET_LABELS.fileName} at ${labelsPath} must be a JSON array of ${CLASS_COUNT} labels, found ${found}; ${fixHint}`);
  }
  const bad = labels.findIndex((label) => typeof label !== 'string' || label.trim() === '');
  if (bad >= 0) {
    throw new Error(`${IMAGENET_LABELS.fileName} at ${labelsPath}: label ${bad} is not a non-empty string; ${fixHint}`);
  }
  return labels.length;
}

async function checkModelSignature(modelPath: string) {
  const session = await loadOnnxSession(modelPath).catch((error: Error) => {
    throw new Error(`${IMAGENET_MODEL.fileName} at ${modelPath} does not load in onnxruntime (${error.message}); ${fixHint}`);
  });
  try {
    const [input, ...extraInputs] = session.inputMetadata;
    const [output, ...extraOutputs] = session.outputMetadata;
    const describe = (what: string, expected: string, found: string) =>
      new Error(`${IMAGENET_MODEL.fileName} at ${modelPath}: expected ${what} ${expected}, found ${found}; ${fixHint}`);
    if (!input?.isTensor || extraInputs.length > 0 || input.type !== 'float32' || !matches(input.shape, [3, 224, 224])) {
      throw describe('one float32 input shaped', '[N,3,224,224]', signature(session.inputMetadata));
    }
    if (!output?.isTensor || extraOutputs.length > 0 || !matches(output.shape, [CLASS_COUNT])) {
      throw describe('one output shaped', `[N,${CLASS_COUNT}]`, signature(session.outputMetadata));
    }
    return { input: { name: input.name, shape: input.shape }, output: { name: output.name, shape: output.shape } };
  } finally {
    await session.release();
  }
}

/** True when the shape is [batch, ...rest]; the batch dimension may be symbolic or any number. */
function matches(shape: TensorShape, rest: number[]): boolean {
  return shape.length === rest.length + 1 && rest.every((dim, index) => shape[index + 1] === dim);
}

function signature(values: ReadonlyArray<{ name: string; isTensor: boolean; type?: string; shape?: TensorShape }>): string {
  if (values.length === 0) return 'none';
  return values.map((value) => (value.isTensor ? `${value.name}: ${value.type} [${value.shape?.join(',')}]` : `${value.name}: not a tensor`)).join('; ');
}
