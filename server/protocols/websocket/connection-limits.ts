import { ModelWireError } from '../../../lib/model-wire-error';

/** What one WebSocket connection may do. Every limit answers with an error message; none closes the connection. */
export interface ConnectionLimits {
  /** Largest frame answered; a larger one gets too_large. (Frames over the server's maxBodyBytes are closed with 1009 by ws.) */
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
  maxMessageBytes: 8 * 1024 * 1024,
  messagesPerSecond: 50,
  messageBurst: 100,
  maxInFlight: 8,
  pingIntervalMs: 30_000,
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
