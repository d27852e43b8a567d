import type { Timing } from '../contract';

// What one call's time went to, as its client measured it. The round trip itself stays CallOutcome.roundTripMs.

/** Where a lane's server time came from. */
export type ServerTimeSource = 'server-timing-header' | 'reply-timing-fields' | 'this-tab';

export interface ServerTime {
  /** From the request's arrival to its result, in the server's (or the tab's) own words. */
  totalMs: number;
  preprocessMs?: number;
  inferenceMs?: number;
  source: ServerTimeSource;
}

/** Setting up before the request could go; not part of the round trip. */
export interface ConnectTime {
  ms: number;
  /** What was set up: "opened the WebSocket", "TCP connection and CORS preflight", "downloaded and loaded the model". */
  what: string;
}

/** Which clock measured the round trip. */
export type RoundTripClock =
  /** The browser's network stack (Resource Timing): untouched by whatever else the page was doing. */
  | 'network-stack'
  /** performance.now() on the page around the send and the reply's arrival. */
  | 'page';

export interface CallTiming {
  /** Present when this call had to connect (or load) first: its first call, or the first after the connection closed. */
  connect?: ConnectTime;
  /** Building the request: JSON, XML, protobuf, base64 of an image (in a Web Worker). */
  encodeMs: number;
  /** Absent when the answer carried no timing (an error). */
  server?: ServerTime;
  /** Reading the answer into the contract's types. */
  decodeMs: number;
  clock: RoundTripClock;
}

const optionalMs = (value: unknown) => (typeof value === 'number' ? value : undefined);

/** The timing fields of an answer (WebSocket and MQTT replies carry the core's own numbers); undefined without them. */
export function serverTimeOfReply(value: unknown): ServerTime | undefined {
  const timing = (value as { timing?: Partial<Record<keyof Timing, unknown>> } | undefined)?.timing;
  if (typeof timing?.serverMs !== 'number') return undefined;
  return { totalMs: timing.serverMs, preprocessMs: optionalMs(timing.preprocessMs), inferenceMs: optionalMs(timing.inferenceMs), source: 'reply-timing-fields' };
}

/** Milliseconds since a performance.now() reading. */
export const since = (start: number) => performance.now() - start;

/** `open()` (true when it had to connect) timed as the connecting it did; undefined when it was open already. */
export async function timedConnect(open: () => Promise<boolean>, what: string): Promise<ConnectTime | undefined> {
  const started = performance.now();
  return (await open()) ? { ms: since(started), what } : undefined;
}

/** One bar of a call's breakdown. */
export interface CallPhase {
  id: 'encode' | 'network' | 'server' | 'decode';
  ms: number;
}

/**
 * The phases of a call, in order; they add up to encode + round trip + decode. The round trip splits into the
 * network and the server's own time when the server said how long it took; a lane without a network (this tab) has
 * only the model's time.
 */
export function callPhases(roundTripMs: number, timing: CallTiming): CallPhase[] {
  const { server } = timing;
  const exchange: CallPhase[] = !server
    ? [{ id: 'network', ms: roundTripMs }]
    : server.source === 'this-tab'
      ? [{ id: 'server', ms: roundTripMs }]
      : [
          { id: 'network', ms: Math.max(0, roundTripMs - server.totalMs) },
          { id: 'server', ms: Math.min(server.totalMs, roundTripMs) },
        ];
  return [{ id: 'encode', ms: timing.encodeMs }, ...exchange, { id: 'decode', ms: timing.decodeMs }];
}
