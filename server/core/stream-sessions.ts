import { randomUUID } from 'node:crypto';
import { ModelWireError, invalidInput } from '../../lib/model-wire-error';
import type { Principal } from './auth/principal';
import { openStreamSession, type OpenSentimentStream, type StreamSession, type StreamSessionId } from './stream-session';

export type { StreamCloseReason, StreamSession, StreamSessionEvent, StreamSessionId } from './stream-session';

export interface StreamSessionLimits {
  /** Sessions open at once on the server, every protocol together. */
  maxSessions: number;
  /** Sessions open at once for one owner (a WebSocket connection, an MQTT client, ...). */
  maxPerOwner: number;
  /** A session that gets no text for this long is closed (its client may be gone without saying so). */
  idleMs: number;
  /** Events a reader may leave unread before pushes to its session are refused as overloaded. */
  maxBacklog: number;
}

export const DEFAULT_STREAM_SESSION_LIMITS: StreamSessionLimits = { maxSessions: 1000, maxPerOwner: 4, idleMs: 5 * 60_000, maxBacklog: 256 };

/** Where the core logs internal errors (a pino / fastify logger fits). */
export interface ErrorLogger {
  error(details: Record<string, unknown>, message: string): void;
}

const consoleLogger: ErrorLogger = { error: (details, message) => console.error(message, details) };

export interface OpenStreamSessionOptions {
  /** Who the session belongs to: limits count per owner, and only its owner finds it again. */
  owner: string;
  /** Unique per owner; a random UUID when left out. */
  id?: StreamSessionId;
  /** A text-sentiment model; "sentiment" when left out. */
  model?: string;
  /** Closes the session (reason "shutdown") when it aborts: the call, connection or listener it lives in has ended. */
  signal?: AbortSignal;
  /** Who opens it, as the adapter authenticated them; `admit` decides whether they may. */
  principal?: Principal;
}

/** Every live sentiment stream of the server, whatever protocol carries it. */
export interface StreamSessions {
  readonly limits: StreamSessionLimits;
  /** Sessions open now, every owner and protocol together (metrics). */
  readonly openCount: number;
  /** Opens a session; overloaded past the limits, invalid_input for a bad or busy id, not_found for an unknown model. */
  open(options: OpenStreamSessionOptions): StreamSession;
  /** The open session `id` of `owner`, if any; invalid_input for an id no session could have. */
  find(owner: string, id: StreamSessionId): StreamSession | undefined;
  /** Closes every session (reason "shutdown"): each adapter then ends its streams the way its protocol does. */
  closeAll(): void;
}

const MAX_ID_LENGTH = 128;

function assertId(id: StreamSessionId) {
  const valid = typeof id === 'string' ? id.length > 0 && id.length <= MAX_ID_LENGTH : Number.isSafeInteger(id);
  if (!valid) throw invalidInput(`A stream id must be 1 to ${MAX_ID_LENGTH} characters (a random UUID is a good choice) or an integer.`);
}

export function createStreamSessions(
  openStream: OpenSentimentStream,
  {
    limits: givenLimits,
    logger = consoleLogger,
    admit = () => {},
  }: { limits?: Partial<StreamSessionLimits>; logger?: ErrorLogger; admit?: (principal: Principal | undefined) => void } = {},
): StreamSessions {
  const limits: StreamSessionLimits = { ...DEFAULT_STREAM_SESSION_LIMITS, ...givenLimits };
  const byOwner = new Map<string, Map<StreamSessionId, StreamSession>>();
  let count = 0;

  function assertRoomFor(owner: string, id: StreamSessionId) {
    const owned = byOwner.get(owner);
    if (owned?.has(id)) throw invalidInput(`Stream ${JSON.stringify(id)} is already open; open another with a new id (a random UUID is a good choice).`);
    if (count >= limits.maxSessions) {
      throw new ModelWireError('overloaded', `Too many live streams open on the server (${limits.maxSessions}); retry shortly.`, { limit: 'sessions', max: limits.maxSessions });
    }
    if ((owned?.size ?? 0) >= limits.maxPerOwner) {
      throw new ModelWireError('overloaded', `At most ${limits.maxPerOwner} streams may be open at once for one client; stop one first.`, {
        limit: 'streams',
        max: limits.maxPerOwner,
      });
    }
  }

  const logInternalError = (error: ModelWireError, session: StreamSession, seq: number) =>
    logger.error({ err: error.cause ?? error, owner: session.owner, session: session.id, seq }, 'internal error in a live stream');

  return {
    limits,
    get openCount() {
      return count;
    },
    open({ owner, id = randomUUID(), model = 'sentiment', signal, principal }) {
      admit(principal);
      assertId(id);
      assertRoomFor(owner, id);
      const closeOnAbort = () => session.close('shutdown');
      const session = openStreamSession(openStream, {
        id,
        owner,
        model,
        idleMs: limits.idleMs,
        maxBacklog: limits.maxBacklog,
        logInternalError,
        onClose() {
          const owned = byOwner.get(owner);
          if (owned?.delete(id)) count--;
          if (owned?.size === 0) byOwner.delete(owner);
          signal?.removeEventListener('abort', closeOnAbort);
        },
      });
      byOwner.set(owner, (byOwner.get(owner) ?? new Map()).set(id, session));
      count++;
      signal?.addEventListener('abort', closeOnAbort, { once: true });
      if (signal?.aborted) closeOnAbort();
      return session;
    },
    find(owner, id) {
      assertId(id);
      return byOwner.get(owner)?.get(id);
    },
    closeAll() {
      for (const owned of [...byOwner.values()]) for (const session of [...owned.values()]) session.close('shutdown');
    },
  };
}
