import { ModelWireError } from '../../lib/model-wire-error';
import type { CoreObserver, PredictionRecord, ProtocolLabel } from './core-observer';

/** What a finished call adds to its record. */
export type CallFinish = Pick<PredictionRecord, 'version' | 'cached' | 'computeMs' | 'queueMs'>;

/**
 * Runs one prediction-like call and tells the observer it started and how it ended; errors leave as ModelWireError.
 * `finish` reads the answer's part of the record.
 */
export async function recordCall<T>(
  observer: CoreObserver | undefined,
  call: { model: string; protocol: ProtocolLabel; receivedAt: number },
  run: () => Promise<T>,
  finish: (answer: T) => CallFinish,
): Promise<T> {
  const { model, protocol, receivedAt } = call;
  observer?.predictionStarted?.(model, protocol);
  try {
    const answer = await run();
    if (observer?.predictionFinished) {
      const { version, cached, computeMs, queueMs } = finish(answer);
      observer.predictionFinished({ model, protocol, outcome: 'success', requestMs: performance.now() - receivedAt, version, cached, computeMs, queueMs });
    }
    return answer;
  } catch (error) {
    const failure = ModelWireError.from(error);
    observer?.predictionFinished?.({ model, protocol, outcome: 'failure', errorCode: failure.code, version: null, cached: false, requestMs: performance.now() - receivedAt });
    throw failure;
  }
}
