import { expect } from 'vitest';
import { httpLanes, type HostileServers, type HttpSession } from './hostile-lanes-http';
import { grpcLane, mqttLane, websocketLane, type GrpcSession, type MqttSession, type RawSession } from './hostile-lanes-streams';
import { expectOutcome, HOSTILE_LANES, type Attack, type HostileCase, type HostileLane, type HostileSession, type WireRequest } from './hostile-shape';

export type { HostileServers } from './hostile-lanes-http';

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
  const [rest, graphql, soap, grpcWeb] = httpLanes(servers);
  return [rest!, graphql!, soap!, grpcLane(servers), grpcWeb!, websocketLane(servers), mqttLane(servers)] as HostileLane[];
}

/** A row: it runs on the lanes it has an attack for. */
export const hostileCase = (row: Case): Case => ({ ...row, only: Object.keys(row.attacks) as Case['only'] });

/** The same attack, written against what every lane can do, on every lane. */
export const everywhere = (attack: Attack<HostileSession>): Attacks => Object.fromEntries(HOSTILE_LANES.map((lane) => [lane, attack]));

/** The same attack on some lanes. */
export const on = <Lane extends keyof HostileSessions>(lanes: readonly Lane[], attack: Attack<HostileSessions[Lane]>): Attacks =>
  Object.fromEntries(lanes.map((lane) => [lane, attack]));

export const HTTP_LANES = ['rest', 'graphql', 'soap', 'grpc-web'] as const;

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

/** Runs one row's attack on one lane, asserts the answer in the lane's native terms, then asserts the lane still serves. */
export async function checkHostile(session: HostileSession, row: Case, lane: HostileLane): Promise<void> {
  const attack = row.attacks[lane.name] as Attack<HostileSession>;
  const outcome = await attack(session);
  expectOutcome(outcome, row.differs?.[lane.name] ?? row.expected, lane);
  await row.afterwards?.(outcome, lane.name);
  expect(await session.send(session.encodePredict('sentiment', { text: NORMAL_TEXT })), 'a normal request after the attack').toMatchObject({ kind: 'answer' });
}
