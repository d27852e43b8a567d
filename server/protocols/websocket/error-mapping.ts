import type { ErrorBody, ErrorCode } from '../../../lib/contract';
import type { ModelWireError } from '../../../lib/model-wire-error';
import type { RequestId } from './codec';

// WebSocket has no per-message status, so an error is an ordinary message on the socket: {"type":"error"} with the
// request id it answers (absent when the frame's id could not be read), the stream seq for a stream item, and the
// contract's code. The connection stays open; `retryable` tells a client whether sending the same message again may work.

export interface ErrorMessage {
  id?: RequestId;
  seq?: number;
  type: 'error';
  error: ErrorBody & { retryable: boolean };
}

function isRetryable(code: ErrorCode): boolean {
  switch (code) {
    case 'overloaded':
    case 'internal':
      return true;
    case 'invalid_input':
    case 'not_found':
    case 'not_installed':
    case 'unauthenticated':
    case 'forbidden':
    case 'too_large':
    case 'unsupported_media':
      return false;
  }
}

export function errorMessageOf(error: ModelWireError, id?: RequestId, seq?: number): ErrorMessage {
  return {
    ...(id === undefined ? {} : { id }),
    ...(seq === undefined ? {} : { seq }),
    type: 'error',
    error: { ...error.toBody(), retryable: isRetryable(error.code) },
  };
}
