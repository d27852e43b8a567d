import { expect } from 'vitest';
import type { ErrorCode, PredictionInput, TrainRequest } from '../../lib/contract';
import type { CallOutcome, ProtocolClient } from '../../lib/clients/protocol-client';
import { withoutCallDetails } from '../support/outcomes';
import type { ClientLane, LaneName } from './lanes';
import type { Reference } from './reference';
import type { TableRow } from './run-table';

/** What a case asks, through ProtocolClient. */
export type Call =
  | { op: 'predict'; model: string; input: PredictionInput; options?: { topK?: number } }
  | { op: 'train'; model: string; request: TrainRequest }
  | { op: 'listModels' };

/** An answer (computed from the reference, compared without timing), a contract error code, or a client that refuses to send. */
export type Expected =
  | { ok: true; value: (reference: Reference, call: Call) => Promise<unknown> }
  | { ok: false; code: ErrorCode; native?: string | RegExp }
  | { thrown: RegExp };

export interface ConformanceCase extends TableRow<LaneName> {
  /** A function of the lane where each lane needs its own name (a train creates a model version). */
  call: Call | ((lane: LaneName) => Call);
  expected: Expected;
  /** Where a protocol legitimately answers otherwise today, with the reason: recorded here, not hidden. */
  differs?: Partial<Record<LaneName, Expected & { why: string }>>;
}

/** An answer as compared: without its timing, which differs on every call. */
const comparable = (value: unknown) => (typeof value === 'object' && value !== null && 'timing' in value ? withoutCallDetails(value) : value);

async function outcomeOf(client: ProtocolClient, call: Call): Promise<CallOutcome<unknown>> {
  switch (call.op) {
    case 'predict':
      return client.predict(call.model, call.input, call.options);
    case 'train':
      return client.train(call.model, call.request);
    case 'listModels': {
      const started = performance.now();
      const models = await client.listModels();
      const nothing = { summary: '', headers: [], body: '', bytes: 0 };
      return { ok: true, value: models, roundTripMs: performance.now() - started, wire: { request: nothing, response: nothing } };
    }
  }
}

/** Runs one case on one lane's client and asserts its answer, or its error code in the protocol's native form. */
export async function checkCase(client: ProtocolClient, row: ConformanceCase, lane: ClientLane, reference: Reference): Promise<void> {
  const call = typeof row.call === 'function' ? row.call(lane.name) : row.call;
  const expected = row.differs?.[lane.name] ?? row.expected;
  if ('thrown' in expected) {
    await expect(outcomeOf(client, call)).rejects.toThrow(expected.thrown);
    return;
  }
  const outcome = await outcomeOf(client, call);
  if (expected.ok) {
    const answer = outcome.ok ? outcome.value : `${outcome.error.native}: ${outcome.error.code}: ${outcome.error.message}`;
    expect(comparable(answer)).toEqual(comparable(await expected.value(reference, call)));
    return;
  }
  expect(outcome.ok ? { answered: outcome.value } : outcome.error).toMatchObject({ code: expected.code });
  if (outcome.ok) return;
  expect(outcome.error.native.length).toBeGreaterThan(0);
  const native = expected.native ?? lane.nativeFor(expected.code);
  if (typeof native === 'string') expect(outcome.error.native).toBe(native);
  else expect(outcome.error.native).toMatch(native);
}
