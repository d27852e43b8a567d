import { expect } from 'vitest';
import type { ErrorCode } from '../../lib/contract';
import type { TableLane, TableRow } from './run-table';

// The hostile-input table: the same attack on every protocol, each in its own encoding, answered in each protocol's
// own error form; after every attack, a normal request on the same protocol must still be answered.

export const HOSTILE_LANES = ['rest', 'graphql', 'soap', 'grpc', 'grpc-web', 'websocket', 'mqtt'] as const;
export type HostileLaneName = (typeof HOSTILE_LANES)[number];

/** An error outcome's `code` where the protocol's answer carries no contract code. */
export const NO_CODE = '(none)';

/** What the server did with one request, read off the wire in the protocol's own terms. */
export type Outcome =
  /** `code`: the contract code where the protocol carries it (problem code, extensions.code, mw:code, modelwire-code ...), else NO_CODE. */
  | { kind: 'error'; code: string; native: string; text: string }
  | { kind: 'answer'; native: string; text: string }
  /** The connection or stream ended without an answer: a close code, RST_STREAM, a 408, a dropped socket. */
  | { kind: 'closed'; native: string; afterMs: number }
  /** A refusal by the protocol itself, with no contract code: SUBACK 0x80, a refused upgrade, UNIMPLEMENTED. */
  | { kind: 'refused'; native: string }
  | { kind: 'silence'; afterMs: number }
  | { kind: 'flood'; outcomes: Outcome[] };

export type Expectation =
  /** The contract code, in the lane's native error form (`native` overrides the lane's usual form). */
  | { code: ErrorCode; native?: string | RegExp }
  /** The server ends the connection or stream, within `withinMs` of the attack when given. */
  | { closed: RegExp; withinMs?: number }
  | { refused: RegExp }
  /** Every request of a flood answered or refused as overloaded: none lost, none hanging, nothing else. */
  | { answeredOrOverloaded: true };

/** One request in a lane's own encoding: the HTTP path (or MQTT topic), headers (or gRPC metadata), and the body bytes. */
export interface WireRequest {
  target: string;
  headers: Record<string, string>;
  body: Buffer;
  /** WebSocket: a binary frame instead of a text frame. */
  binary?: boolean;
  /** gRPC: the body is already whole gRPC frames, sent as they are (else the lane frames the message). */
  framed?: boolean;
}

/** Loosely typed request fields, as JSON would carry them: {text}, {features}, {topK}, {X, y} ... of any type. */
export type Loose = Record<string, unknown>;

/** What every lane can do: encode a prediction or a training in its own wire format, and send any request. */
export interface HostileSession {
  lane: HostileLaneName;
  encodePredict(model: string, fields: Loose): WireRequest;
  encodeTrain(model: string, fields: Loose): WireRequest;
  send(request: WireRequest): Promise<Outcome>;
}

export interface HostileLane<Session extends HostileSession = HostileSession> extends TableLane<HostileLaneName, Session> {
  /** The native form an error with `code` takes on this lane. */
  nativeFor(code: ErrorCode): string | RegExp;
}

export type Attack<Session> = (session: Session) => Promise<Outcome>;

export interface HostileCase<Sessions extends Record<HostileLaneName, HostileSession>> extends TableRow<HostileLaneName> {
  attacks: { [Lane in HostileLaneName]?: Attack<Sessions[Lane]> };
  expected: Expectation;
  /** Where one protocol's documented answer differs (e.g. a close instead of an error), with the reason. */
  differs?: Partial<Record<HostileLaneName, Expectation & { why: string }>>;
  /** Checks after the answer, e.g. that nothing was stored. */
  afterwards?: (outcome: Outcome, lane: HostileLaneName) => void | Promise<void>;
}

export const predicting = (model: string, fields: Loose) => (session: HostileSession) => session.send(session.encodePredict(model, fields));
export const training = (model: string | ((lane: HostileLaneName) => string), fields: Loose) => (session: HostileSession) =>
  session.send(session.encodeTrain(typeof model === 'string' ? model : model(session.lane), fields));

const summary = (outcome: Outcome) => (outcome.kind === 'flood' ? `flood of ${outcome.outcomes.length}` : JSON.stringify(outcome).slice(0, 400));

/** Asserts one outcome against what was expected, in the lane's native terms. */
export function expectOutcome(outcome: Outcome, expected: Expectation, lane: Pick<HostileLane, 'name' | 'nativeFor'>): void {
  if ('code' in expected) {
    expect(outcome.kind === 'error' ? { code: outcome.code } : summary(outcome), summary(outcome)).toEqual({ code: expected.code });
    if (outcome.kind !== 'error') return;
    const native = expected.native ?? lane.nativeFor(expected.code);
    if (typeof native === 'string') expect(outcome.native, summary(outcome)).toBe(native);
    else expect(outcome.native, summary(outcome)).toMatch(native);
    return;
  }
  if ('closed' in expected) {
    if (outcome.kind !== 'closed') throw new Error(`expected the connection or stream to be ended, got ${summary(outcome)}`);
    expect(outcome.native).toMatch(expected.closed);
    if (expected.withinMs !== undefined) expect(outcome.afterMs).toBeLessThan(expected.withinMs);
    return;
  }
  if ('refused' in expected) {
    const refusedWithoutCode = outcome.kind === 'refused' || (outcome.kind === 'error' && outcome.code === NO_CODE);
    if (!refusedWithoutCode) throw new Error(`expected a refusal without a contract code, got ${summary(outcome)}`);
    expect(outcome.native).toMatch(expected.refused);
    return;
  }
  if (outcome.kind !== 'flood') throw new Error(`expected a flood's outcomes, got ${summary(outcome)}`);
  const tally = new Map<string, number>();
  for (const one of outcome.outcomes) {
    const label = one.kind === 'answer' ? 'answered' : one.kind === 'error' && one.code === 'overloaded' ? 'overloaded' : summary(one);
    tally.set(label, (tally.get(label) ?? 0) + 1);
  }
  console.info(`hostile › ${lane.name} › flood of ${outcome.outcomes.length}:`, Object.fromEntries(tally));
  expect([...tally.keys()].filter((label) => label !== 'answered' && label !== 'overloaded')).toEqual([]);
}

/** The body of an answer or an error must never carry a number JSON or XML cannot hold. */
export function expectNoNonFiniteNumbers(outcome: Outcome): void {
  if (outcome.kind === 'error' || outcome.kind === 'answer') expect(outcome.text).not.toMatch(/\b(Infinity|NaN|INF)\b|[[,]\s*null\b/);
}
