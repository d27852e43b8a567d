import type { SentimentStreamEvent } from './codec';
import { withContractErrors } from './error-mapping';
import type { SentimentSessions } from './sentiment-sessions';

interface SentimentStreamArgs {
  session: string;
  model?: string | null;
}

interface PushSentimentTextArgs {
  session: string;
  seq?: number | null;
  text: string;
}

/** Subscription.sentimentStream and Mutation.pushSentimentText: each one call into the sessions, the core behind them. */
export function streamResolvers(sessions: SentimentSessions) {
  return {
    Subscription: {
      sentimentStream: {
        subscribe: withContractErrors<unknown, SentimentStreamArgs, AsyncIterableIterator<SentimentStreamEvent>>((_, { session, model }) =>
          sessions.open(session, model ?? undefined),
        ),
        resolve: (event: SentimentStreamEvent) => event,
      },
    },
    Mutation: {
      pushSentimentText: withContractErrors<unknown, PushSentimentTextArgs, number>((_, { session, seq, text }) =>
        sessions.push(session, text, seq ?? undefined),
      ),
    },
  };
}
