import { describe, expect, it } from 'vitest';
import type { PredictionResult } from '../../../lib/contract';
import { createSentimentStream } from '../../core/sentiment-stream';
import { createStreamSessions } from '../../core/stream-sessions';
import { createStreamMessages, type StreamMessage } from './stream-messages';

/** Core sessions whose scorer answers at once, naming the model the stream was opened on. */
function setUp() {
  const sessions = createStreamSessions((handlers, { model }) =>
    createSentimentStream(
      async (): Promise<PredictionResult> => ({
        model: { name: model, version: 1 },
        output: { kind: 'sentiment', label: 'positive', score: 0.5, probability: 0.75 },
        timing: { serverMs: 1, inferenceMs: 1, preprocessMs: 0 },
        cached: false,
      }),
      handlers,
    ),
  );
  const sent: Array<[string, StreamMessage]> = [];
  const streams = createStreamMessages(sessions, (clientId, message) => sent.push([clientId, message]));
  const settle = () => new Promise((resolve) => setTimeout(resolve, 5));
  return { streams, sent, settle };
}

describe('MQTT stream messages', () => {
  it('opens a client\'s stream on the model its first message names, which later messages cannot change', async () => {
    const { streams, sent, settle } = setUp();
    streams.receive('a', { text: 'hi', model: 'my-sentiment' });
    await settle();
    streams.receive('a', { text: 'again', model: 'sentiment' });
    streams.receive('a', { close: true });
    await settle();
    expect(sent).toEqual([
      ['a', expect.objectContaining({ type: 'update', seq: 1, model: { name: 'my-sentiment', version: 1 } })],
      ['a', { type: 'error', seq: null, error: expect.objectContaining({ code: 'invalid_input', message: expect.stringMatching(/model cannot change/) }) }],
      ['a', { type: 'closed', reason: 'client' }],
    ]);
  });

  it('refuses a model that is not a name, and closes every stream with "shutdown" when the service stops', async () => {
    const { streams, sent, settle } = setUp();
    streams.receive('a', { text: 'hi', model: 5 });
    streams.receive('b', { text: 'hello' });
    await settle();
    streams.closeAll();
    await settle();
    expect(sent).toEqual([
      ['a', { type: 'error', seq: null, error: expect.objectContaining({ code: 'invalid_input' }) }],
      ['b', expect.objectContaining({ type: 'update', seq: 1, model: { name: 'sentiment', version: 1 } })],
      ['b', { type: 'closed', reason: 'shutdown' }],
    ]);
  });
});
