import type { ErrorBody, SentimentStreamUpdate } from '../../../lib/contract';
import { ModelWireError } from '../../../lib/model-wire-error';
import type { InferenceCore } from '../../core/inference-core';
import type { SentimentStream } from '../../core/sentiment-stream';
import type { JsonObject } from './codec';

/** What a client reads on modelwire/v1/stream/{clientId}/out. */
export type StreamMessage =
  | ({ type: 'update' } & SentimentStreamUpdate)
  | { type: 'error'; seq: number | null; error: ErrorBody }
  | { type: 'closed'; reason: 'idle' | 'client' };

export interface StreamSessionOptions {
  /** A stream with no input for this long is closed (its client may have vanished without a will message). */
  idleMs: number;
  maxSessions: number;
}

export interface StreamSessions {
  /** One message from modelwire/v1/stream/{clientId}/in: `{seq?, text}`, or `{close: true}`. */
  receive(clientId: string, body: JsonObject): void;
  /** A message on the in topic that could not be read at all. */
  reject(clientId: string, error: ModelWireError): void;
  closeAll(): void;
}

interface Session {
  stream: SentimentStream;
  idleTimer: NodeJS.Timeout;
}

/** One core sentiment stream per MQTT client id; the core does the latest-wins queueing, this only routes. */
export function createStreamSessions(
  core: Pick<InferenceCore, 'streamSentiment'>,
  send: (clientId: string, message: StreamMessage) => void,
  options: StreamSessionOptions,
): StreamSessions {
  const sessions = new Map<string, Session>();

  function close(clientId: string, reason: 'idle' | 'client') {
    const session = sessions.get(clientId);
    if (!session) return;
    sessions.delete(clientId);
    clearTimeout(session.idleTimer);
    session.stream.close();
    send(clientId, { type: 'closed', reason });
  }

  const idleTimer = (clientId: string) => setTimeout(() => close(clientId, 'idle'), options.idleMs).unref();

  function open(clientId: string): Session {
    if (sessions.size >= options.maxSessions) {
      throw new ModelWireError('overloaded', `Too many live streams (${options.maxSessions}); retry shortly.`);
    }
    // An update still being scored when the stream closes is dropped, so `closed` is always the last message.
    const sendWhileOpen = (message: StreamMessage) => sessions.get(clientId) === session && send(clientId, message);
    const stream = core.streamSentiment({
      onUpdate: (update) => sendWhileOpen({ type: 'update', ...update }),
      onError: (seq, error) => sendWhileOpen({ type: 'error', seq, error: error.toBody() }),
    });
    const session: Session = { stream, idleTimer: idleTimer(clientId) };
    sessions.set(clientId, session);
    return session;
  }

  const reject = (clientId: string, error: ModelWireError) => send(clientId, { type: 'error', seq: null, error: error.toBody() });

  return {
    receive(clientId, body) {
      if (body.close === true) return close(clientId, 'client');
      let session: Session;
      try {
        session = sessions.get(clientId) ?? open(clientId);
      } catch (error) {
        return reject(clientId, ModelWireError.from(error));
      }
      clearTimeout(session.idleTimer);
      session.idleTimer = idleTimer(clientId);
      // The core checks both: text must be a string, seq an integer above the previous one (or absent).
      session.stream.push(body.text as string, (body.seq ?? undefined) as number | undefined);
    },
    reject,
    closeAll() {
      for (const session of sessions.values()) {
        clearTimeout(session.idleTimer);
        session.stream.close();
      }
      sessions.clear();
    },
  };
}
