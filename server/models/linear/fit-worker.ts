import { parentPort } from 'node:worker_threads';
import { ModelWireError } from '../../../lib/model-wire-error';
import type { FitReply } from './fit-workers';
import { fitLeastSquares, type TrainingSet } from './least-squares';

/** The worker thread's entry: fits one training set per message and answers with the fit or why it was refused. */
function answer(set: TrainingSet): FitReply {
  try {
    return { fit: fitLeastSquares(set) };
  } catch (error) {
    if (error instanceof ModelWireError && error.code === 'invalid_input') return { invalid: error.message };
    return { failure: error instanceof Error ? error.message : String(error) };
  }
}

parentPort?.on('message', (set: TrainingSet) => parentPort?.postMessage(answer(set)));
