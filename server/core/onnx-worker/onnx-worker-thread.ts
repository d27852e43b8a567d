import { parentPort, workerData } from 'node:worker_threads';
import { float32Tensor, loadOnnxSession, outputFloats, type OnnxSession } from '../onnx-session';
import { transferablesOf, type OnnxRunReply, type OnnxRunRequest, type OnnxWorkerData, type OnnxWorkerStarted, type TensorMap } from './onnx-worker-messages';

/** The worker thread's entry: loads one model, then runs one request per message, in the order they arrive. */
const port = parentPort!;
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

async function run(session: OnnxSession, { id, feeds }: OnnxRunRequest): Promise<OnnxRunReply> {
  try {
    const inputs = Object.fromEntries(Object.entries(feeds).map(([name, { data, dims }]) => [name, float32Tensor(data, dims)]));
    const started = performance.now();
    const results = await session.run(inputs);
    const inferenceMs = performance.now() - started;
    const outputs: TensorMap = {};
    for (const name of session.outputNames) {
      // A copy the thread owns, so it can be transferred whatever memory onnxruntime handed back.
      outputs[name] = { data: outputFloats(results, name).slice(), dims: [...results[name]!.dims] };
    }
    return { id, outputs, inferenceMs, feeds };
  } catch (error) {
    return { id, failure: messageOf(error) };
  }
}

const { model, tuning } = workerData as OnnxWorkerData;
loadOnnxSession(model, tuning).then(
  (session) => {
    port.on('message', (request: OnnxRunRequest) =>
      void run(session, request).then((reply) =>
        // The feeds go back rather than wait here for a garbage collection: this thread allocates too little to have one often.
        port.postMessage(reply, 'outputs' in reply ? [...transferablesOf(reply.outputs), ...transferablesOf(reply.feeds)] : []),
      ),
    );
    port.postMessage({ ready: { inputNames: [...session.inputNames], outputNames: [...session.outputNames] } } satisfies OnnxWorkerStarted);
  },
  (error: unknown) => port.postMessage({ loadFailure: messageOf(error) } satisfies OnnxWorkerStarted),
);
