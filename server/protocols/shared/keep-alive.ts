import type { WebSocket } from 'ws';

/**
 * Pings every `intervalMs`; a connection that has not answered the previous ping by the next one is terminated (the
 * TCP socket destroyed, no close handshake: a peer that stopped answering would not complete one). Returns the stopper.
 */
export function keepAlive(socket: WebSocket, intervalMs: number): () => void {
  let answered = true;
  socket.on('pong', () => {
    answered = true;
  });
  const timer = setInterval(() => {
    if (!answered) {
      socket.terminate();
      return;
    }
    answered = false;
    socket.ping();
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
