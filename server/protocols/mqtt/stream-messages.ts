import type { ErrorBody, SentimentStreamUpdate } from '../../../lib/contract';
import { ModelWireError, invalidInput } from '../../../lib/model-wire-error';
import type { Principal } from '../../core/auth/principal';
import type { StreamCloseReason, StreamSession, StreamSessions } from '../../core/stream-sessions';
import type { JsonObject } from './codec';

/** What a client reads on modelwire/v1/stream/{clientId}/out; `closed` is always the last message of a stream. */
export type StreamMessage =
  | ({ type: 'update' } & SentimentStreamUpdate)
  | { type: 'error'; seq: number | null; error: ErrorBody }
  | { type: 'closed'; reason: StreamCloseReason };

export interface StreamMessages {
  /** One message from modelwire/v1/stream/{clientId}/in: `{seq?, text, model?}` (model read when it opens the stream), or `{close: true}`. */
  receive(clientId: string, body: JsonObject): void;
  /** A message on the in topic that could not be read at all. */
  reject(clientId: string, error: ModelWireError): void;
  /** The service is stopping: its streams close, each with a `closed` message. */
  closeAll(): void;
}

// The client id in the topic names the stream and owns it: one stream per client id.
const ownerOf = (clientId: string) => `mqtt:${clientId}`;

function modelOf(body: JsonObject): string | undefined {
  if (body.model === undefined || body.model === null) return undefined;
  // The core checks the name itself, with the same message on every protocol.
  if (typeof body.model !== 'string') throw invalidInput('"model" must be a string: a model name, e.g. "sentiment".');
  return body.model;
}

/** Live sentiment over MQTT: the core session of each client id, its events published on the client's out topic. */
export function createStreamMessages(
  streams: StreamSessions,
  send: (clientId: string, message: StreamMessage) => void,
  principal?: Principal,
): StreamMessages {
  const service = new AbortController();

  async function relay(clientId: string, stream: StreamSession) {
    for await (const event of stream.events) {
      if (event.kind === 'update') send(clientId, { type: 'update', ...event.update });
      else if (event.kind === 'error') send(clientId, { type: 'error', seq: event.seq, error: event.error.toBody() });
    }
    send(clientId, { type: 'closed', reason: stream.closeReason ?? 'client' });
  }

  const reject = (clientId: string, error: ModelWireError) => send(clientId, { type: 'error', seq: null, error: error.toBody() });

  return {
    receive(clientId, body) {
      const owner = ownerOf(clientId);
      try {
        const open = streams.find(owner, clientId);
        if (body.close === true) return open?.close('client');
        const model = modelOf(body);
        const stream = open ?? streams.open({ owner, id: clientId, model, signal: service.signal, principal });
        if (!open) void relay(clientId, stream);
        // The core checks both: text must be a string, seq an integer above the previous one (or absent).
        stream.push(body.text as string, (body.seq ?? undefined) as number | undefined, model);
      } catch (error) {
        reject(clientId, ModelWireError.from(error));
      }
    },
    reject,
    closeAll: () => service.abort(),
  };
}
