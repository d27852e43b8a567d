import { Code, ConnectError, type Interceptor } from '@connectrpc/connect';
import type { ErrorCode } from '../../../lib/contract';
import { ModelWireError, invalidInput } from '../../../lib/model-wire-error';

/** The error metadata key (a gRPC trailer, a Connect header) that carries the contract's error code. */
export const MODELWIRE_CODE_KEY = 'modelwire-code';

export function grpcCodeOf(code: ErrorCode): Code {
  switch (code) {
    case 'invalid_input':
      return Code.InvalidArgument;
    case 'not_found':
      return Code.NotFound;
    case 'not_installed':
      return Code.Unavailable;
    case 'unauthenticated':
      return Code.Unauthenticated;
    case 'forbidden':
      return Code.PermissionDenied;
    case 'too_large':
      return Code.ResourceExhausted;
    // gRPC has no "unsupported media type": bytes that are not an image are an invalid argument.
    case 'unsupported_media':
      return Code.InvalidArgument;
    case 'overloaded':
      return Code.ResourceExhausted;
    case 'internal':
      return Code.Internal;
  }
}

/** Any thrown value as a ConnectError; errors connect-es raised itself (limits, bad encoding) pass through, but see below. */
export function toConnectError(error: unknown): ConnectError {
  if (error instanceof ConnectError) return contractErrorInsteadOf(error) ?? error;
  const wireError = ModelWireError.from(error);
  return new ConnectError(wireError.message, grpcCodeOf(wireError.code), { [MODELWIRE_CODE_KEY]: wireError.code }, undefined, error);
}

/**
 * The error a client should get instead of one connect-es raised itself (those carry no modelwire-code), or undefined
 * to keep it: a request message that is not valid protobuf or protobuf JSON (INTERNAL "parse binary: ...",
 * INVALID_ARGUMENT), a cut envelope, a unary call with two messages (UNIMPLEMENTED "extra input message") are the
 * client's invalid_input; one over readMaxBytes (RESOURCE_EXHAUSTED) is too_large.
 * A stream's messages are parsed while the handler reads them, so the interceptor below maps those; a unary request is
 * parsed before any interceptor runs, so unparsable-requests.ts rewrites connect-es's own answer.
 */
export function contractErrorInsteadOf(error: ConnectError): ConnectError | undefined {
  if (error.metadata.has(MODELWIRE_CODE_KEY)) return undefined;
  const unreadable =
    (error.code === Code.Internal && error.rawMessage.startsWith('parse binary:')) ||
    error.code === Code.InvalidArgument ||
    (error.code === Code.Unimplemented && /input message/.test(error.rawMessage));
  if (unreadable) return toConnectError(invalidInput(`The request is not a valid protobuf message for this method (${error.rawMessage}).`));
  if (error.code === Code.ResourceExhausted && error.rawMessage.includes('readMaxBytes')) {
    return toConnectError(new ModelWireError('too_large', `The request message is too large (${error.rawMessage}).`));
  }
  return undefined;
}

/**
 * One place that turns what handlers throw into gRPC statuses, for every service on the router. A streaming handler
 * throws while its messages are read, after next() has returned, so those are mapped as they are read.
 */
export function createErrorMappingInterceptor(logInternalError: (error: unknown) => void): Interceptor {
  const mapped = (error: unknown) => {
    const connectError = toConnectError(error);
    if (connectError.code === Code.Internal) logInternalError(error);
    return connectError;
  };
  async function* mappingErrors<T>(messages: AsyncIterable<T>) {
    try {
      yield* messages;
    } catch (error) {
      throw mapped(error);
    }
  }
  return (next) => async (request) => {
    try {
      const response = await next(request);
      return response.stream ? { ...response, message: mappingErrors(response.message) } : response;
    } catch (error) {
      throw mapped(error);
    }
  };
}
