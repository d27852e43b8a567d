import type { ErrorCode } from '../../../lib/contract';
import { ModelWireError } from '../../../lib/model-wire-error';

// HTTP status codes and the contract's error codes, for every adapter that rides on the fastify server.

export function httpStatusOf(code: ErrorCode): number {
  switch (code) {
    case 'invalid_input':
      return 400;
    case 'unauthenticated':
      return 401;
    case 'forbidden':
      return 403;
    case 'not_found':
      return 404;
    case 'too_large':
      return 413;
    case 'unsupported_media':
      return 415;
    case 'overloaded':
      return 429;
    case 'not_installed':
      return 503;
    case 'internal':
      return 500;
  }
}

/** Errors fastify and its plugins raise before our code runs, by their HTTP status. */
function codeOfHttpStatus(status: number): ErrorCode {
  if (status === 413) return 'too_large';
  if (status === 415) return 'unsupported_media';
  if (status === 404) return 'not_found';
  if (status === 429) return 'overloaded';
  if (status >= 400 && status < 500) return 'invalid_input';
  return 'internal';
}

/** Any thrown value as a ModelWireError, understanding fastify's own errors (bad JSON, body too large, ...). */
export function toModelWireError(error: unknown): ModelWireError {
  if (error instanceof ModelWireError) return error;
  const fastifyError = error as { statusCode?: unknown; message?: unknown; validation?: unknown; code?: unknown };
  if (typeof fastifyError.statusCode === 'number' && fastifyError.statusCode < 500 && typeof fastifyError.message === 'string') {
    return new ModelWireError(codeOfHttpStatus(fastifyError.statusCode), fastifyError.message, {
      ...(typeof fastifyError.code === 'string' ? { fastifyCode: fastifyError.code } : {}),
    });
  }
  return ModelWireError.from(error);
}

