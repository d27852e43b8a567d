import path from 'node:path';
import type { ModelDescriptor, PredictionInput, PredictOptions } from '../../../lib/contract';
import { createSentimentReader } from '../../../lib/featurize/sentiment-reader';
import { SENTIMENT_FEATURE_SIZE } from '../../../lib/featurize/text';
import { ModelWireError, invalidInput } from '../../../lib/model-wire-error';
import type { InferenceBackend } from '../../backends/inference-backend';
import { builtinRemoteRunner, remoteAvailability } from '../../backends/remote-graph';
import { loadOnnxSession, runStackedRows } from '../../core/onnx-session';
import type { RawTensorRunner, RawTensorSignature } from '../../core/raw-tensor-inference';
import { JSON_CONTENT_TYPE, ONNX_CONTENT_TYPE, type ModelAnswer, type ServedModel } from '../../core/served-model';
import { readSentimentArtifacts, sentimentPaths, type SentimentArtifacts } from './sentiment-artifacts';
import { createSparseRowLender } from './sparse-row-lender';

export const SENTIMENT_MODEL_NAME = 'sentiment';
export const SENTIMENT_BUILD_COMMAND = 'npm run models:build';
export const MAX_SENTIMENT_TEXT_LENGTH = 10_000;

/** The text a request may be scored on, or invalid_input saying why not. */
function validText(input: PredictionInput): string {
  if (input.kind !== 'text') {
    throw invalidInput(`Model "${SENTIMENT_MODEL_NAME}" takes text ({ kind: 'text', text }), not ${input.kind}.`);
  }
  const text: unknown = input.text;
  if (typeof text !== 'string') throw invalidInput('"text" must be a string.');
  if (text.trim() === '') throw invalidInput('"text" is empty; send a sentence to score.');
  if (text.length > MAX_SENTIMENT_TEXT_LENGTH) {
    throw invalidInput(`"text" has ${text.length} characters; the limit is ${MAX_SENTIMENT_TEXT_LENGTH}.`, {
      maxLength: MAX_SENTIMENT_TEXT_LENGTH,
    });
  }
  return text;
}

async function readBuiltModel(dataDir: string): Promise<SentimentArtifacts> {
  try {
    return await readSentimentArtifacts(dataDir);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ModelWireError(
      'not_installed',
      `The sentiment model is not built (${reason}). Build it with \`${SENTIMENT_BUILD_COMMAND}\`.`,
      { model: SENTIMENT_MODEL_NAME, installCommand: SENTIMENT_BUILD_COMMAND },
      { cause: error },
    );
  }
}

/** The graph in this process: onnxruntime, which has only the version built into DATA_DIR. */
async function localGraph(onnx: Uint8Array, signature: RawTensorSignature, version: number): Promise<RawTensorRunner> {
  const session = await loadOnnxSession(onnx);
  return {
    ...signature,
    async run(items, wanted) {
      if (wanted !== undefined && wanted !== version) {
        throw new ModelWireError('not_found', `Model "${SENTIMENT_MODEL_NAME}" has no version ${wanted}; it has ${version}.`, { model: SENTIMENT_MODEL_NAME, versions: [version] });
      }
      return { version, ...(await runStackedRows(session, signature, items)) };
    },
  };
}

/**
 * The sentiment classifier from `${dataDir}/sentiment/`: its graph run by onnxruntime here, or by `backend` when given
 * (the featurising and the reading of the probabilities stay here). Build it first (ensureSentimentModel).
 */
export async function createSentimentModel(dataDir: string, backend?: InferenceBackend): Promise<ServedModel> {
  const { onnx, sidecar } = await readBuiltModel(dataDir);
  const signature: RawTensorSignature = {
    input: { name: sidecar.inputName, itemDims: [SENTIMENT_FEATURE_SIZE] },
    output: { name: sidecar.outputName, itemDims: [sidecar.classes.length] },
  };
  const graph = backend ? builtinRemoteRunner({ backend, model: SENTIMENT_MODEL_NAME, signature }) : await localGraph(onnx, signature, sidecar.version);
  const reader = createSentimentReader(sidecar);
  // Rows for 16 calls at once (4 MiB) stay allocated: with only 4 kept, 8 calls in flight still made rows anew.
  const rows = createSparseRowLender(SENTIMENT_FEATURE_SIZE, 16);
  const { version } = sidecar;
  const paths = sentimentPaths(dataDir);

  const descriptor: ModelDescriptor = {
    name: SENTIMENT_MODEL_NAME,
    kind: 'text-sentiment',
    input: 'text',
    description: `English sentence sentiment (positive / neutral / negative): logistic regression over hashed word and character n-grams plus AFINN lexicon features, trained by ModelWire on ${sidecar.training.samples} labelled Amazon, IMDb and Yelp review sentences.`,
    status: 'ready',
    version,
    versions: [version],
    classCount: sidecar.classes.length,
    sha256: sidecar.sha256,
    trainable: false,
  };

  return {
    name: SENTIMENT_MODEL_NAME,
    describe: () => ({ ...descriptor, versions: [...descriptor.versions], ...(backend && remoteAvailability(backend, SENTIMENT_MODEL_NAME)) }),
    rawTensors: graph,
    artifacts: () => [
      { file: path.basename(paths.model), role: 'model', path: paths.model, contentType: ONNX_CONTENT_TYPE },
      { file: path.basename(paths.sidecar), role: 'sidecar', path: paths.sidecar, contentType: JSON_CONTENT_TYPE },
    ],
    async predict(input: PredictionInput, options: PredictOptions): Promise<ModelAnswer> {
      const text = validText(input);
      const preprocessStarted = performance.now();
      const prepared = reader.prepareSparse(text);
      const preprocessMs = performance.now() - preprocessStarted;

      const answer = await rows.withRow(prepared, (row) => graph.run([row], options.version));
      const reading = reader.read(answer.outputs[0]!, prepared);
      return { version: answer.version, output: { kind: 'sentiment', ...reading }, inferenceMs: answer.inferenceMs, preprocessMs };
    },
  };
}
