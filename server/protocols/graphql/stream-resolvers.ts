import { mapAsyncIterator } from 'graphql-yoga';
import { ModelWireError } from '../../../lib/model-wire-error';
import type { InferenceCore } from '../../core/inference-core';
import { sentimentStreamEventOf, type SentimentStreamEvent } from './codec';
import { withContractErrors } from './error-mapping';

interface SentimentStreamArgs {
  session: string;
  model?: string | null;
}

interface PushSentimentTextArgs {
  session: string;
  seq?: number | null;
  text: string;
}

// Pushes arrive by mutation, on other requests than the subscription, so no connection can own a session: the
// unguessable session id the client chose is its owner, and knowing it is what lets a request push to it.
const ownerOf = (session: string) => `graphql:${session}`;

/**
 * Subscription.sentimentStream and Mutation.pushSentimentText: one core stream session per subscription, named by its
 * session id. Both need the predict scope: a push is scored like a prediction, whoever opened the session.
 */
export function streamResolvers({ streams, authorize }: Pick<InferenceCore, 'streams' | 'authorize'>, shutdown: AbortSignal) {
  return {
    Subscription: {
      sentimentStream: {
        subscribe: withContractErrors<unknown, SentimentStreamArgs, AsyncIterableIterator<SentimentStreamEvent>>(async (_, { session, model }, { principal }) => {
          const stream = streams.open({ owner: ownerOf(session), id: session, model: model ?? undefined, signal: shutdown, principal: await principal() });
          // The subscription completes when the session closes; an unsubscribe returns the iterator, which closes it.
          return mapAsyncIterator(stream.events, sentimentStreamEventOf);
        }),
        resolve: (event: SentimentStreamEvent) => event,
      },
    },
    Mutation: {
      pushSentimentText: withContractErrors<unknown, PushSentimentTextArgs, number>(async (_, { session, seq, text }, { principal }) => {
        authorize(await principal(), 'predict');
        const stream = streams.find(ownerOf(session), session);
        if (!stream) {
          throw new ModelWireError('not_found', `No live sentimentStream for session "${session}": subscribe first and wait for SentimentStreamOpened.`, { session });
        }
        return stream.push(text, seq ?? undefined);
      }),
    },
  };
}
