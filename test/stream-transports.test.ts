import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { StreamEvent } from '../lib/clients/protocol-client';
import { STREAM_TRANSPORTS, type StreamTransport } from '../lib/clients/stream-transports';
import { awaitedSeq, initialLaneState, streamLaneReducer, type StreamLaneState } from '../lib/stream-lane-state';
import { postJson } from './support/start-api';
import { useApi } from './support/use-api';

// The /stream page's registry of four transports, driven as the page drives it (one session per transport, each
// keystroke's full text pushed to all four, events folded by the lane reducer), against the real server in Node.

const SENTENCE = 'I really love this wonderful little phone';
const KEYSTROKES = Array.from({ length: SENTENCE.length }, (_, i) => SENTENCE.slice(0, i + 1)).filter((text) => text.trim());
const runtime = { WebSocket };

async function until(check: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A lane as the page keeps it: the reducer's state, plus every event for the assertions. */
function openLane(transport: StreamTransport, apiBaseUrl: string) {
  const client = transport.connect({ apiBaseUrl }, runtime);
  const lane = { state: initialLaneState as StreamLaneState, events: [] as StreamEvent[] };
  const session = client.openSession((event) => {
    lane.events.push(event);
    lane.state = streamLaneReducer(lane.state, event);
  });
  return { transport, client, session, lane };
}

describe('STREAM_TRANSPORTS against the API server', () => {
  const api = useApi();
  // Runs before useApi's close (after-hooks run in reverse): Node's fetch (undici) leaves a connection that never carried
  // a request after gRPC-Web watches are aborted one after another; the server would wait for it until its keep-alive
  // timeout (~70 s). No call is in flight by now.
  afterAll(() => api().app.server.closeAllConnections());

  it('lists the four streaming transports in lane order', () => {
    expect(STREAM_TRANSPORTS.map(({ id }) => id)).toEqual(['websocket', 'mqtt', 'grpc', 'graphql']);
  });

  it('typed keystroke by keystroke to all four at once, every lane ends on the full sentence, scored as REST scores it', async () => {
    const lanes = STREAM_TRANSPORTS.map((transport) => openLane(transport, api().url));
    for (const text of KEYSTROKES) {
      for (const { session } of lanes) session.push(text);
      await new Promise((resolve) => setTimeout(resolve, 15));
    }
    for (const { transport, lane } of lanes) await until(() => lane.state.last?.text === SENTENCE, `${transport.id} to score the sentence`);

    const plain = await postJson(`${api().url}/v1/models/sentiment/predict`, { text: SENTENCE });
    for (const { transport, lane } of lanes) {
      const { state } = lane;
      expect(state.connection, transport.id).toBe('open');
      expect(state.last, transport.id).toMatchObject({ seq: KEYSTROKES.length, label: plain.json.output.label, score: plain.json.output.score });
      expect(state.counts.sent, transport.id).toBe(KEYSTROKES.length);
      expect(state.counts.errors, transport.id).toBe(0);
      // Every text was either scored or dropped by the server for a newer one.
      expect(state.counts.updates + state.counts.skipped, transport.id).toBe(KEYSTROKES.length);
      expect(state.latencies.length, transport.id).toBeGreaterThan(0);
      expect(state.latencies.every((ms) => ms > 0), transport.id).toBe(true);
      expect(awaitedSeq(state), transport.id).toBeUndefined();
    }
    console.info(lanes.map(({ transport, lane }) => `${transport.id}: ${lane.state.counts.updates} updates, ${lane.state.counts.skipped} skipped`).join('; '));
    for (const { session, client } of lanes) {
      session.close();
      client.close();
    }
  });

  it('opens a fresh session on the same connection (Reconnect), its seq starting again at 1', async () => {
    for (const transport of STREAM_TRANSPORTS) {
      const first = openLane(transport, api().url);
      first.session.push('terrible');
      await until(() => first.lane.state.last?.text === 'terrible', `${transport.id}'s first session`);
      first.session.close();

      const lane = { state: initialLaneState as StreamLaneState };
      const second = first.client.openSession((event) => void (lane.state = streamLaneReducer(lane.state, event)));
      second.push('wonderful');
      await until(() => lane.state.last?.text === 'wonderful', `${transport.id}'s second session`);
      expect(lane.state.last, transport.id).toMatchObject({ seq: 1, label: 'positive' });
      expect(first.lane.state.last?.label, transport.id).toBe('negative');
      second.close();
      first.client.close();
    }
  });

  it('reports a server that is not there as a failed lane, in words', async () => {
    const lanes = STREAM_TRANSPORTS.map((transport) => openLane(transport, 'http://127.0.0.1:9'));
    for (const { session } of lanes) session.push('hello');
    for (const { transport, lane } of lanes) {
      await until(() => lane.state.connection === 'failed', `${transport.id} to fail`);
      expect(lane.state.detail, transport.id).toBeTruthy();
    }
    for (const { session, client } of lanes) {
      session.close();
      client.close();
    }
  });
});
