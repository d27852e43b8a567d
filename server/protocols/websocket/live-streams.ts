import { ModelWireError, invalidInput } from '../../../lib/model-wire-error';
import type { InferenceCore } from '../../core/inference-core';
import type { SentimentStream } from '../../core/sentiment-stream';
import { SEED_TEXT_MODEL } from '../shared/seed';
import type { RequestId, ServerMessage } from './codec';
import { tooManyStreams } from './connection-limits';

export interface StreamOutlet {
  send(message: ServerMessage): void;
  sendError(error: ModelWireError, id: RequestId, seq?: number): void;
}

/**
 * The live sentiment streams of one connection, keyed by the request id that opened them. Each is one core stream
 * (latest-wins, in seq order); this only translates its updates and errors into messages carrying the stream's id.
 */
export function createLiveStreams(core: InferenceCore, outlet: StreamOutlet, maxStreams: number) {
  interface OpenStream {
    model: string;
    stream: SentimentStream;
  }
  const open = new Map<RequestId, OpenStream>();

  function openStream(id: RequestId, model: string): OpenStream {
    if (open.size >= maxStreams) throw tooManyStreams(maxStreams);
    if (core.describeModel(model).kind !== 'text-sentiment') throw invalidInput(`"${model}" is not a sentiment model; streams score text.`);
    const entry: OpenStream = {
      model,
      stream: core.streamSentiment(
        {
          // After stopStream a text already being scored may still finish; "stopped" stays the stream's last message.
          onUpdate: (update) => open.get(id) === entry && outlet.send({ id, type: 'update', ...update }),
          onError: (seq, error) => open.get(id) === entry && outlet.sendError(error, id, seq),
        },
        { model },
      ),
    };
    open.set(id, entry);
    return entry;
  }

  return {
    /** Pushes a text to stream `id`, opening it on its first push. */
    push(id: RequestId, text: string, seq: number | undefined, model: string | undefined) {
      const entry = open.get(id) ?? openStream(id, model ?? SEED_TEXT_MODEL);
      if (model !== undefined && model !== entry.model) throw invalidInput(`Stream "${id}" scores with "${entry.model}"; its model cannot change.`);
      entry.stream.push(text, seq);
    },
    stop(id: RequestId) {
      const entry = open.get(id);
      if (!entry) throw new ModelWireError('not_found', `No open stream with id ${JSON.stringify(id)}.`);
      open.delete(id);
      entry.stream.close();
      outlet.send({ id, type: 'stopped' });
    },
    closeAll() {
      for (const entry of open.values()) entry.stream.close();
      open.clear();
    },
  };
}
