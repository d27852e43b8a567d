import type { ModelRef, PredictionInput } from '../../contract';
import { IMAGENET_CROP_SIZE, imagenetTensorData, softmax, topKIndices } from '../../featurize/image';
import { invalidInput } from '../../model-wire-error';
import type { LocalModel } from './local-run';
import { summarize } from './local-run';
import { createSession, outputFloats, runTimed, type OnnxRuntime } from './onnx-runtime';

/** Image bytes (JPEG, PNG, WebP ...) → 224×224 interleaved RGB: short side resized to 256, centre crop. */
export type ImageDecoder = (image: Uint8Array) => Promise<Uint8Array>;

const DEFAULT_TOP_K = 5;
const MAX_TOP_K = 20;

/** An ImageNet classifier in this tab: the server's normalisation, softmax and top-k, on pixels decoded here. */
export async function createImagenetModel(ort: OnnxRuntime, model: ModelRef, onnx: Uint8Array, labels: string[], decode: ImageDecoder): Promise<LocalModel> {
  const session = await createSession(ort, onnx);
  const [inputName, outputName] = [session.inputNames[0], session.outputNames[0]];
  if (!inputName || !outputName) throw new Error('the ImageNet model has no input or output');
  const dims = [1, 3, IMAGENET_CROP_SIZE, IMAGENET_CROP_SIZE] as const;

  return {
    model,
    async run(input: PredictionInput, { topK = DEFAULT_TOP_K }) {
      if (input.kind !== 'image') throw invalidInput(`Model "${model.name}" takes an image, not ${input.kind}.`);
      if (input.image.length === 0) throw invalidInput('The image is empty (0 bytes).');
      if (!Number.isInteger(topK) || topK < 1 || topK > MAX_TOP_K) throw invalidInput(`topK must be an integer from 1 to ${MAX_TOP_K}.`);
      const preprocessStarted = performance.now();
      const pixels = imagenetTensorData(await decode(input.image));
      const preprocessMs = performance.now() - preprocessStarted;

      // Summarized before the run: onnxruntime-web's worker takes the tensor's buffer (it is detached here afterwards).
      const inputs = [summarize(inputName, pixels, dims)];
      const { outputs, inferenceMs } = await runTimed(session, { [inputName]: new ort.Tensor('float32', pixels, dims) });
      const logits = outputFloats(outputs, outputName);
      const probabilities = softmax(logits);
      const top = topKIndices(probabilities, topK).map((classIndex) => ({
        label: labels[classIndex] ?? `class ${classIndex}`,
        classIndex,
        probability: probabilities[classIndex]!,
      }));
      return {
        output: { kind: 'classification', labels: top },
        inferenceMs,
        preprocessMs,
        inputs,
        outputs: [summarize(outputName, logits, outputs[outputName]!.dims)],
      };
    },
    release: () => session.release(),
  };
}
