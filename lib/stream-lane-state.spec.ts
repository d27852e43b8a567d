import { describe, expect, it } from 'vitest';
import type { StreamEvent } from './clients/protocol-client';
import type { SentimentLabel, SentimentStreamUpdate } from './contract';
import {
  awaitedSeq,
  clearedLane,
  currentError,
  initialLaneState,
  laneForNewSession,
  latencyP50,
  needsReconnect,
  RECENT_LATENCIES,
  streamLaneReducer,
  withPlannedReconnect,
  type StreamLaneState,
} from './stream-lane-state';

let clock = 1_000;
const time = () => (clock += 10);

const state = (value: 'connecting' | 'open' | 'closed' | 'failed', detail?: string): StreamEvent => ({ time: time(), type: 'state', state: value, ...(detail ? { detail } : {}) });
const sent = (seq: number, text: string): StreamEvent => ({ time: time(), type: 'sent', seq, text });

function update(seq: number, text: string, { label = 'positive', score = 0.6, skipped = 0, latencyMs = 12 }: { label?: SentimentLabel; score?: number; skipped?: number; latencyMs?: number } = {}): StreamEvent {
  const scored: SentimentStreamUpdate = {
    seq,
    text,
    skipped,
    model: { name: 'sentiment', version: 1 },
    output: { kind: 'sentiment', label, score, probability: 0.8 },
    timing: { serverMs: 3, inferenceMs: 1, preprocessMs: 0.5 },
  };
  return { time: time(), type: 'update', update: scored, latencyMs };
}

const error = (seq?: number): StreamEvent => ({
  time: time(),
  type: 'error',
  ...(seq === undefined ? {} : { seq }),
  error: { code: 'invalid_input', message: 'text is blank', native: 'INVALID_ARGUMENT' },
});

const fold = (events: StreamEvent[], from: StreamLaneState = initialLaneState) => events.reduce(streamLaneReducer, from);

describe('streamLaneReducer', () => {
  it('starts idle with nothing counted', () => {
    expect(initialLaneState).toEqual({ connection: 'idle', latencies: [], counts: { sent: 0, updates: 0, skipped: 0, errors: 0 } });
    expect(awaitedSeq(initialLaneState)).toBeUndefined();
    expect(latencyP50(initialLaneState)).toBeUndefined();
  });

  it('follows the connection state and keeps only the latest detail', () => {
    const connecting = fold([state('connecting', 'ws://x/ws')]);
    expect(connecting).toMatchObject({ connection: 'connecting', detail: 'ws://x/ws' });
    const open = fold([state('open')], connecting);
    expect(open.connection).toBe('open');
    expect(open.detail).toBeUndefined();
    expect(needsReconnect(open)).toBe(false);
    expect(needsReconnect(fold([state('failed', 'UNAVAILABLE: refused')]))).toBe(true);
    expect(needsReconnect(fold([state('closed')]))).toBe(true);
  });

  it('shows the newest update with its text, label, score and latency, and counts skipped texts', () => {
    const lane = fold([
      state('open'),
      sent(1, 'I'),
      sent(2, 'I lo'),
      sent(3, 'I love'),
      update(1, 'I', { label: 'neutral', score: 0, latencyMs: 20 }),
      update(3, 'I love', { skipped: 1, latencyMs: 30 }),
    ]);
    expect(lane.last).toMatchObject({ seq: 3, text: 'I love', label: 'positive', score: 0.6, probability: 0.8, skipped: 1, latencyMs: 30, serverMs: 3 });
    expect(lane.counts).toEqual({ sent: 3, updates: 2, skipped: 1, errors: 0 });
    expect(lane.latencies).toEqual([20, 30]);
    expect(latencyP50(lane)).toBe(25);
    expect(awaitedSeq(lane)).toBeUndefined();
  });

  it('waits for the last text sent while an older text is shown', () => {
    const lane = fold([sent(1, 'bad'), update(1, 'bad', { label: 'negative' }), sent(2, 'bad day')]);
    expect(lane.last?.text).toBe('bad');
    expect(awaitedSeq(lane)).toBe(2);
  });

  it('ignores an update older than the one shown', () => {
    const lane = fold([update(2, 'newer')]);
    expect(streamLaneReducer(lane, update(1, 'older'))).toBe(lane);
  });

  it('keeps a bounded window of finite latencies', () => {
    const many = Array.from({ length: RECENT_LATENCIES + 5 }, (_, i) => update(i + 1, `t${i}`, { latencyMs: i }));
    const lane = fold([...many, update(RECENT_LATENCIES + 6, 'unknown push time', { latencyMs: Number.NaN })]);
    expect(lane.latencies).toHaveLength(RECENT_LATENCIES);
    expect(lane.latencies[0]).toBe(5);
    expect(lane.latencies.at(-1)).toBe(RECENT_LATENCIES + 4);
    expect(lane.counts.updates).toBe(RECENT_LATENCIES + 6);
    expect(Number.isNaN(lane.last?.latencyMs)).toBe(true);
  });

  it('shows an error about the newest text, and keeps an error older than the shown update only as history', () => {
    const failedItem = fold([sent(1, 'ok'), update(1, 'ok'), sent(2, '   '), error(2)]);
    expect(currentError(failedItem)?.seq).toBe(2);
    expect(awaitedSeq(failedItem)).toBeUndefined();
    expect(failedItem.counts.errors).toBe(1);

    const recovered = fold([sent(3, 'ok again'), update(3, 'ok again')], failedItem);
    expect(currentError(recovered)).toBeUndefined();
    expect(recovered.lastError?.seq).toBe(2);

    const streamError = fold([error()], recovered);
    expect(currentError(streamError)?.error.native).toBe('INVALID_ARGUMENT');
    expect(currentError(fold([update(4, 'later')], streamError))).toBeUndefined();
  });

  it('clears updates, errors and counts but keeps the connection', () => {
    const lane = fold([state('open', 'session 1'), sent(1, 'x'), update(1, 'x'), error()]);
    expect(clearedLane(lane)).toEqual({ ...initialLaneState, connection: 'open', detail: 'session 1' });
  });

  it('keeps a planned reconnect through the attempt, and drops it once the lane is open again', () => {
    const lost = fold([state('open'), sent(1, 'x'), update(1, 'x'), state('failed', 'close code 1006')]);
    const planned = withPlannedReconnect(lost, { attempt: 1, delayMs: 400, apiUnreachable: true });
    const trying = fold([state('connecting')], planned);
    expect(trying.reconnect).toEqual({ attempt: 1, delayMs: 400, apiUnreachable: true });
    expect(trying.last?.text).toBe('x');
    expect(needsReconnect(fold([state('failed')], trying))).toBe(true);
    expect(fold([state('open')], trying).reconnect).toBeUndefined();
  });

  it('takes a new session’s updates from seq 1 again, keeping counts and latencies', () => {
    const old = fold([state('open'), sent(1, 'a'), update(1, 'a'), sent(2, 'ab'), update(2, 'ab'), state('failed')]);
    const renewed = fold([state('open'), sent(1, 'abc'), update(1, 'abc')], laneForNewSession(old));
    expect(renewed.last).toMatchObject({ seq: 1, text: 'abc' });
    expect(renewed.counts).toEqual({ sent: 3, updates: 3, skipped: 0, errors: 0 });
    expect(renewed.latencies).toHaveLength(3);
    expect(awaitedSeq(renewed)).toBeUndefined();
  });
});
