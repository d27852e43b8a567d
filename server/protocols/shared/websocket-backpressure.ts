import type { WebSocket } from 'ws';

/** How much a WebSocket client may leave unread before the server stops reading from it. */
export interface BackpressureLimits {
  /** Bytes queued for the client (ws's bufferedAmount) above which its socket is paused. */
  maxBufferedBytes: number;
  /** How long a paused client has to read its replies down to half that before it is disconnected. */
  drainTimeoutMs: number;
}

export const DEFAULT_BACKPRESSURE_LIMITS: BackpressureLimits = { maxBufferedBytes: 4 * 1024 * 1024, drainTimeoutMs: 5_000 };

/** Close code for a client that stopped reading: 1008 policy violation (RFC 6455 §7.4.1). */
export const CLOSE_NOT_READING = 1008;

const POLL_MS = 50;
/** A client that does not read cannot read the close frame either: after this, its socket is destroyed. */
const CLOSE_GRACE_MS = 1_000;

/**
 * Every message a client sends may be answered (an error for a junk frame included), so a client that sends and never
 * reads would have the server queue replies without end. Once more than `maxBufferedBytes` wait, the server stops
 * reading the client's socket (ws pause(): TCP then pushes back on the sender); it reads again when the queue is down
 * to half, or closes the connection with 1008 if that takes longer than `drainTimeoutMs`.
 * Call `afterSend` after every send; `stop` when the socket closes.
 */
export function watchBackpressure(socket: WebSocket, { maxBufferedBytes, drainTimeoutMs }: BackpressureLimits) {
  let poll: NodeJS.Timeout | undefined;
  let pausedAt = 0;

  const stop = () => {
    clearInterval(poll);
    poll = undefined;
  };

  function checkDrained() {
    if (socket.readyState !== socket.OPEN) return stop();
    if (socket.bufferedAmount <= maxBufferedBytes / 2) {
      stop();
      socket.resume();
    } else if (performance.now() - pausedAt > drainTimeoutMs) {
      stop();
      socket.close(CLOSE_NOT_READING, 'replies left unread');
      setTimeout(() => socket.terminate(), CLOSE_GRACE_MS).unref();
    }
  }

  return {
    afterSend(): void {
      if (poll || socket.bufferedAmount <= maxBufferedBytes) return;
      socket.pause();
      pausedAt = performance.now();
      poll = setInterval(checkDrained, POLL_MS);
      poll.unref();
    },
    stop,
  };
}
