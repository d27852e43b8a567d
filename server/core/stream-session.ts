import type { SentimentStreamUpdate } from '../../lib/contract';
import { ModelWireError, invalidInput } from '../../lib/model-wire-error';
import { createEventChannel } from './event-channel';
import type { SentimentStream, SentimentStreamHandlers } from './sentiment-stream';

export type StreamSessionId = string | number;

/** Why a session ended: its client closed it (or stopped reading), it got no text for idleMs, or the server stopped. */
export type StreamCloseReason = 'client' | 'idle' | 'shutdown';

/** What a session's reader gets, in order: `opened` first, then one update or error per answered text. */
export type StreamSessionEvent =
  | { kind: 'opened'; id: StreamSessionId; model: string; idleMs: number }
  | { kind: 'update'; update: SentimentStreamUpdate }
  | { kind: 'error'; seq: number; error: ModelWireError };

/** One live sentiment stream (latest-wins, in seq order) of one owner, as an async iterator of events. */
export interface StreamSession {
  readonly id: StreamSessionId;
  readonly owner: string;
  readonly model: string;
  /** Ends when the session closes, however it closes; returning it closes the session (reason "client"). */
  readonly events: AsyncIterableIterator<StreamSessionEvent>;
  /** Set once the session has closed. */
  readonly closeReason: StreamCloseReason | undefined;
  /** Queues a text; returns the seq it was given. `model`, when given, must be the session's own. */
  push(text: string, seq?: number, model?: string): number;
  /** No more texts will come: answer the last one pushed, then close (reason "client"). */
  finish(): void;
  /** Closes now; a text still being scored is not answered. */
  close(reason?: StreamCloseReason): void;
}

export type OpenSentimentStream = (handlers: SentimentStreamHandlers, options: { model: string }) => SentimentStream;

export interface StreamSessionInit {
  id: StreamSessionId;
  owner: string;
  model: string;
  idleMs: number;
  /** Unread events past which pushes are refused: every event answers a push, so this bounds what waits for a slow reader. */
  maxBacklog: number;
  /** Every internal error of an event goes here, once, whichever protocol carries the event. */
  logInternalError(error: ModelWireError, session: StreamSession, seq: number): void;
  onClose(): void;
}

/** Throws not_found or invalid_input (from the core's streamSentiment) for a model that cannot stream. */
export function openStreamSession(openStream: OpenSentimentStream, init: StreamSessionInit): StreamSession {
  const channel = createEventChannel<StreamSessionEvent>(() => session.close('client'));
  let closeReason: StreamCloseReason | undefined;
  let lastAccepted = 0;
  let lastAnswered = 0;
  let finishing = false;
  let pushing = false;
  let refusedWhilePushing = false;

  const answered = (seq: number, event: StreamSessionEvent) => {
    channel.send(event);
    lastAnswered = seq;
    if (finishing && lastAnswered >= lastAccepted) session.close('client');
  };
  const stream = openStream(
    {
      onUpdate: (update) => answered(update.seq, { kind: 'update', update }),
      onError(seq, error) {
        if (error.code === 'internal') init.logInternalError(error, session, seq);
        // The core refuses a bad seq synchronously, inside push(); every later error answers a scored text.
        if (!pushing) return answered(seq, { kind: 'error', seq, error });
        refusedWhilePushing = true;
        channel.send({ kind: 'error', seq, error });
      },
    },
    { model: init.model },
  );

  let idleTimer: NodeJS.Timeout | undefined;
  const restartIdleTimer = () => {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => session.close('idle'), init.idleMs).unref();
  };

  const session: StreamSession = {
    id: init.id,
    owner: init.owner,
    model: init.model,
    events: channel.events,
    get closeReason() {
      return closeReason;
    },
    push(text, seq, model) {
      if (closeReason) throw new ModelWireError('not_found', 'This live stream has ended; open a new one.');
      if (model !== undefined && model !== init.model) throw invalidInput(`This stream scores with "${init.model}"; its model cannot change (got "${model}").`);
      if (channel.backlog >= init.maxBacklog) {
        throw new ModelWireError('overloaded', `The stream's reader has ${channel.backlog} unread events; push again once it catches up.`, {
          limit: 'backlog',
          max: init.maxBacklog,
        });
      }
      restartIdleTimer();
      pushing = true;
      refusedWhilePushing = false;
      try {
        const used = stream.push(text, seq);
        if (!refusedWhilePushing) lastAccepted = used;
        return used;
      } finally {
        pushing = false;
      }
    },
    finish() {
      finishing = true;
      if (lastAnswered >= lastAccepted) session.close('client');
    },
    close(reason = 'client') {
      if (closeReason) return;
      closeReason = reason;
      clearTimeout(idleTimer);
      stream.close();
      channel.end();
      init.onClose();
    },
  };
  channel.send({ kind: 'opened', id: init.id, model: init.model, idleMs: init.idleMs });
  restartIdleTimer();
  return session;
}
