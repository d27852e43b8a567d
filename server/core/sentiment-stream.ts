import type { PredictionResult, SentimentStreamUpdate } from '../../lib/contract';
import { ModelWireError, invalidInput } from '../../lib/model-wire-error';
import { createLatestWinsQueue } from './latest-wins-queue';

export interface SentimentStreamHandlers {
  onUpdate(update: SentimentStreamUpdate): void;
  /** An item that could not be scored (e.g. empty text); the stream stays open. */
  onError(seq: number, error: ModelWireError): void;
}

export interface SentimentStream {
  /** Queues text for scoring. `seq` must increase; when omitted it is the previous one plus one. Returns the seq used. */
  push(text: string, seq?: number): number;
  close(): void;
}

type Scorer = (text: string, receivedAt: number) => Promise<PredictionResult>;

/** Live sentiment for one typist: latest-wins, in order, every update naming the text it scored and its seq. */
export function createSentimentStream(score: Scorer, handlers: SentimentStreamHandlers): SentimentStream {
  let lastSeq = 0;
  const queue = createLatestWinsQueue<{ seq: number; text: string; receivedAt: number }>(async (item, skipped) => {
    try {
      const result = await score(item.text, item.receivedAt);
      if (result.output.kind !== 'sentiment') throw new Error(`model ${result.model.name} is not a sentiment model`);
      handlers.onUpdate({ seq: item.seq, text: item.text, skipped, model: result.model, output: result.output, timing: result.timing });
    } catch (error) {
      handlers.onError(item.seq, ModelWireError.from(error));
    }
  });

  return {
    push(text, seq) {
      const next = seq ?? lastSeq + 1;
      if (!Number.isSafeInteger(next) || next <= lastSeq) {
        handlers.onError(next, invalidInput(`seq must be an integer greater than the previous one (${lastSeq}).`));
        return next;
      }
      if (typeof text !== 'string') {
        handlers.onError(next, invalidInput('text must be a string.'));
        return next;
      }
      lastSeq = next;
      queue.push({ seq: next, text, receivedAt: performance.now() });
      return next;
    },
    close: () => queue.close(),
  };
}
