import { describe, expect, it } from 'vitest';
import type { CallOutcome } from '../../lib/clients/protocol-client';
import type { PredictionOutput, PredictionResult } from '../../lib/contract';
import { answerOf, changeSince, compareLanes, figuresOf, type LaneFigures } from '../../components/compare/lane-figures';

const message = (bytes: number) => ({ summary: '', headers: [], body: '', bytes });

function answered(output: PredictionOutput, roundTripMs: number, serverMs: number, requestBytes: number, cached = false): CallOutcome<PredictionResult> {
  return {
    ok: true,
    value: { model: { name: 'm', version: 1 }, output, timing: { serverMs }, cached },
    roundTripMs,
    wire: { request: message(requestBytes), response: message(200) },
  } as unknown as CallOutcome<PredictionResult>;
}

const labels = (top: string): PredictionOutput => ({ kind: 'classification', labels: [{ classIndex: 1, label: top, probability: 0.9 }] });

describe('figuresOf', () => {
  it('takes the round trip, the server time and the bytes of an answer', () => {
    const row = figuresOf({ id: 'rest', title: 'REST' }, { state: 'done', outcome: answered(labels('goldfish'), 12, 4, 900) });
    expect(row).toEqual({ laneId: 'rest', title: 'REST', inPage: false, state: 'ok', answer: 'goldfish', cached: false, values: { roundTripMs: 12, serverMs: 4, requestBytes: 900, responseBytes: 200 } });
  });

  it('says when the server answered from its prediction cache', () => {
    expect(figuresOf({ id: 'rest', title: 'REST' }, { state: 'done', outcome: answered(labels('goldfish'), 2, 0.3, 900, true) })?.cached).toBe(true);
  });

  it('gives a lane in the page only its compute time: no server, no bytes', () => {
    const row = figuresOf({ id: 'browser', title: 'in your browser', inPage: true }, { state: 'done', outcome: answered(labels('goldfish'), 30, 27, 1000) });
    expect(row?.values).toEqual({ roundTripMs: 30 });
  });

  it("prefers the server time the client measured (Server-Timing) to the reply's own field", () => {
    const outcome = { ...answered(labels('goldfish'), 12, 4, 900), timing: { encodeMs: 1, decodeMs: 1, clock: 'page', server: { totalMs: 6, source: 'server-timing-header' } } } as const;
    expect(figuresOf({ id: 'rest', title: 'REST' }, { state: 'done', outcome })?.values.serverMs).toBe(6);
  });

  it("gives an error answer the error's code and the figures it has", () => {
    const outcome = { ok: false, error: { code: 'invalid_input', message: 'no', native: 'HTTP 400' }, roundTripMs: 3, wire: { request: message(50), response: message(80) } } as const;
    expect(figuresOf({ id: 'rest', title: 'REST' }, { state: 'done', outcome })).toEqual({
      laneId: 'rest',
      title: 'REST',
      inPage: false,
      state: 'error',
      answer: 'invalid_input',
      values: { roundTripMs: 3, requestBytes: 50, responseBytes: 80 },
    });
  });

  it('has no row before the first send, and empty figures for a lane with no answer', () => {
    expect(figuresOf({ id: 'rest', title: 'REST' }, { state: 'idle' })).toBeUndefined();
    expect(figuresOf({ id: 'rest', title: 'REST' }, { state: 'cancelled', elapsedMs: 3 })).toMatchObject({ state: 'cancelled', values: {} });
  });
});

describe('compareLanes', () => {
  const row = (laneId: string, answer: string, roundTripMs: number, requestBytes: number, state: LaneFigures['state'] = 'ok'): LaneFigures => ({
    laneId,
    title: laneId,
    inPage: false,
    state,
    answer,
    values: { roundTripMs, requestBytes },
  });

  it('marks the lowest of each column among the lanes that answered, ties included', () => {
    const { rows, widest } = compareLanes([row('a', 'x', 10, 500), row('b', 'x', 5, 500), row('c', 'bad_request', 1, 100, 'error')]);
    expect(rows.map((compared) => compared.best)).toEqual([['requestBytes'], ['roundTripMs', 'requestBytes'], []]);
    expect(widest.roundTripMs).toBe(10);
    expect(widest.serverMs).toBe(0);
  });

  it('flags the lanes whose answer is not what most lanes answered', () => {
    const { rows, majority } = compareLanes([row('a', 'goldfish', 1, 1), row('b', 'goldfish', 1, 1), row('c', 'tench', 1, 1), row('d', 'internal', 1, 1, 'error')]);
    expect(majority).toBe('goldfish');
    expect(rows.map((compared) => compared.differs)).toEqual([false, false, true, false]);
  });

  it('flags nothing when every lane agrees', () => {
    const { rows, majority } = compareLanes([row('a', 'positive', 1, 1), row('b', 'positive', 2, 1), row('c', 'invalid_input', 1, 1, 'error')]);
    expect(majority).toBeUndefined();
    expect(rows.some((compared) => compared.differs)).toBe(false);
  });
});

describe('answerOf and changeSince', () => {
  it('reads every kind of output the same way on every lane', () => {
    expect(answerOf({ kind: 'sentiment', label: 'negative', score: -1, probability: 0.8 })).toBe('negative');
    expect(answerOf({ kind: 'regression', values: [2.1250000001, 3] })).toBe('2.125, 3');
  });

  it('subtracts the pinned figures from the current ones where both exist', () => {
    const now: LaneFigures = { laneId: 'a', title: 'a', inPage: false, state: 'ok', values: { roundTripMs: 12, requestBytes: 100 } };
    const pinned: LaneFigures = { ...now, values: { roundTripMs: 20, serverMs: 3, requestBytes: 100 } };
    expect(changeSince(now, pinned)).toEqual({ roundTripMs: -8, requestBytes: 0 });
    expect(changeSince(now, undefined)).toEqual({});
  });
});
