import { expect } from 'vitest';
import { httpLanes, type HostileServers, type HttpSession } from './hostile-lanes-http';
import { grpcLane, mqttLane, websocketLane, type GrpcSession, type MqttSession, type RawSession } from './hostile-lanes-streams';
import { expectOutcome, HOSTILE_LANES, type Attack, type HostileCase, type HostileLane, type HostileSession, type Loose, type WireRequest } from './hostile-shape';

export { SHORT_REQUEST_TIMEOUT_MS, type HostileServers } from './hostile-lanes-http';

/** Each lane's session: what its attacks can do besides encoding and sending a request. */
export interface HostileSessions {
  rest: HttpSession;
  graphql: HttpSession;
  soap: HttpSession;
  'grpc-web': HttpSession;
  grpc: GrpcSession;
  websocket: RawSession;
  mqtt: MqttSession;
}

export type Case = HostileCase<HostileSessions>;
export type Attacks = Case['attacks'];

export function hostileLanes(servers: () => HostileServers): HostileLane[] {
  const http = httpLanes(servers);
  return [http.rest, http.graphql, http.soap, grpcLane(servers), http.grpcWeb, websocketLane(servers), mqttLane(servers)] as HostileLane[];
}

/** A row: it runs on the lanes it has an attack for. */
export const hostileCase = (row: Case): Case => ({ ...row, only: Object.keys(row.attacks) as Case['only'] });

/** The same attack, written against what every lane can do, on every lane. */
export const everywhere = (attack: Attack<HostileSession>): Attacks => Object.fromEntries(HOSTILE_LANES.map((lane) => [lane, attack]));

/** The same attack on some lanes. */
export const on = <Lane extends keyof HostileSessions>(lanes: readonly Lane[], attack: Attack<HostileSessions[Lane]>): Attacks =>
  Object.fromEntries(lanes.map((lane) => [lane, attack]));

export const HTTP_LANES = ['rest', 'graphql', 'soap', 'grpc-web'] as const;
export const GRPC_LANES = ['grpc', 'grpc-web'] as const;

/** What most hostile input gets: the client's fault, never internal, not worth retrying. */
export const INVALID_INPUT = { code: 'invalid_input' } as const;

type Change = (request: WireRequest, session: HostileSession) => WireRequest;

/** An attack that encodes a prediction in the lane's own format, then changes it before sending it. */
export const predictThen = (model: string, fields: Loose, change: Change) => (session: HostileSession) =>
  session.send(change(session.encodePredict(model, fields), session));

/** A plain sentiment prediction, changed before it goes out. */
export const sentimentThen = (change: Change) => predictThen('sentiment', { text: 'good' }, change);

/** The request with the first `find` in its body replaced (same length where a protobuf length prefix counts it). */
export function patch(request: WireRequest, find: string, replacement: string | Buffer): WireRequest {
  const at = request.body.indexOf(find);
  if (at < 0) throw new Error(`"${find}" is not in the request body`);
  const bytes = typeof replacement === 'string' ? Buffer.from(replacement) : replacement;
  return { ...request, body: Buffer.concat([request.body.subarray(0, at), bytes, request.body.subarray(at + Buffer.byteLength(find))]) };
}

export const withHeaders = (request: WireRequest, headers: Record<string, string>): WireRequest => ({ ...request, headers: { ...request.headers, ...headers } });

export const withBody = (request: WireRequest, body: Buffer | string): WireRequest => ({ ...request, body: Buffer.from(body) });

/** The first half of the body: cut JSON, cut XML, a protobuf message cut mid-field. */
export const cut = (request: WireRequest): WireRequest => ({ ...request, body: request.body.subarray(0, Math.floor(request.body.length / 2)) });

const NORMAL_TEXT = 'What a lovely, helpful answer. Thank you!';
const RETRIES_WHEN_OVERLOADED = 4;
const RETRY_PAUSE_MS = 300;

/**
 * A normal request, answered. A connection that has just flooded may first be told to slow down (overloaded, as its
 * rate limit says): like any client, it waits and asks again.
 */
async function expectNormalAnswer(session: HostileSession): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const outcome = await session.send(session.encodePredict('sentiment', { text: NORMAL_TEXT }));
    const overloaded = outcome.kind === 'error' && outcome.code === 'overloaded';
    if (!overloaded || attempt === RETRIES_WHEN_OVERLOADED) {
      expect(outcome, 'a normal request after the attack').toMatchObject({ kind: 'answer' });
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, RETRY_PAUSE_MS));
  }
}

/** Runs one row's attack on one lane, asserts the answer in the lane's native terms, then asserts the lane still serves. */
export async function checkHostile(session: HostileSession, row: Case, lane: HostileLane): Promise<void> {
  const attack = row.attacks[lane.name] as Attack<HostileSession>;
  const outcome = await attack(session);
  expectOutcome(outcome, row.differs?.[lane.name] ?? row.expected, lane);
  await row.afterwards?.(outcome, lane.name);
  await expectNormalAnswer(session);
}
