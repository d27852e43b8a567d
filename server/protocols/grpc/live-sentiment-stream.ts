import type { SentimentStreamUpdate } from '../../../lib/contract';
import { ModelWireError } from '../../../lib/model-wire-error';
import type { InferenceCore } from '../../core/inference-core';
import { createEventChannel } from './event-channel';

export type LiveSentimentEvent = { kind: 'update'; update: SentimentStreamUpdate } | { kind: 'error'; seq: number; error: ModelWireError };

/** One core sentiment stream (latest-wins, in seq order) as the async iterable of events a streaming RPC sends. */
export interface LiveSentimentStream {
  readonly model: string;
  /** Ends after close(), after finish() once the last text pushed is answered, or by throwing the error of fail(). */
  readonly events: AsyncIterable<LiveSentimentEvent>;
  /** Queues a text; returns the seq it was given (a bad seq gets an error event, as an unscorable text does). */
  push(text: string, seq?: number): number;
  /** No more texts will come (the client half-closed): answer the last one, then end. */
  finish(): void;
  /** Ends the stream with an error (a status, not an event). */
  fail(error: unknown): void;
  /** Ends the stream now; a text still being scored is not sent. */
  close(): void;
}

export interface LiveSentimentStreamOptions {
  model: string;
  /** With no push for this long the stream ends, as if closed. */
  idleMs: number;
  /** Called once, however the stream ends. */
  onEnd(): void;
}

export function openLiveSentimentStream(core: Pick<InferenceCore, 'streamSentiment'>, options: LiveSentimentStreamOptions): LiveSentimentStream {
  const channel = createEventChannel<LiveSentimentEvent>();
  let lastAccepted = 0;
  let lastAnswered = 0;
  let finishing = false;
  let pushing = false;
  let rejectedWhilePushing = false;

  const answer = (seq: number, event: LiveSentimentEvent) => {
    channel.push(event);
    lastAnswered = seq;
    if (finishing && lastAnswered >= lastAccepted) end();
  };
  const coreStream = core.streamSentiment(
    {
      onUpdate: (update) => answer(update.seq, { kind: 'update', update }),
      onError(seq, error) {
        // The core refuses a bad seq synchronously, inside push(); every later error is the answer to a scored text.
        if (!pushing) return answer(seq, { kind: 'error', seq, error });
        rejectedWhilePushing = true;
        channel.push({ kind: 'error', seq, error });
      },
    },
    { model: options.model },
  );

  let idleTimer: NodeJS.Timeout | undefined;
  const restartIdleTimer = () => {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => end(), options.idleMs).unref();
  };
  restartIdleTimer();

  function end(error?: unknown) {
    if (channel.ended) return;
    clearTimeout(idleTimer);
    coreStream.close();
    channel.end(error);
    options.onEnd();
  }

  return {
    model: options.model,
    events: channel,
    push(text, seq) {
      if (channel.ended) throw new ModelWireError('not_found', 'This live stream has ended; open a new one.');
      restartIdleTimer();
      pushing = true;
      rejectedWhilePushing = false;
      try {
        const used = coreStream.push(text, seq);
        if (!rejectedWhilePushing) lastAccepted = used;
        return used;
      } finally {
        pushing = false;
      }
    },
    finish() {
      finishing = true;
      if (lastAnswered >= lastAccepted) end();
    },
    fail: (error) => end(error),
    close: () => end(),
  };
}
