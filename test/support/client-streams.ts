import { expect, it } from 'vitest';
import type { ProtocolClient, StreamEvent } from '../../lib/clients/protocol-client';
import { expectLatestWinsUpdates, receivedUpdateOf, sentimentOf, TYPED_PREFIXES, TYPED_SENTENCE } from './live-stream';
import { valueOf, withoutCallDetails } from './outcomes';

// A browser client's openSentimentStream, driven as the /stream page drives it, for every client that streams.

const CONTRACT_UPDATE_FIELDS = ['model', 'output', 'seq', 'skipped', 'text', 'timing'];
const eventsOfType = <T extends StreamEvent['type']>(events: StreamEvent[], type: T) =>
  events.filter((event): event is Extract<StreamEvent, { type: T }> => event.type === type);

/**
 * 20 rapid pushes: a sent event for each, no error, latest-wins updates in seq order with a latency each, the last one
 * scoring the whole sentence as the same client's predict does, in the contract's fields only; then the session closes.
 * `connectingFirst`: the first event says "connecting", before any text is sent. Returns how many updates came.
 */
async function expectStreamScoresTyping(client: ProtocolClient, { connectingFirst = true } = {}): Promise<number> {
  const events: StreamEvent[] = [];
  const session = client.openSentimentStream!((event) => events.push(event));
  for (const text of TYPED_PREFIXES) session.push(text);
  const updates = () => eventsOfType(events, 'update');
  await expect.poll(() => updates().at(-1)?.update.seq, { timeout: 20_000 }).toBe(TYPED_PREFIXES.length);
  await new Promise((resolve) => setTimeout(resolve, 300)); // an update out of order would arrive after the last
  session.close();

  expect(eventsOfType(events, 'sent').map(({ seq, text }) => ({ seq, text }))).toEqual(TYPED_PREFIXES.map((text, i) => ({ seq: i + 1, text })));
  expect(eventsOfType(events, 'error')).toEqual([]);
  const plain = valueOf(await client.predict('sentiment', { kind: 'text', text: TYPED_SENTENCE }));
  if (plain.output.kind !== 'sentiment') throw new Error('sentiment answered something else');
  expectLatestWinsUpdates(TYPED_PREFIXES, updates().map(({ update }) => receivedUpdateOf(update)), sentimentOf(plain.output));
  for (const { latencyMs } of updates()) expect(latencyMs).toBeGreaterThan(0);
  const last = updates().at(-1)!.update;
  expect(Object.keys(last).sort()).toEqual(CONTRACT_UPDATE_FIELDS);
  expect({ model: last.model, output: last.output }).toEqual(withoutCallDetails(plain));
  expect(eventsOfType(events, 'state').map(({ state }) => state)).toEqual(['connecting', 'open', 'closed']);
  if (connectingFirst) expect(events[0]).toMatchObject({ type: 'state', state: 'connecting' });
  return updates().length;
}

/** A blank text pushed between two good ones is an error event for its seq, in the protocol's words; the stream goes on. */
async function expectStreamReportsBadItem(client: ProtocolClient, native: string): Promise<void> {
  const events: StreamEvent[] = [];
  const session = client.openSentimentStream!((event) => events.push(event));
  const answered = (seq: number) => events.some((event) => (event.type === 'update' && event.update.seq === seq) || (event.type === 'error' && event.seq === seq));
  // One at a time: pushed together, latest-wins could drop the blank text before it is ever checked.
  for (const [i, text] of ['good', '', 'great again'].entries()) {
    session.push(text);
    await expect.poll(() => answered(i + 1), { timeout: 10_000 }).toBe(true);
  }
  session.close();
  expect(eventsOfType(events, 'error')).toMatchObject([{ seq: 2, error: { code: 'invalid_input', native } }]);
  expect(eventsOfType(events, 'update').map(({ update }) => update.seq)).toEqual([1, 3]);
}

/**
 * The two stream tests every streaming client gets: typing scored latest-wins, and a bad item reported in the protocol's
 * words (`badItemNative`). `connect` makes a fresh client for each; it is closed after.
 */
export function itStreamsTyping(label: string, connect: () => ProtocolClient, options: { badItemNative: string; connectingFirst?: boolean }): void {
  it('streams 20 rapid texts latest-wins, the last update scoring the full text as predict does', async () => {
    const client = connect();
    console.info(`${label} stream: ${await expectStreamScoresTyping(client, options)} updates for 20 texts`);
    client.close();
  });

  it('reports a bad stream item with its seq and keeps the stream going', async () => {
    const client = connect();
    await expectStreamReportsBadItem(client, options.badItemNative);
    client.close();
  });
}
