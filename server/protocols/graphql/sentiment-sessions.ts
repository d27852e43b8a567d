import { ModelWireError, invalidInput } from '../../../lib/model-wire-error';
import type { InferenceCore } from '../../core/inference-core';
import type { SentimentStream } from '../../core/sentiment-stream';
import { SEED_TEXT_MODEL } from '../shared/seed';
import { streamErrorEvent, streamUpdateEvent, type SentimentStreamEvent } from './codec';
import { createEventChannel, type EventChannel } from './event-channel';

export interface SentimentSessionLimits {
  /** Subscriptions open at once, over every transport. */
  maxSessions: number;
  /** Events a subscriber may leave unread before pushes to its session are refused as overloaded. */
  maxBacklog: number;
}

export const DEFAULT_SESSION_LIMITS: SentimentSessionLimits = { maxSessions: 1000, maxBacklog: 256 };

const MAX_SESSION_ID_LENGTH = 128;

export interface SentimentSessions {
  /** Opens the core stream of `session` for one subscription; its events end when the subscription ends. */
  open(session: string, model?: string): AsyncIterableIterator<SentimentStreamEvent>;
  /** Pushes a text to the open session; answers the seq used. */
  push(session: string, text: string, seq?: number): number;
  /** Ends every subscription (the server is closing). */
  closeAll(): void;
}

interface Session {
  stream: SentimentStream;
  channel: EventChannel<SentimentStreamEvent>;
}

/**
 * The live sentiment streams of the GraphQL adapter, by session id: one core stream (latest-wins, in seq order) per
 * subscription. Pushes arrive by mutation, on other requests, so the session id joins them to the subscription.
 */
export function createSentimentSessions(core: Pick<InferenceCore, 'streamSentiment'>, limits = DEFAULT_SESSION_LIMITS): SentimentSessions {
  const live = new Map<string, Session>();

  function assertCanOpen(session: string) {
    if (session.length === 0 || session.length > MAX_SESSION_ID_LENGTH) {
      throw invalidInput(`session must be 1 to ${MAX_SESSION_ID_LENGTH} characters; a random UUID is a good choice.`);
    }
    if (live.has(session)) throw invalidInput(`Session "${session}" already has a live subscription; subscribe with a new session id.`);
    if (live.size >= limits.maxSessions) {
      throw new ModelWireError('overloaded', `Too many live sentiment streams (${limits.maxSessions}); retry shortly.`, { limit: 'sessions', max: limits.maxSessions });
    }
  }

  return {
    open(session, model = SEED_TEXT_MODEL) {
      assertCanOpen(session);
      const channel = createEventChannel<SentimentStreamEvent>(() => {
        live.delete(session);
        stream.close();
      });
      // Throws not_found or invalid_input for a model that is missing or does not score sentiment.
      const stream = core.streamSentiment(
        { onUpdate: (update) => channel.send(streamUpdateEvent(update)), onError: (seq, error) => channel.send(streamErrorEvent(seq, error)) },
        { model },
      );
      live.set(session, { stream, channel });
      channel.send({ kind: 'opened', session });
      return channel.iterator;
    },

    push(session, text, seq) {
      const entry = live.get(session);
      if (!entry) {
        throw new ModelWireError('not_found', `No live sentimentStream for session "${session}": subscribe first and wait for SentimentStreamOpened.`, {
          session,
        });
      }
      // Every event comes from a push, so refusing pushes bounds what waits for a subscriber that stopped reading.
      if (entry.channel.backlog >= limits.maxBacklog) {
        throw new ModelWireError('overloaded', `The subscriber has ${entry.channel.backlog} unread events; push again once it catches up.`, {
          limit: 'backlog',
          max: limits.maxBacklog,
        });
      }
      return entry.stream.push(text, seq);
    },

    closeAll() {
      for (const { channel } of [...live.values()]) channel.end();
    },
  };
}
