import { randomUUID } from 'node:crypto';
import type { HandlerContext, ServiceImpl } from '@connectrpc/connect';
import type { InferenceService, StreamSentimentRequest } from '../../../lib/gen/modelwire/v1/inference_pb';
import { ModelWireError } from '../../../lib/model-wire-error';
import type { InferenceCore } from '../../core/inference-core';
import type { StreamSession } from '../../core/stream-sessions';
import { principalOf } from './authentication-interceptor';
import { liveEventMessage, watchEventMessage } from './codec';

type LiveSentimentMethods = Pick<ServiceImpl<typeof InferenceService>, 'streamSentiment' | 'watchSentiment' | 'pushSentimentText'>;

// A watched session is pushed to by other calls (PushSentimentText), so no connection can own it: the unguessable
// session_id the client chose is its owner, and knowing it is what lets a call push to it.
const watchOwnerOf = (sessionId: string) => `grpc:${sessionId}`;

/** Pushes every message of a bidi call into its session, then lets it finish: the last text is still answered. */
async function pushAll(session: StreamSession, first: StreamSentimentRequest, rest: AsyncIterator<StreamSentimentRequest>) {
  for (let request = first; ; ) {
    session.push(request.text, request.seq, request.model || undefined);
    const next = await rest.next();
    if (next.done) return session.finish();
    request = next.value;
  }
}

/**
 * The live sentiment RPCs: each call is one core stream session, closed when the call ends however it ends. All three
 * need the predict scope: a push is scored like a prediction, whoever opened the session.
 */
export function createLiveSentimentMethods({ streams, authorize }: Pick<InferenceCore, 'streams' | 'authorize'>, shutdown: AbortSignal): LiveSentimentMethods {
  // A session ends with its call (cancelled, connection gone) or with the listener.
  const signalOf = (context: HandlerContext) => AbortSignal.any([context.signal, shutdown]);

  return {
    async *streamSentiment(requests: AsyncIterable<StreamSentimentRequest>, context: HandlerContext) {
      // A bad token is refused before any message is read.
      const principal = await principalOf(context);
      const incoming = requests[Symbol.asyncIterator]();
      const first = await incoming.next();
      if (first.done) return;
      const session = streams.open({ owner: `grpc-call:${randomUUID()}`, model: first.value.model || undefined, signal: signalOf(context), principal });
      let failure: { error: unknown } | undefined;
      pushAll(session, first.value, incoming).catch((error: unknown) => {
        failure = { error };
        session.close();
      });
      try {
        for await (const event of session.events) if (event.kind !== 'opened') yield liveEventMessage(event);
      } finally {
        session.close();
      }
      // A bad message (another model, say) ends the call with its status rather than an event.
      if (failure) throw failure.error;
    },

    async *watchSentiment(request, context) {
      const owner = watchOwnerOf(request.sessionId);
      const principal = await principalOf(context);
      const session = streams.open({ owner, id: request.sessionId, model: request.model || undefined, signal: signalOf(context), principal });
      try {
        for await (const event of session.events) yield watchEventMessage(event);
      } finally {
        session.close();
      }
    },

    async pushSentimentText(request, context) {
      authorize(await principalOf(context), 'predict');
      const session = streams.find(watchOwnerOf(request.sessionId), request.sessionId);
      if (!session) throw new ModelWireError('not_found', `No open WatchSentiment for session "${request.sessionId}": watch it first, and push while the watch is open.`);
      return { seq: session.push(request.text, request.seq) };
    },
  };
}
