import type { ModelRef, PredictionInput } from '../../contract';
import { createSentimentReader } from '../../featurize/sentiment-reader';
import type { SentimentSidecar } from '../../featurize/sentiment-sidecar';
import { SENTIMENT_FEATURE_SIZE } from '../../featurize/text';
import { invalidInput } from '../../model-wire-error';
import type { LocalModel } from './local-run';
import { summarize } from './local-run';
import { createSession, outputFloats, runTimed, type OnnxRuntime } from './onnx-runtime';

/** The server's limit (server/models/sentiment/sentiment-model.ts MAX_SENTIMENT_TEXT_LENGTH). */
const MAX_TEXT_LENGTH = 10_000;

function validText(input: PredictionInput, name: string): string {
  if (input.kind !== 'text') throw invalidInput(`Model "${name}" takes text, not ${input.kind}.`);
  if (input.text.trim() === '') throw invalidInput('"text" is empty; send a sentence to score.');
  if (input.text.length > MAX_TEXT_LENGTH) throw invalidInput(`"text" has ${input.text.length} characters; the limit is ${MAX_TEXT_LENGTH}.`);
  return input.text;
}

/** The sentiment model in this tab: the same featurizer, lexicon and reading of the output as the server. */
export async function createSentimentModel(ort: OnnxRuntime, model: ModelRef, sidecar: SentimentSidecar, onnx: Uint8Array): Promise<LocalModel> {
  const session = await createSession(ort, onnx);
  const reader = createSentimentReader(sidecar);
  const dims = [1, SENTIMENT_FEATURE_SIZE] as const;

  return {
    model,
    async run(input) {
      const text = validText(input, model.name);
      const preprocessStarted = performance.now();
      const prepared = reader.prepare(text);
      const { features } = prepared;
      const preprocessMs = performance.now() - preprocessStarted;

      // Summarized before the run: onnxruntime-web's worker takes the tensor's buffer (it is detached here afterwards).
      const inputs = [summarize(sidecar.inputName, features, dims)];
      const { outputs, inferenceMs } = await runTimed(session, { [sidecar.inputName]: new ort.Tensor('float32', features, dims) });
      const probabilities = outputFloats(outputs, sidecar.outputName);
      return {
        output: { kind: 'sentiment', ...reader.read(probabilities, prepared) },
        inferenceMs,
        preprocessMs,
        inputs,
        outputs: [summarize(sidecar.outputName, probabilities, outputs[sidecar.outputName]!.dims)],
      };
    },
    release: () => session.release(),
  };
}
