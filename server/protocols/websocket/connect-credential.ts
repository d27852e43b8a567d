import type { FastifyRequest } from 'fastify';
import { bearerTokenOf } from '../shared/bearer-token';

/** The subprotocol a browser offers beside its token (`new WebSocket(url, ['bearer', token])`): it cannot set headers. */
export const BEARER_SUBPROTOCOL = 'bearer';

/**
 * ws's handleProtocols for every upgrade on the API port: `bearer` when offered, so the token offered beside it is never
 * echoed back; otherwise the first offered, as ws does by default (graphql-transport-ws, mqtt).
 */
export function selectSubprotocol(offered: Set<string>): string | false {
  if (offered.has(BEARER_SUBPROTOCOL)) return BEARER_SUBPROTOCOL;
  return offered.values().next().value ?? false;
}

/** The token a /ws client connects with: `?access_token=`, the token beside the `bearer` subprotocol, or an Authorization header. */
export function connectTokenOf(request: FastifyRequest): string | undefined {
  const fromQuery = (request.query as Record<string, unknown> | undefined)?.access_token;
  if (typeof fromQuery === 'string' && fromQuery !== '') return fromQuery;
  const offered = request.headers['sec-websocket-protocol']?.split(',').map((protocol) => protocol.trim()) ?? [];
  if (offered.includes(BEARER_SUBPROTOCOL)) return offered.find((protocol) => protocol !== BEARER_SUBPROTOCOL);
  return bearerTokenOf(request.headers.authorization);
}
