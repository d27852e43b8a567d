import { randomUUID } from 'node:crypto';
import { ModelWireError } from '../../../lib/model-wire-error';
import type { Principal } from '../../core/auth/principal';
import type { StreamSession, StreamSessions } from '../../core/stream-sessions';
import type { RequestId, ServerMessage } from './codec';
import { errorMessageOf, type ErrorMessage } from './error-mapping';

/**
 * The live sentiment streams of one connection: each is the core session named by the request id that opened it, its
 * events sent as messages carrying that id, and "stopped" as its last message however it ends.
 */
export function createStreamMessages(streams: StreamSessions, send: (message: ServerMessage | ErrorMessage) => void) {
  // The connection owns its streams: another connection's ids never reach them, and the per-owner limit is per connection.
  const owner = `websocket:${randomUUID()}`;
  const connection = new AbortController();

  async function relay(id: RequestId, stream: StreamSession) {
    for await (const event of stream.events) {
      if (event.kind === 'update') send({ id, type: 'update', ...event.update });
      else if (event.kind === 'error') send(errorMessageOf(event.error, id, event.seq));
    }
    const reason = stream.closeReason === 'client' ? undefined : stream.closeReason;
    send({ id, type: 'stopped', ...(reason ? { reason } : {}) });
  }

  return {
    /** Pushes a text to stream `id`, opening it on its first push (as `principal`, who needs the predict scope). */
    push(id: RequestId, text: string, seq: number | undefined, model: string | undefined, principal: Principal | undefined) {
      let stream = streams.find(owner, id);
      if (!stream) {
        stream = streams.open({ owner, id, model, signal: connection.signal, principal });
        void relay(id, stream);
      }
      stream.push(text, seq, model);
    },
    stop(id: RequestId) {
      const stream = streams.find(owner, id);
      if (!stream) throw new ModelWireError('not_found', `No open stream with id ${JSON.stringify(id)}.`);
      stream.close('client');
    },
    /** The connection closed: so do its streams. */
    closeAll: () => connection.abort(),
  };
}
