import type { HandlerContext, ServiceImpl } from '@connectrpc/connect';
import type { InferenceService, StreamSentimentRequest } from '../../../lib/gen/modelwire/v1/inference_pb';
import { invalidInput } from '../../../lib/model-wire-error';
import { SEED_TEXT_MODEL } from '../shared/seed';
import { liveEventMessage } from './codec';
import type { LiveSentimentEvent, LiveSentimentStream } from './live-sentiment-stream';
import { requireSessionId, type LiveStreams } from './live-streams';

type LiveSentimentMethods = Pick<ServiceImpl<typeof InferenceService>, 'streamSentiment' | 'watchSentiment' | 'pushSentimentText'>;

/** Pushes every message of a bidi call into its stream, then lets it finish: the last text is still answered. */
async function pushAll(stream: LiveSentimentStream, first: StreamSentimentRequest, rest: AsyncIterator<StreamSentimentRequest>) {
  try {
    for (let request = first; ; ) {
      if (request.model !== '' && request.model !== stream.model) {
        throw invalidInput(`This stream scores with "${stream.model}"; its model cannot change (got "${request.model}").`);
      }
      stream.push(request.text, request.seq);
      const next = await rest.next();
      if (next.done) break;
      request = next.value;
    }
    stream.finish();
  } catch (error) {
    stream.fail(error);
  }
}

/** The live sentiment RPCs: each call is one core stream, opened here and closed when the call ends however it ends. */
export function createLiveSentimentMethods(liveStreams: LiveStreams, logInternalError: (error: unknown) => void): LiveSentimentMethods {
  // An error event is not a thrown error, so the router's interceptor never sees it: log the hidden ones here.
  const eventMessage = (event: LiveSentimentEvent) => {
    if (event.kind === 'error' && event.error.code === 'internal') logInternalError(event.error.cause ?? event.error);
    return liveEventMessage(event);
  };

  return {
    async *streamSentiment(requests: AsyncIterable<StreamSentimentRequest>, context: HandlerContext) {
      const incoming = requests[Symbol.asyncIterator]();
      const first = await incoming.next();
      if (first.done) return;
      const stream = liveStreams.open({ model: first.value.model || SEED_TEXT_MODEL, signal: context.signal });
      try {
        void pushAll(stream, first.value, incoming);
        for await (const event of stream.events) yield eventMessage(event);
      } finally {
        stream.close();
      }
    },

    async *watchSentiment(request, context) {
      const sessionId = requireSessionId(request.sessionId);
      const stream = liveStreams.open({ model: request.model || SEED_TEXT_MODEL, sessionId, signal: context.signal });
      try {
        yield { event: { case: 'opened', value: { sessionId, model: stream.model, idleTimeoutMs: liveStreams.limits.idleMs } } };
        for await (const event of stream.events) yield eventMessage(event);
      } finally {
        stream.close();
      }
    },

    pushSentimentText(request) {
      const stream = liveStreams.session(requireSessionId(request.sessionId));
      return { seq: stream.push(request.text, request.seq) };
    },
  };
}
