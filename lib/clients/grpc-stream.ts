import { ConnectError, type Client } from '@connectrpc/connect';
import { ModelWireError } from '../model-wire-error';
import type { InferenceService, SentimentStreamError } from '../gen/modelwire/v1/inference_pb';
import { isAccessRefusal } from './access-hint';
import type { CredentialStore } from './credentials';
import { streamUpdateOf } from './grpc-messages';
import { grpcErrorOf } from './grpc-wire';
import type { ProtocolError, SentimentStreamSession, StreamEvent } from './protocol-client';

// A live sentiment stream from the browser, which cannot stream a request body: a server-streaming WatchSentiment
// delivers the updates, and one unary PushSentimentText per text feeds the session the watch opened. Both carry the
// token through the client's interceptor; a new token ends the watch, and the next text opens one with it.

/** 128 random bits as hex: crypto.randomUUID() exists only on https and localhost pages, getRandomValues everywhere. */
export function randomSessionId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

const streamErrorOf = ({ code, message }: SentimentStreamError): ProtocolError => ({
  code: ModelWireError.isCode(code) ? code : 'internal',
  message,
  native: `WatchSentimentResponse.error (${code})`,
});

interface Watch {
  sessionId: string;
  /** Resolves true once the server has opened the session (its first event), false if the watch failed first. */
  ready: Promise<boolean>;
  abort: AbortController;
}

export function openGrpcSentimentStream(
  service: Client<typeof InferenceService>,
  onEvent: (event: StreamEvent) => void,
  credentials: CredentialStore,
): SentimentStreamSession {
  const pushedAt = new Map<number, number>();
  let seq = 0;
  let closed = false;
  let watch: Watch | undefined;
  /** Pushes leave one after another: sent at once over HTTP/1.1 they could arrive out of order, and seq must increase. */
  let pushes: Promise<void> = Promise.resolve();

  const emit = (event: StreamEvent) => void (closed || onEvent(event));
  const now = () => Date.now();

  function openWatch(): Watch {
    const current: Watch = { sessionId: randomSessionId(), abort: new AbortController(), ready: Promise.resolve(false) };
    emit({ time: now(), type: 'state', state: 'connecting', detail: `WatchSentiment session ${current.sessionId}` });
    current.ready = new Promise<boolean>((resolveReady) => {
      void (async () => {
        try {
          for await (const { event } of service.watchSentiment({ sessionId: current.sessionId }, { signal: current.abort.signal })) {
            if (event.case === 'opened') {
              emit({ time: now(), type: 'state', state: 'open', detail: `session ${event.value.sessionId}, model ${event.value.model}` });
              resolveReady(true);
            } else if (event.case === 'update') {
              const update = streamUpdateOf(event.value);
              const sentAt = pushedAt.get(update.seq);
              for (const pushed of pushedAt.keys()) if (pushed <= update.seq) pushedAt.delete(pushed);
              emit({ time: now(), type: 'update', update, latencyMs: sentAt === undefined ? Number.NaN : performance.now() - sentAt });
            } else if (event.case === 'error') {
              emit({ time: now(), type: 'error', seq: event.value.seq, error: streamErrorOf(event.value) });
            }
          }
          emit({ time: now(), type: 'state', state: 'closed', detail: 'the server ended the watch (idle); the next text opens a new one' });
        } catch (thrown) {
          if (current.abort.signal.aborted) return;
          const error = grpcErrorOf(ConnectError.from(thrown));
          if (isAccessRefusal(error.code)) emit({ time: now(), type: 'error', error });
          emit({ time: now(), type: 'state', state: 'failed', detail: `${error.native}: ${error.message}` });
        } finally {
          resolveReady(false);
          if (watch === current) watch = undefined;
        }
      })();
    });
    return current;
  }

  async function send(itemSeq: number, text: string) {
    watch ??= openWatch();
    const current = watch;
    if (!(await current.ready) || closed) return;
    try {
      await service.pushSentimentText({ sessionId: current.sessionId, seq: itemSeq, text });
    } catch (thrown) {
      emit({ time: now(), type: 'error', seq: itemSeq, error: grpcErrorOf(ConnectError.from(thrown)) });
    }
  }

  const stopWatchingCredentials = credentials.subscribe((credential) => {
    const replaced = watch;
    if (!replaced) return;
    watch = undefined;
    replaced.abort.abort();
    const who = credential ? `signed in as ${credential.username}` : 'signed out';
    emit({ time: now(), type: 'state', state: 'closed', detail: `${who}: the next text opens a new watch with the new token` });
  });

  return {
    push(text) {
      if (closed) return;
      seq += 1;
      const itemSeq = seq;
      pushedAt.set(itemSeq, performance.now());
      emit({ time: now(), type: 'sent', seq: itemSeq, text });
      pushes = pushes.then(() => send(itemSeq, text));
    },
    connect() {
      if (!closed) watch ??= openWatch();
    },
    close() {
      if (closed) return;
      emit({ time: now(), type: 'state', state: 'closed', detail: 'stopped' });
      closed = true;
      stopWatchingCredentials();
      watch?.abort.abort();
    },
  };
}
