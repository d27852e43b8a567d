import { createClient } from 'graphql-ws';
import type { SentimentLabel, SentimentStreamUpdate } from '../contract';
import { authorizationHeader } from './authorization-header';
import { credentials as sharedCredentials, type CredentialOption } from './credentials';
import { failureOf, protocolErrorOf, type GraphqlError } from './graphql-stream-failure';
import type { SentimentStreamSession, StreamEvent } from './protocol-client';

// Live sentiment over GraphQL: the sentimentStream subscription over graphql-ws (WebSocket, graphql-transport-ws),
// each text pushed by the pushSentimentText mutation over fetch (server/protocols/graphql/stream-schema.ts).

export const SENTIMENT_STREAM = /* GraphQL */ `subscription SentimentStream($session: ID!) {
  sentimentStream(session: $session) {
    __typename
    ... on SentimentStreamOpened { session }
    ... on SentimentUpdate {
      seq text skipped
      model { name version }
      sentiment { label score probability }
      timing { serverMs inferenceMs preprocessMs }
    }
    ... on SentimentStreamError { seq code message }
  }
}`;

export const PUSH_SENTIMENT_TEXT = /* GraphQL */ `mutation PushSentimentText($session: ID!, $seq: Int, $text: String!) {
  pushSentimentText(session: $session, seq: $seq, text: $text)
}`;

type StreamEventData =
  | { __typename: 'SentimentStreamOpened' }
  | (Omit<SentimentStreamUpdate, 'output'> & { __typename: 'SentimentUpdate'; sentiment: { label: string; score: number; probability: number } })
  | { __typename: 'SentimentStreamError'; seq: number; code: string; message: string };

export interface GraphqlSentimentStreamOptions extends CredentialOption {
  /** The API server, e.g. http://127.0.0.1:8080; the WebSocket URL is derived from it. */
  baseUrl: string;
  onEvent: (event: StreamEvent) => void;
  /** A WebSocket class where there is no global one (Node: `WebSocket` from `ws`). */
  webSocketImpl?: unknown;
}

/** Unguessable: whoever knows a session id may push to it. (crypto.randomUUID needs a secure context; this does not.) */
const randomSessionId = () => Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');

/** One graphql-ws connection and its subscription: a new credential replaces it with another, under a new session. */
interface Connection {
  session: string;
  open: boolean;
  ended: boolean;
  stop(): void;
}

/**
 * Opens one sentimentStream: texts pushed before it is open wait, then go out one mutation at a time, in order. The token
 * rides in connectionParams (browsers cannot set headers on a WebSocket) and on each push; when it changes, the stream
 * reconnects with the new one.
 */
export function openGraphqlSentimentStream({ baseUrl, onEvent, webSocketImpl, credentials = sharedCredentials }: GraphqlSentimentStreamOptions): SentimentStreamSession {
  const pushedAt = new Map<number, number>();
  const waiting: Array<{ seq: number; text: string }> = [];
  let lastSeq = 0;
  let sending = false;
  let stopped = false;
  let current: Connection | undefined;
  const emit = (event: StreamEvent) => !stopped && onEvent(event);
  const state = (value: 'connecting' | 'open' | 'closed' | 'failed', detail?: string) => emit({ time: Date.now(), type: 'state', state: value, ...(detail ? { detail } : {}) });

  // One mutation at a time: requests sent at once may reach the server out of order, and seq must increase.
  async function sendWaiting() {
    if (sending || !current?.open) return;
    sending = true;
    while (current?.open && waiting.length > 0) {
      const { session } = current;
      const next = waiting.shift()!;
      try {
        const response = await fetch(`${baseUrl}/graphql`, {
          method: 'POST',
          headers: [['content-type', 'application/json'], ['accept', 'application/json'], ...authorizationHeader(credentials)],
          body: JSON.stringify({ query: PUSH_SENTIMENT_TEXT, variables: { session, ...next } }),
        });
        const body = (await response.json()) as { errors?: GraphqlError[] };
        if (body.errors?.length) emit({ time: Date.now(), type: 'error', seq: next.seq, error: protocolErrorOf(body.errors[0], 'push refused') });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        emit({ time: Date.now(), type: 'error', seq: next.seq, error: { code: 'internal', message, native: 'network error' } });
      }
    }
    sending = false;
  }

  function receive(connection: Connection, data: StreamEventData) {
    const time = Date.now();
    const arrivedAt = performance.now();
    switch (data.__typename) {
      case 'SentimentStreamOpened':
        connection.open = true;
        state('open');
        return void sendWaiting();
      case 'SentimentUpdate': {
        const { __typename, sentiment, ...rest } = data;
        const update: SentimentStreamUpdate = { ...rest, output: { kind: 'sentiment', ...sentiment, label: sentiment.label.toLowerCase() as SentimentLabel } };
        const latencyMs = arrivedAt - (pushedAt.get(data.seq) ?? arrivedAt);
        for (const seq of pushedAt.keys()) if (seq <= data.seq) pushedAt.delete(seq);
        return emit({ time, type: 'update', update, latencyMs });
      }
      case 'SentimentStreamError':
        pushedAt.delete(data.seq);
        return emit({ time, type: 'error', seq: data.seq, error: protocolErrorOf({ message: data.message, extensions: { code: data.code } }, 'not scored') });
    }
  }

  function connect(): Connection {
    const connection: Connection = { session: randomSessionId(), open: false, ended: false, stop: () => {} };
    const live = () => current === connection && !connection.ended;
    const end = (value: 'closed' | 'failed', detail?: string) => {
      connection.ended = true;
      connection.open = false;
      state(value, detail);
    };
    state('connecting');
    const connectionParams = () => Object.fromEntries(authorizationHeader(credentials));
    const client = createClient({ url: `${baseUrl.replace(/^http/, 'ws')}/graphql`, webSocketImpl, retryAttempts: 0, lazy: true, connectionParams });
    const unsubscribe = client.subscribe<{ sentimentStream: StreamEventData }>(
      { query: SENTIMENT_STREAM, variables: { session: connection.session } },
      {
        next: (result) => {
          if (!live()) return;
          if (result.data) return receive(connection, result.data.sentimentStream);
          // The subscription was refused (unknown model, too many sessions, no scope ...): nothing more will come.
          emit({ time: Date.now(), type: 'error', error: protocolErrorOf(result.errors?.[0], 'subscription refused') });
          end('failed', result.errors?.[0]?.message);
        },
        error: (error) => {
          if (!live()) return;
          const { detail, refused } = failureOf(error);
          if (refused) emit({ time: Date.now(), type: 'error', error: refused });
          end('failed', detail);
        },
        complete: () => live() && end('closed'),
      },
    );
    connection.stop = () => {
      unsubscribe();
      void client.dispose();
    };
    return connection;
  }

  current = connect();
  const stopWatchingCredentials = credentials.subscribe((credential) => {
    const replaced = current;
    state('closed', credential ? `signed in as ${credential.username}: reconnecting with the new token` : 'signed out: reconnecting without a token');
    current = connect();
    replaced?.stop();
  });

  /** A connection that ended (server restarted, idle session closed) is replaced by a new one, under a new session. */
  function reconnectIfEnded() {
    if (!stopped && current?.ended) current = connect();
  }

  return {
    push(text) {
      if (stopped) return;
      reconnectIfEnded();
      const seq = ++lastSeq;
      pushedAt.set(seq, performance.now());
      emit({ time: Date.now(), type: 'sent', seq, text });
      waiting.push({ seq, text });
      void sendWaiting();
    },
    connect: reconnectIfEnded,
    close() {
      if (stopped) return;
      state('closed');
      stopped = true;
      stopWatchingCredentials();
      current?.stop();
    },
  };
}
