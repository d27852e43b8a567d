import { ModelWireError } from '../model-wire-error';
import type { ProtocolError } from './protocol-client';

// How the GraphQL live stream reads what went wrong: GraphQL errors (extensions.code), and graphql-ws closing.

export interface GraphqlError {
  message: string;
  extensions?: { code?: unknown };
}

export function protocolErrorOf(error: GraphqlError | undefined, fallback: string): ProtocolError {
  const code = error?.extensions?.code;
  return {
    code: ModelWireError.isCode(code) ? code : 'internal',
    message: error?.message ?? fallback,
    native: `GraphQL error extensions.code=${typeof code === 'string' ? code : 'none'}`,
  };
}

/** graphql-ws closes with 4403 Forbidden when connection_init carries no usable token (AUTH=required). */
const FORBIDDEN_CLOSE = 4403;

/** What ended a connection: graphql-ws hands over a CloseEvent, an Error or the GraphQL errors. */
export function failureOf(error: unknown): { detail: string; refused?: ProtocolError } {
  const close = error as { code?: unknown; reason?: unknown };
  if (close?.code === FORBIDDEN_CLOSE) {
    const message = typeof close.reason === 'string' && close.reason ? close.reason : 'The server refused the connection without a valid access token.';
    return { detail: `close code 4403: ${message}`, refused: { code: 'unauthenticated', message, native: 'graphql-ws close code 4403 Forbidden' } };
  }
  if (Array.isArray(error)) return { detail: (error as GraphqlError[])[0]?.message ?? 'subscription refused' };
  return { detail: error instanceof Error ? error.message : typeof close?.code === 'number' ? `close code ${close.code}` : 'connection failed' };
}
