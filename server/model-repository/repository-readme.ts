import type { RepositoryModel, SkippedModel } from './repository-models';
import type { TritonModelConfig, TritonTensorConfig } from './triton-config';

export const README_FILE = 'README.txt';

export interface WrittenModel {
  /** With the versions written. */
  model: RepositoryModel;
  config: TritonModelConfig;
  /** The graph's tensors in one line (describeSignature). */
  signature: string;
}

/** A tensor's shape as a request sends it: N for the batch, ? for a size given at run time. */
function requestShape(tensor: TritonTensorConfig, batched: boolean): string {
  const dims = (tensor.reshape ?? tensor.dims).map((dim) => (dim < 0 ? '?' : String(dim)));
  return `[${(batched ? ['N', ...dims] : dims).join(', ')}]`;
}

/** Words of `text` in lines of at most `width` characters, each indented by `indent`. */
function wrapped(text: string, indent: string, width = 112): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && indent.length + line.length + 1 + word.length > width) {
      lines.push(indent + line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  return line ? [...lines, indent + line] : lines;
}

const dataTypeName = (tensor: TritonTensorConfig) => tensor.dataType.replace(/^TYPE_/, '');

function tensorLines(direction: 'input' | 'output', tensors: TritonTensorConfig[], batched: boolean): string[] {
  return tensors.map((tensor) => `  ${direction.padEnd(6)} ${tensor.name.padEnd(14)} ${dataTypeName(tensor).padEnd(5)} ${requestShape(tensor, batched)}`);
}

function modelSection({ model, config }: WrittenModel): string[] {
  const batched = config.maxBatchSize > 0;
  const versions = model.versions.map((entry) => entry.version).join(', ');
  return [
    `${model.name}  (version${model.versions.length > 1 ? 's' : ''} ${versions})`,
    ...tensorLines('input', config.inputs, batched),
    ...tensorLines('output', config.outputs, batched),
    `  ${batched ? `N is the batch, at most ${config.maxBatchSize} per request (max_batch_size).` : 'No batch dimension (max_batch_size 0).'}`,
    ...wrapped(model.about, '  '),
    '',
  ];
}

/** The repository's README.txt: what each graph takes and gives, and how to serve it. */
export function repositoryReadme(written: WrittenModel[], skipped: SkippedModel[], writtenAt: Date): string {
  return [
    `ModelWire model repository, written by \`npm run models:export-repository\` on ${writtenAt.toISOString()}.`,
    '',
    'Layout: <model>/config.pbtxt and <model>/<version>/model.onnx, a model repository for NVIDIA Triton Inference',
    "Server's ONNX Runtime backend (platform onnxruntime_onnx); KServe serves it through its Triton runtime.",
    'Version folders are the version numbers ModelWire gives its models.',
    '',
    'The graphs take tensors, not text or image files: ModelWire featurises text and preprocesses images itself and',
    'sends the backend raw tensors (INFERENCE_BACKEND=oip+grpc://host:port). Step by step: docs/serving/triton.md.',
    '',
    ...written.flatMap(modelSection),
    ...(skipped.length > 0 ? ['Not exported:', ...skipped.map((entry) => `  ${entry.name}: ${entry.reason}`), ''] : []),
  ].join('\n');
}

/** One progress line: the model, its versions and its tensors as the graph declares them. */
export function progressLine({ model, config, signature }: WrittenModel): string {
  const versions = model.versions.map((entry) => entry.version).join(', ');
  return `${model.name}: version${model.versions.length > 1 ? 's' : ''} ${versions}, ${signature}, max_batch_size ${config.maxBatchSize}`;
}
