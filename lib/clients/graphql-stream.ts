import { createClient } from 'graphql-ws';
import type { SentimentLabel, SentimentStreamUpdate } from '../contract';
import { ModelWireError } from '../model-wire-error';
import type { ProtocolError, SentimentStreamSession, StreamEvent } from './protocol-client';

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

interface GraphqlError {
  message: string;
  extensions?: { code?: unknown };
}

export interface GraphqlSentimentStreamOptions {
  /** The API server, e.g. http://127.0.0.1:8080; the WebSocket URL is derived from it. */
  baseUrl: string;
  onEvent: (event: StreamEvent) => void;
  /** A WebSocket class where there is no global one (Node: `WebSocket` from `ws`). */
  webSocketImpl?: unknown;
}

/** Unguessable: whoever knows a session id may push to it. (crypto.randomUUID needs a secure context; this does not.) */
const randomSessionId = () => Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');

function protocolErrorOf(error: GraphqlError | undefined, fallback: string): ProtocolError {
  const code = error?.extensions?.code;
  return {
    code: ModelWireError.isCode(code) ? code : 'internal',
    message: error?.message ?? fallback,
    native: `GraphQL error extensions.code=${typeof code === 'string' ? code : 'none'}`,
  };
}

/** Opens one sentimentStream: texts pushed before it is open wait, then go out one mutation at a time, in order. */
export function openGraphqlSentimentStream({ baseUrl, onEvent, webSocketImpl }: GraphqlSentimentStreamOptions): SentimentStreamSession {
  const session = randomSessionId();
  const pushedAt = new Map<number, number>();
  const waiting: Array<{ seq: number; text: string }> = [];
  let lastSeq = 0;
  let open = false;
  let sending = false;
  let closed = false;
  const emit = (event: StreamEvent) => !closed && onEvent(event);
  const state = (value: 'connecting' | 'open' | 'closed' | 'failed', detail?: string) => emit({ time: Date.now(), type: 'state', state: value, ...(detail ? { detail } : {}) });

  // One mutation at a time: requests sent at once may reach the server out of order, and seq must increase.
  async function sendWaiting() {
    if (sending || !open) return;
    sending = true;
    for (let next = waiting.shift(); next && !closed; next = waiting.shift()) {
      try {
        const response = await fetch(`${baseUrl}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
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

  function receive(data: StreamEventData) {
    const time = Date.now();
    const arrivedAt = performance.now();
    switch (data.__typename) {
      case 'SentimentStreamOpened':
        open = true;
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

  state('connecting');
  const client = createClient({ url: `${baseUrl.replace(/^http/, 'ws')}/graphql`, webSocketImpl, retryAttempts: 0, lazy: true });
  const unsubscribe = client.subscribe<{ sentimentStream: StreamEventData }>(
    { query: SENTIMENT_STREAM, variables: { session } },
    {
      next: (result) => {
        if (result.data) return receive(result.data.sentimentStream);
        // The subscription was refused (unknown model, too many sessions ...): nothing more will come.
        emit({ time: Date.now(), type: 'error', error: protocolErrorOf(result.errors?.[0], 'subscription refused') });
        state('failed', result.errors?.[0]?.message);
        closed = true;
      },
      error: (error) => {
        const detail = Array.isArray(error) ? (error as GraphqlError[])[0]?.message : error instanceof Error ? error.message : 'connection failed';
        state('failed', detail);
        closed = true;
      },
      complete: () => {
        state('closed');
        closed = true;
      },
    },
  );

  return {
    push(text) {
      if (closed) return;
      const seq = ++lastSeq;
      pushedAt.set(seq, performance.now());
      emit({ time: Date.now(), type: 'sent', seq, text });
      waiting.push({ seq, text });
      void sendWaiting();
    },
    close() {
      if (closed) return;
      state('closed');
      closed = true;
      unsubscribe();
      void client.dispose();
    },
  };
}
