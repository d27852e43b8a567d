import { once, type EventEmitter } from 'node:events';
import type { Writable } from 'node:stream';
import { status, type StatusObject } from '@grpc/grpc-js';

/** A grpc-js server-streaming or bidi call, as far as its responses go. */
type ResponseWriter = EventEmitter & Pick<Writable, 'write'> & { end(trailers?: StatusObject['metadata']): void };

/**
 * Writes each response message as the call can take it (a slow reader holds the handler back), until the messages end
 * or `signal` aborts: grpc-js drops what is written to a cancelled call, so its buffer would never drain.
 */
export async function writeAll<Message>(call: ResponseWriter, messages: AsyncIterable<Message>, signal: AbortSignal, beforeEachWrite: () => void): Promise<void> {
  for await (const message of messages) {
    if (signal.aborted) return;
    beforeEachWrite();
    if (call.write(message)) continue;
    try {
      await once(call, 'drain', { signal });
    } catch {
      return;
    }
  }
}

/** Ends a streaming call with `outcome`, which grpc-js sends once the messages written before it are out. */
export function endCall(call: ResponseWriter, outcome: StatusObject): void {
  if (outcome.code === status.OK) call.end(outcome.metadata);
  // grpc-js's documented way to end a stream with an error status.
  else call.emit('error', outcome);
}
