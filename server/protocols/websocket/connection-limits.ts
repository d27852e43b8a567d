import { MAX_BODY_BYTES } from '../../../lib/size-limits';
import { ModelWireError } from '../../../lib/model-wire-error';
import { DEFAULT_BACKPRESSURE_LIMITS, type BackpressureLimits } from '../shared/websocket-backpressure';

/**
 * What one WebSocket connection may do. Every limit answers with an error message and keeps the connection, but two:
 * a frame over the server's maximum (ws closes with 1009) and replies left unread (see websocket-backpressure.ts).
 */
export interface ConnectionLimits extends BackpressureLimits {
  /**
   * Largest frame answered, text or binary; a larger one gets too_large. By default the server's own maximum, which
   * carries the largest image (MAX_IMAGE_BYTES) as a binary frame and as base64 in a text frame alike; what a text
   * frame's JSON may hold besides strings is bounded by the JSON budget (json-budget.ts).
   */
  maxMessageBytes: number;
  /** Token bucket: sustained messages per second ... */
  messagesPerSecond: number;
  /** ... and how many may arrive at once. Every frame counts, stream pushes included. */
  messageBurst: number;
  /** Predictions and trainings running at once for this connection. */
  maxInFlight: number;
  /** The server pings this often and terminates a connection that has not answered the previous ping. */
  pingIntervalMs: number;
}

export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = {
  maxMessageBytes: MAX_BODY_BYTES,
  messagesPerSecond: 50,
  messageBurst: 100,
  maxInFlight: 8,
  pingIntervalMs: 30_000,
  ...DEFAULT_BACKPRESSURE_LIMITS,
};

/** A token bucket holding `burst` tokens, refilled at `perSecond`. */
export function createTokenBucket(perSecond: number, burst: number, now: () => number = () => performance.now()) {
  let tokens = burst;
  let refilledAt = now();

  function refill() {
    const time = now();
    tokens = Math.min(burst, tokens + ((time - refilledAt) / 1000) * perSecond);
    refilledAt = time;
  }

  return {
    /** Takes one token; false when the bucket is empty. */
    tryTake(): boolean {
      refill();
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
    msUntilNextToken(): number {
      refill();
      return tokens >= 1 ? 0 : Math.ceil(((1 - tokens) / perSecond) * 1000);
    },
  };
}

/** Counts work in flight; `tryEnter` refuses once `max` are running. */
export function createInFlightGate(max: number) {
  let running = 0;
  return {
    tryEnter(): boolean {
      if (running >= max) return false;
      running++;
      return true;
    },
    leave() {
      running--;
    },
  };
}

export const messageTooLarge = (bytes: number, max: number) =>
  new ModelWireError('too_large', `The message has ${bytes} bytes; at most ${max} are accepted on this connection.`, { limit: 'message_size', maxBytes: max });

export const rateLimited = (limits: ConnectionLimits, retryAfterMs: number) =>
  new ModelWireError(
    'overloaded',
    `Too many messages: at most ${limits.messagesPerSecond} per second (bursts of ${limits.messageBurst}) per connection; retry in ${retryAfterMs} ms.`,
    { limit: 'rate', retryAfterMs },
  );

export const tooManyInFlight = (max: number) =>
  new ModelWireError('overloaded', `At most ${max} predictions or trainings may run at once on one connection; wait for a result first.`, {
    limit: 'in_flight',
    max,
  });
