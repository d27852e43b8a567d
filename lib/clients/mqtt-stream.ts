import type { ErrorBody, SentimentStreamUpdate } from '../contract';
import { MqttConnectRefused, type MqttConnection, type MqttMessage } from './mqtt-connection';
import { errorReplyOf, refusedErrorOf } from './mqtt-wire';
import type { SentimentStreamSession, StreamEvent } from './protocol-client';

// A live sentiment stream over MQTT: `{"seq", "text"}` published on modelwire/v1/stream/{id}/in, the service's
// `update`, `error` and `closed` messages read from modelwire/v1/stream/{id}/out. The id is the MQTT client id: a broker
// lets only that client use the two topics, so each stream has a connection (and a client id) of its own.

export const streamTopics = (streamId: string) => ({ in: `modelwire/v1/stream/${streamId}/in`, out: `modelwire/v1/stream/${streamId}/out` });

type OutMessage =
  | ({ type: 'update' } & SentimentStreamUpdate)
  | { type: 'error'; seq: number | null; error: ErrorBody }
  | { type: 'closed'; reason: string };

/** A stream on its own `connection`, which it closes when the stream is closed. */
export function openMqttSentimentStream(connection: MqttConnection, onEvent: (event: StreamEvent) => void): SentimentStreamSession {
  const topics = streamTopics(connection.clientId);
  const pushedAt = new Map<number, number>();
  let seq = 0;
  let closed = false;
  /** The subscription to the out topic; pushes wait for it, so they leave in order and no update is missed. */
  let subscribed: Promise<(() => void) | undefined> | undefined;
  let stopWatchingClose: (() => void) | undefined;

  const emit = (event: StreamEvent) => void (closed || onEvent(event));

  function read({ json }: MqttMessage) {
    const message = json as OutMessage | undefined;
    if (message?.type === 'update') {
      const { type: _type, ...update } = message;
      const sentAt = pushedAt.get(update.seq);
      for (const pushed of pushedAt.keys()) if (pushed <= update.seq) pushedAt.delete(pushed);
      emit({ time: Date.now(), type: 'update', update, latencyMs: sentAt === undefined ? Number.NaN : performance.now() - sentAt });
    } else if (message?.type === 'error') {
      emit({ time: Date.now(), type: 'error', ...(typeof message.seq === 'number' ? { seq: message.seq } : {}), error: errorReplyOf(message) });
    } else if (message?.type === 'closed') {
      emit({ time: Date.now(), type: 'state', state: 'closed', detail: `the service closed the stream (${message.reason}); the next text reopens it` });
    }
  }

  function subscribe() {
    subscribed ??= (async () => {
      emit({ time: Date.now(), type: 'state', state: 'connecting', detail: `${connection.url} → ${topics.out}` });
      try {
        const unsubscribe = await connection.subscribe(topics.out, read);
        stopWatchingClose = connection.onClose(() => {
          subscribed = undefined;
          stopWatchingClose?.();
          emit({ time: Date.now(), type: 'state', state: 'closed', detail: 'the connection to the broker closed; the next text reconnects' });
        });
        emit({ time: Date.now(), type: 'state', state: 'open', detail: `publishing on ${topics.in}` });
        return unsubscribe;
      } catch (error) {
        subscribed = undefined;
        if (error instanceof MqttConnectRefused) emit({ time: Date.now(), type: 'error', error: refusedErrorOf(error.returnCode, error.message) });
        emit({ time: Date.now(), type: 'state', state: 'failed', detail: error instanceof Error ? error.message : String(error) });
        return undefined;
      }
    })();
    return subscribed;
  }

  return {
    push(text) {
      if (closed) return;
      seq += 1;
      const payload = JSON.stringify({ seq, text });
      const ready = subscribe(); // first, so `connecting` comes before the first `sent`
      pushedAt.set(seq, performance.now());
      emit({ time: Date.now(), type: 'sent', seq, text });
      void ready
        .then((ready) => (ready && !closed ? connection.publish(topics.in, payload) : undefined))
        .catch(() => undefined); // a connection lost meanwhile is reported through onClose
    },
    connect() {
      if (!closed) void subscribe();
    },
    close() {
      if (closed) return;
      emit({ time: Date.now(), type: 'state', state: 'closed', detail: 'stopped' });
      closed = true;
      stopWatchingClose?.();
      void subscribed
        ?.then((unsubscribe) => {
          if (!unsubscribe) return;
          unsubscribe();
          return connection.publish(topics.in, JSON.stringify({ close: true }));
        })
        .catch(() => undefined)
        .finally(() => connection.close());
    },
  };
}
