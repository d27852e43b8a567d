import { Code, ConnectError } from '@connectrpc/connect';
import type { ErrorCode } from '../../../lib/contract';
import { ModelWireError } from '../../../lib/model-wire-error';

// A backend's failures as the contract's errors, the same for both wires. A backend that cannot be reached, times
// out or says it is unavailable gives `not_installed` (HTTP 503, gRPC UNAVAILABLE, ...): the model cannot run now.

/** What went wrong, whatever the wire. */
export type BackendFailure = 'unreachable' | 'missing' | 'invalid' | 'busy' | 'failed';

const CODE_OF: Record<BackendFailure, ErrorCode> = {
  unreachable: 'not_installed',
  missing: 'not_found',
  invalid: 'invalid_input',
  busy: 'overloaded',
  failed: 'internal',
};

/**
 * Triton says a model it lacks with this message, under gRPC UNAVAILABLE and HTTP 400 rather than NOT_FOUND / 404:
 * https://github.com/triton-inference-server/server/issues/2419
 */
const UNKNOWN_MODEL = /Request for unknown model/i;

const unlessUnknownModel = (failure: BackendFailure, message: string): BackendFailure => (UNKNOWN_MODEL.test(message) ? 'missing' : failure);

export function backendError(label: string, failure: BackendFailure, reason: string, cause?: unknown): ModelWireError {
  const message =
    failure === 'unreachable'
      ? `The inference backend ${label} is unavailable (${reason}); calls succeed again once it is back.`
      : `The inference backend ${label} answered: ${reason}`;
  return new ModelWireError(CODE_OF[failure], message, { backend: label, failure }, { cause });
}

function failureOfGrpc(code: Code): BackendFailure {
  switch (code) {
    case Code.Unavailable:
    case Code.DeadlineExceeded:
    case Code.Canceled:
    case Code.Aborted:
      return 'unreachable';
    case Code.NotFound:
      return 'missing';
    case Code.InvalidArgument:
    case Code.OutOfRange:
    case Code.FailedPrecondition:
      return 'invalid';
    case Code.ResourceExhausted:
      return 'busy';
    default:
      return 'failed';
  }
}

/** A gRPC call's failure; connection errors and deadlines come as UNAVAILABLE and DEADLINE_EXCEEDED. */
export function fromGrpcFailure(label: string, error: unknown): ModelWireError {
  if (error instanceof ModelWireError) return error;
  const connectError = ConnectError.from(error);
  const message = connectError.rawMessage || Code[connectError.code];
  return backendError(label, unlessUnknownModel(failureOfGrpc(connectError.code), message), message, error);
}

function failureOfStatus(status: number): BackendFailure {
  if (status === 404) return 'missing';
  if (status === 429) return 'busy';
  if (status === 502 || status === 503 || status === 504) return 'unreachable';
  if (status >= 400 && status < 500) return 'invalid';
  return 'failed';
}

/** An HTTP answer that is not 2xx, with the protocol's {"error": "..."} body when there is one. */
export function fromHttpStatus(label: string, status: number, body: unknown): ModelWireError {
  const said = typeof body === 'object' && body !== null && typeof (body as { error?: unknown }).error === 'string' ? (body as { error: string }).error : `HTTP ${status}`;
  return backendError(label, unlessUnknownModel(failureOfStatus(status), said), said);
}

/** fetch's own failures: a refused connection, a reset, a deadline (AbortSignal.timeout). */
export function fromFetchFailure(label: string, error: unknown): ModelWireError {
  if (error instanceof ModelWireError) return error;
  const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  const reason = timedOut ? 'no answer before the deadline' : String(cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : error));
  return backendError(label, 'unreachable', reason, error);
}
