import { describe, expect, it } from 'vitest';
import { callPhases, serverTimeOfReply, type CallTiming } from './call-timing';

const sum = (phases: Array<{ ms: number }>) => phases.reduce((total, phase) => total + phase.ms, 0);

const timing = (server?: CallTiming['server']): CallTiming => ({ encodeMs: 1.5, server, decodeMs: 0.5, clock: 'network-stack' });

describe('callPhases', () => {
  it('splits the round trip into network and server time, between encoding and decoding', () => {
    const phases = callPhases(10, timing({ totalMs: 4, source: 'server-timing-header' }));
    expect(phases.map((phase) => phase.id)).toEqual(['encode', 'network', 'server', 'decode']);
    expect(sum(phases)).toBeCloseTo(1.5 + 10 + 0.5);
  });

  it('keeps the round trip whole when the server said nothing (an error answer)', () => {
    const phases = callPhases(10, timing());
    expect(phases.map((phase) => phase.id)).toEqual(['encode', 'network', 'decode']);
    expect(sum(phases)).toBeCloseTo(12);
  });

  it('has no network for the lane that runs in this tab', () => {
    expect(callPhases(10, timing({ totalMs: 10, source: 'this-tab' })).map((phase) => phase.id)).toEqual(['encode', 'server', 'decode']);
  });

  it('never makes a phase negative, even when the server counts more than the page saw', () => {
    const phases = callPhases(3, timing({ totalMs: 5, source: 'reply-timing-fields' }));
    expect(phases.every((phase) => phase.ms >= 0)).toBe(true);
    expect(sum(phases)).toBeCloseTo(5);
  });
});

describe('serverTimeOfReply', () => {
  it("reads a reply's timing fields, and nothing from a reply without them", () => {
    expect(serverTimeOfReply({ timing: { serverMs: 3, preprocessMs: 1, inferenceMs: 1.5 } })).toEqual({
      totalMs: 3,
      preprocessMs: 1,
      inferenceMs: 1.5,
      source: 'reply-timing-fields',
    });
    expect(serverTimeOfReply({ timing: { serverMs: 3, trainingMs: 2 } })).toMatchObject({ totalMs: 3, inferenceMs: undefined });
    expect(serverTimeOfReply({ models: [] })).toBeUndefined();
  });
});
