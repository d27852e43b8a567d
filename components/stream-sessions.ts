'use client';

import { useCallback, useEffect, useReducer, useRef } from 'react';
import { apiAnswers } from '../lib/clients/api-reachability';
import type { ApiEndpoints } from '../lib/clients/create-clients';
import type { SentimentStreamSession, StreamEvent } from '../lib/clients/protocol-client';
import { STREAM_TRANSPORTS, type StreamTransportClient, type StreamTransportId } from '../lib/clients/stream-transports';
import {
  clearedLane,
  initialLaneState,
  laneForNewSession,
  streamLaneReducer,
  withPlannedReconnect,
  type PlannedReconnect,
  type StreamLaneState,
} from '../lib/stream-lane-state';
import { createReconnectPlanner } from './stream-reconnects';

export type LaneStates = Record<StreamTransportId, StreamLaneState>;

type Action =
  | { type: 'event'; id: StreamTransportId; event: StreamEvent }
  | { type: 'reset'; id: StreamTransportId }
  | { type: 'new-session'; id: StreamTransportId }
  | { type: 'planned'; id: StreamTransportId; reconnect: PlannedReconnect }
  | { type: 'clear' };

const INITIAL = Object.fromEntries(STREAM_TRANSPORTS.map(({ id }) => [id, initialLaneState])) as LaneStates;

function lanesReducer(lanes: LaneStates, action: Action): LaneStates {
  switch (action.type) {
    case 'event':
      return { ...lanes, [action.id]: streamLaneReducer(lanes[action.id], action.event) };
    case 'reset':
      return { ...lanes, [action.id]: initialLaneState };
    case 'new-session':
      return { ...lanes, [action.id]: laneForNewSession(lanes[action.id]) };
    case 'planned':
      // The health check answers after the plan was made: a lane open again by then needs no reconnect.
      return lanes[action.id].connection === 'open' ? lanes : { ...lanes, [action.id]: withPlannedReconnect(lanes[action.id], action.reconnect) };
    case 'clear':
      return Object.fromEntries(Object.entries(lanes).map(([id, lane]) => [id, clearedLane(lane)])) as LaneStates;
  }
}

/** A session and the token its events must carry to count: a replaced session's late events are dropped. */
interface LiveSession {
  token: object;
  session?: SentimentStreamSession;
}

const failure = (error: unknown): StreamEvent => ({ time: Date.now(), type: 'state', state: 'failed', detail: error instanceof Error ? error.message : String(error) });

/** A lane whose connection is lost reconnects by itself; one that is open or on its way there is left alone. */
const lost = (lane: StreamLaneState) => lane.connection === 'failed' || lane.connection === 'closed';

/**
 * One session per stream transport for as long as the page is shown, each lane's state folded from its events.
 * `push` sends a text to every lane at once; `reconnect` replaces one lane's session (and resends the text). A lane
 * whose connection is lost (the server restarted) gets a new session by itself, with backoff and jitter.
 */
export function useStreamSessions(api: ApiEndpoints) {
  const [lanes, dispatch] = useReducer(lanesReducer, INITIAL);
  const clients = useRef(new Map<StreamTransportId, StreamTransportClient>());
  const sessions = useRef(new Map<StreamTransportId, LiveSession>());
  const endpoints = useRef(api);
  const shownLanes = useRef(lanes);
  shownLanes.current = lanes;
  /** The text in the box as last pushed: an automatic reconnect sends it again. */
  const latestText = useRef('');
  const planner = useRef<ReturnType<typeof createReconnectPlanner<StreamTransportId>>>(undefined);
  const { apiBaseUrl, grpcPort, mqttPort } = api;

  /** The lane's client, made now if it is not there yet (its factory threw before); undefined when it throws again. */
  const clientFor = useCallback((id: StreamTransportId): StreamTransportClient | undefined => {
    const existing = clients.current.get(id);
    if (existing) return existing;
    const transport = STREAM_TRANSPORTS.find((candidate) => candidate.id === id);
    try {
      const client = transport?.connect(endpoints.current);
      if (client) clients.current.set(id, client);
      return client;
    } catch (error) {
      dispatch({ type: 'event', id, event: failure(error) });
      return undefined;
    }
  }, []);

  const openSession = useCallback((id: StreamTransportId) => {
    const client = clientFor(id);
    if (!client) return;
    const live: LiveSession = { token: {} };
    sessions.current.set(id, live);
    const onEvent = (event: StreamEvent) => {
      if (sessions.current.get(id)?.token !== live.token) return;
      dispatch({ type: 'event', id, event });
      if (event.type !== 'state') return;
      if (event.state === 'open') planner.current?.settle(id);
      else if (event.state === 'failed' || event.state === 'closed') planner.current?.plan(id);
    };
    try {
      live.session = client.openSession(onEvent);
    } catch (error) {
      onEvent(failure(error));
    }
  }, [clientFor]);

  const closeSession = useCallback((id: StreamTransportId) => {
    const live = sessions.current.get(id);
    sessions.current.delete(id); // first, so the session's own `closed` event is not shown
    live?.session?.close();
  }, []);

  /** An automatic attempt: a new session that connects at once and scores the text in the box again. */
  const reconnectByItself = useCallback(
    (id: StreamTransportId) => {
      if (!lost(shownLanes.current[id])) return;
      closeSession(id);
      dispatch({ type: 'new-session', id });
      openSession(id);
      const session = sessions.current.get(id)?.session;
      const text = latestText.current;
      if (text.trim()) session?.push(text);
      else session?.connect();
    },
    [closeSession, openSession],
  );

  useEffect(() => {
    const plans = createReconnectPlanner<StreamTransportId>({
      onPlanned: (id, attempt, delayMs) =>
        void apiAnswers(endpoints.current.apiBaseUrl).then((answers) => dispatch({ type: 'planned', id, reconnect: { attempt, delayMs, apiUnreachable: !answers } })),
      attempt: reconnectByItself,
    });
    planner.current = plans;
    return () => plans.stopAll();
  }, [reconnectByItself]);

  useEffect(() => {
    endpoints.current = { apiBaseUrl, ...(grpcPort ? { grpcPort } : {}), ...(mqttPort ? { mqttPort } : {}) };
    for (const { id } of STREAM_TRANSPORTS) {
      dispatch({ type: 'reset', id });
      openSession(id);
    }
    const opened = clients.current;
    return () => {
      for (const { id } of STREAM_TRANSPORTS) {
        closeSession(id);
        opened.get(id)?.close();
        opened.delete(id);
      }
    };
  }, [apiBaseUrl, grpcPort, mqttPort, openSession, closeSession]);

  const push = useCallback((text: string) => {
    latestText.current = text;
    for (const live of sessions.current.values()) live.session?.push(text);
  }, []);

  const reconnect = useCallback(
    (id: StreamTransportId, text: string) => {
      planner.current?.settle(id);
      closeSession(id);
      dispatch({ type: 'reset', id });
      openSession(id);
      if (text.trim()) sessions.current.get(id)?.session?.push(text);
    },
    [closeSession, openSession],
  );

  const clear = useCallback(() => {
    latestText.current = '';
    dispatch({ type: 'clear' });
  }, []);

  return { lanes, push, reconnect, clear };
}
