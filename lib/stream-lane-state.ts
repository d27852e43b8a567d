import type { ConnectionState, ProtocolError, StreamEvent } from './clients/protocol-client';
import type { SentimentLabel } from './contract';
import { quantile } from './latency-stats';

// What one lane of the /stream page shows, folded from the StreamEvent union every transport emits. Pure: the page
// keeps one of these per transport and feeds it each event; a new session starts from `initialLaneState`.

/** How many recent latencies a lane keeps for its sparkline and p50. */
export const RECENT_LATENCIES = 40;

export interface LaneUpdate {
  seq: number;
  /** The text this update scored: an older one than the box holds while newer texts are still on their way. */
  text: string;
  label: SentimentLabel;
  /** -1 (most negative) .. 1 (most positive). */
  score: number;
  probability: number;
  /** Texts the server dropped (latest wins) before it scored this one. */
  skipped: number;
  /** From pushing this seq to its update arriving; NaN when the push time is unknown. */
  latencyMs: number;
  serverMs: number;
  /** When it arrived (Date.now()). */
  time: number;
}

export interface LaneError {
  /** The item the error is about; absent for an error about the whole stream. */
  seq?: number;
  error: ProtocolError;
  time: number;
}

export interface LaneCounts {
  sent: number;
  updates: number;
  skipped: number;
  errors: number;
}

/** An automatic reconnect the page has planned for a lane whose connection was lost. */
export interface PlannedReconnect {
  /** 1 for the first attempt since the lane was last open. */
  attempt: number;
  delayMs: number;
  /** The API server did not answer its health check either when the attempt was planned. */
  apiUnreachable: boolean;
}

export interface StreamLaneState {
  connection: ConnectionState;
  /** Set from a lost connection until the lane is open again. */
  reconnect?: PlannedReconnect;
  /** What the transport said about its last state change (URL, close code, the failure in the protocol's words). */
  detail?: string;
  lastSent?: { seq: number; text: string };
  last?: LaneUpdate;
  lastError?: LaneError;
  /** Finite latencies of the most recent updates, oldest first, at most RECENT_LATENCIES. */
  latencies: number[];
  counts: LaneCounts;
}

export const initialLaneState: StreamLaneState = { connection: 'idle', latencies: [], counts: { sent: 0, updates: 0, skipped: 0, errors: 0 } };

export function streamLaneReducer(state: StreamLaneState, event: StreamEvent): StreamLaneState {
  switch (event.type) {
    case 'state': {
      const { detail: _previous, reconnect, ...rest } = state;
      const stillReconnecting = reconnect && event.state !== 'open' ? { reconnect } : {};
      return { ...rest, ...stillReconnecting, connection: event.state, ...(event.detail === undefined ? {} : { detail: event.detail }) };
    }
    case 'sent':
      return { ...state, lastSent: { seq: event.seq, text: event.text }, counts: { ...state.counts, sent: state.counts.sent + 1 } };
    case 'update': {
      const { update, latencyMs } = event;
      // Updates come in increasing seq order; one that does not (a late duplicate) changes nothing.
      if (state.last && update.seq <= state.last.seq) return state;
      const { label, score, probability } = update.output;
      const last: LaneUpdate = { seq: update.seq, text: update.text, label, score, probability, skipped: update.skipped, latencyMs, serverMs: update.timing.serverMs, time: event.time };
      const latencies = Number.isFinite(latencyMs) ? [...state.latencies, latencyMs].slice(-RECENT_LATENCIES) : state.latencies;
      const counts = { ...state.counts, updates: state.counts.updates + 1, skipped: state.counts.skipped + update.skipped };
      return { ...state, last, latencies, counts };
    }
    case 'error':
      return {
        ...state,
        lastError: { ...(event.seq === undefined ? {} : { seq: event.seq }), error: event.error, time: event.time },
        counts: { ...state.counts, errors: state.counts.errors + 1 },
      };
  }
}

/** The lane after the Clear button: no update, no error, no counts, but still the same connection (and reconnect). */
export function clearedLane({ connection, detail, reconnect }: StreamLaneState): StreamLaneState {
  return { ...initialLaneState, connection, ...(detail === undefined ? {} : { detail }), ...(reconnect ? { reconnect } : {}) };
}

/** The seq the lane still waits for: the last text sent, when neither its update nor an error about it came yet. */
export function awaitedSeq({ lastSent, last, lastError }: StreamLaneState): number | undefined {
  if (!lastSent) return undefined;
  if (last && last.seq >= lastSent.seq) return undefined;
  if (lastError?.seq !== undefined && lastError.seq >= lastSent.seq) return undefined;
  return lastSent.seq;
}

/** The error to show in full: one newer than the last update (an older one is history, shown muted). */
export function currentError({ last, lastError }: StreamLaneState): LaneError | undefined {
  if (!lastError) return undefined;
  if (!last) return lastError;
  const older = lastError.seq === undefined ? lastError.time < last.time : lastError.seq < last.seq;
  if (older) return undefined;
  return lastError;
}

/** The median of the recent latencies, or undefined before the first measured update. */
export function latencyP50({ latencies }: StreamLaneState): number | undefined {
  return latencies.length === 0 ? undefined : quantile([...latencies].sort((a, b) => a - b), 0.5);
}

/**
 * The lane when its session is replaced by itself: a new session numbers its texts from 1 again, so what the old one
 * sent, scored or refused is dropped; the counts and latencies stay, as does the connection until the new one reports.
 */
export function laneForNewSession({ last: _last, lastSent: _lastSent, lastError: _lastError, ...kept }: StreamLaneState): StreamLaneState {
  return kept;
}

/** The lane with an automatic reconnect planned; the transport's own state changes keep it until the lane is open. */
export const withPlannedReconnect = (state: StreamLaneState, reconnect: PlannedReconnect): StreamLaneState => ({ ...state, reconnect });

/** A lane whose session is gone for good or failed to connect: it offers Reconnect. */
export const needsReconnect = ({ connection }: StreamLaneState) => connection === 'failed' || connection === 'closed';
