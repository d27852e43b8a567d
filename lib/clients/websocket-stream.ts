import type { SentimentStreamUpdate } from '../contract';
import type { SentimentStreamSession, StreamEvent } from './protocol-client';
import type { WebSocketConnection } from './websocket-connection';
import { closeCodeText, errorMessageOf } from './websocket-wire';

// A live sentiment stream over /ws: `{"id", "type": "stream", "text", "seq"}` pushes on the shared connection, the
// server's `update` and `error` messages carrying the same id back. The id names the stream on the server.

export function openWebSocketSentimentStream(
  connection: WebSocketConnection,
  streamId: string,
  onEvent: (event: StreamEvent) => void,
): SentimentStreamSession {
  const pushedAt = new Map<number, number>();
  let seq = 0;
  let connected = false;
  let closed = false;
  /** Pushes made while the connection opens wait here, so they leave in order once it is open. */
  let opening: Promise<boolean> | undefined;

  const emit = (event: StreamEvent) => void (closed || onEvent(event));

  const stopListening = connection.listen(streamId, ({ message }) => {
    if (message.type === 'update') {
      const update = message as unknown as SentimentStreamUpdate & { id: unknown; type: unknown };
      const { id: _id, type: _type, ...fields } = update;
      const sentAt = pushedAt.get(update.seq);
      for (const pushed of pushedAt.keys()) if (pushed <= update.seq) pushedAt.delete(pushed);
      emit({ time: Date.now(), type: 'update', update: fields, latencyMs: sentAt === undefined ? Number.NaN : performance.now() - sentAt });
    } else if (message.type === 'error') {
      const itemSeq = typeof message.seq === 'number' ? message.seq : undefined;
      emit({ time: Date.now(), type: 'error', ...(itemSeq === undefined ? {} : { seq: itemSeq }), error: errorMessageOf(message) });
    }
  });
  const stopWatchingClose = connection.onClose(({ code, reason }) => {
    if (!connected) return;
    connected = false;
    opening = undefined;
    emit({ time: Date.now(), type: 'state', state: 'closed', detail: `${closeCodeText(code)}${reason ? `: ${reason}` : ''}; the next text reopens it` });
  });

  function ensureOpen(): Promise<boolean> {
    opening ??= (async () => {
      emit({ time: Date.now(), type: 'state', state: 'connecting', detail: connection.url });
      try {
        await connection.open();
        connected = true;
        emit({ time: Date.now(), type: 'state', state: 'open', detail: connection.url });
        return true;
      } catch (error) {
        opening = undefined;
        emit({ time: Date.now(), type: 'state', state: 'failed', detail: error instanceof Error ? error.message : String(error) });
        return false;
      }
    })();
    return opening;
  }

  return {
    push(text) {
      if (closed) return;
      seq += 1;
      const item = { id: streamId, type: 'stream', text, seq, ...(seq === 1 ? { model: 'sentiment' } : {}) };
      const ready = ensureOpen(); // first, so `connecting` comes before the first `sent`
      pushedAt.set(seq, performance.now());
      emit({ time: Date.now(), type: 'sent', seq, text });
      void ready
        .then((open) => (open && !closed ? connection.send(JSON.stringify(item)) : undefined))
        .catch(() => undefined); // a connection lost meanwhile is reported by onClose
    },
    connect() {
      if (!closed) void ensureOpen();
    },
    close() {
      if (closed) return;
      if (connected) void connection.send(JSON.stringify({ id: streamId, type: 'stopStream' })).catch(() => undefined);
      emit({ time: Date.now(), type: 'state', state: 'closed', detail: 'stopped' });
      closed = true;
      stopListening();
      stopWatchingClose();
    },
  };
}
