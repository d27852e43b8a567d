import { ModelWireError, invalidInput } from '../../../lib/model-wire-error';
import type { InferenceCore } from '../../core/inference-core';
import { openLiveSentimentStream, type LiveSentimentStream } from './live-sentiment-stream';

export interface LiveStreamLimits {
  /** A stream that gets no text for this long is ended (its client may be gone without the connection closing). */
  idleMs: number;
  /** Streams open at once on one listener, StreamSentiment and WatchSentiment together. */
  maxStreams: number;
}

export const DEFAULT_LIVE_STREAM_LIMITS: LiveStreamLimits = { idleMs: 5 * 60_000, maxStreams: 256 };

const MAX_SESSION_ID_LENGTH = 128;

/** The live sentiment streams of one listener; those opened by WatchSentiment are found by their session id. */
export interface LiveStreams {
  readonly limits: LiveStreamLimits;
  /** Opens a stream that ends when `signal` aborts (the call is cancelled or its connection closes). */
  open(options: { model: string; sessionId?: string; signal: AbortSignal }): LiveSentimentStream;
  /** The stream of a watched session; not_found when no watch of that id is open. */
  session(sessionId: string): LiveSentimentStream;
  closeAll(): void;
}

export function requireSessionId(sessionId: string): string {
  if (sessionId === '' || sessionId.length > MAX_SESSION_ID_LENGTH) {
    throw invalidInput(`Set "session_id" to a random id of 1 to ${MAX_SESSION_ID_LENGTH} characters, e.g. a UUID.`);
  }
  return sessionId;
}

export function createLiveStreams(core: Pick<InferenceCore, 'streamSentiment'>, limits: LiveStreamLimits = DEFAULT_LIVE_STREAM_LIMITS): LiveStreams {
  const open = new Set<LiveSentimentStream>();
  const sessions = new Map<string, LiveSentimentStream>();

  return {
    limits,
    open({ model, sessionId, signal }) {
      if (open.size >= limits.maxStreams) throw new ModelWireError('overloaded', `Too many live streams (${limits.maxStreams}); retry shortly.`);
      if (sessionId !== undefined && sessions.has(sessionId)) {
        throw invalidInput(`Session "${sessionId}" is already being watched; watch a new random id.`);
      }
      const closeOnAbort = () => stream.close();
      const stream = openLiveSentimentStream(core, {
        model,
        idleMs: limits.idleMs,
        onEnd() {
          open.delete(stream);
          if (sessionId !== undefined) sessions.delete(sessionId);
          signal.removeEventListener('abort', closeOnAbort);
        },
      });
      open.add(stream);
      if (sessionId !== undefined) sessions.set(sessionId, stream);
      signal.addEventListener('abort', closeOnAbort, { once: true });
      if (signal.aborted) stream.close();
      return stream;
    },
    session(sessionId) {
      const stream = sessions.get(sessionId);
      if (!stream) throw new ModelWireError('not_found', `No open WatchSentiment for session "${sessionId}": watch it first, and push while the watch is open.`);
      return stream;
    },
    closeAll() {
      for (const stream of [...open]) stream.close();
    },
  };
}
