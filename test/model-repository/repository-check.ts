import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import ort from 'onnxruntime-node';
import { parseTextProto, type TextMessage, type TextValue } from './text-proto';

// Reading an exported repository back the way a model server does: the folder tree, config.pbtxt, the ONNX files.

/** Every file under `dir`, as sorted paths relative to it. */
export async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}

export const readConfig = async (repository: string, model: string) => parseTextProto(await readFile(path.join(repository, model, 'config.pbtxt'), 'utf8'));

/** The only value of a field (fails when it is absent or repeated). */
export function only(message: TextMessage, field: string): TextValue {
  const values = message[field];
  if (values?.length !== 1) throw new Error(`expected one "${field}", got ${JSON.stringify(values)}`);
  return values[0]!;
}

export const messageField = (message: TextMessage, field: string) => only(message, field) as TextMessage;

export interface ConfigTensor {
  name: TextValue;
  dataType: TextValue;
  dims: TextValue[] | undefined;
  reshape: TextValue[] | undefined;
}

/** The inputs or outputs of a parsed config, each as { name, dataType, dims, reshape }. */
export function configTensors(config: TextMessage, field: 'input' | 'output'): ConfigTensor[] {
  return (config[field] as TextMessage[]).map((tensor) => ({
    name: only(tensor, 'name'),
    dataType: only(tensor, 'data_type'),
    dims: tensor.dims,
    reshape: tensor.reshape ? (messageField(tensor, 'reshape').shape ?? []) : undefined,
  }));
}

/** Runs an exported model.onnx, loaded with onnxruntime's default options as a model server would, or a session given. */
export async function runExported(model: string | ort.InferenceSession, feeds: Record<string, ort.Tensor>): Promise<Record<string, ort.Tensor>> {
  const session = typeof model === 'string' ? await ort.InferenceSession.create(model) : model;
  try {
    return await session.run(feeds);
  } finally {
    if (typeof model === 'string') await session.release();
  }
}
