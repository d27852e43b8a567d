import type { ServerOptions } from 'node:http';

/**
 * How long a connection may sit idle between requests (HTTP/1.1 keep-alive; an HTTP/2 connection with no stream open).
 * Fastify's default, kept on purpose: it outlasts the 60 s idle timeout of common load balancers, so they never reuse
 * a connection this server has just closed.
 */
export const IDLE_CONNECTION_TIMEOUT_MS = 72_000;

/** Node's own default for the headers alone; a smaller REQUEST_TIMEOUT_MS lowers it too. */
const HEADERS_TIMEOUT_MS = 60_000;

/**
 * Node looks for late requests every connectionsCheckingInterval (30 s by default), so a request is cut between
 * REQUEST_TIMEOUT_MS and that much later: a tenth of the timeout keeps the overrun small.
 */
const checkingIntervalOf = (requestTimeoutMs: number) => Math.min(5_000, Math.max(100, Math.floor(requestTimeoutMs / 10)));

/**
 * The fastify options bounding how long a client may take to *send* a request: its headers, then its whole body, or it
 * is answered 408 and the connection closed. Nothing here limits an answer: once a request has arrived, an SSE
 * subscription or a Connect server stream may run for hours, and an upgraded WebSocket leaves Node's HTTP timers
 * altogether. (No connectionTimeout for that reason: a socket idle timeout would cut a quiet stream.)
 */
export function requestDeadlineOptions(requestTimeoutMs: number): { requestTimeout: number; keepAliveTimeout: number; http: ServerOptions } {
  return {
    requestTimeout: requestTimeoutMs,
    keepAliveTimeout: IDLE_CONNECTION_TIMEOUT_MS,
    http: { headersTimeout: Math.min(HEADERS_TIMEOUT_MS, requestTimeoutMs), connectionsCheckingInterval: checkingIntervalOf(requestTimeoutMs) },
  };
}
