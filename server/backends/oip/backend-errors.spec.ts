import { Code, ConnectError } from '@connectrpc/connect';
import { describe, expect, it } from 'vitest';
import { fromFetchFailure, fromGrpcFailure, fromHttpStatus } from './backend-errors';

const BACKEND = 'oip+grpc://triton:8001';

describe('a backend\'s failures as the contract\'s errors', () => {
  it.each([
    [Code.Unavailable, 'not_installed'],
    [Code.DeadlineExceeded, 'not_installed'],
    [Code.NotFound, 'not_found'],
    [Code.InvalidArgument, 'invalid_input'],
    [Code.ResourceExhausted, 'overloaded'],
    [Code.Internal, 'internal'],
    [Code.Unauthenticated, 'internal'],
  ])('gRPC %s → %s, naming the backend', (code, expected) => {
    const error = fromGrpcFailure(BACKEND, new ConnectError('said the backend', code));
    expect(error.code).toBe(expected);
    expect(error.message).toContain(BACKEND);
    expect(error.details).toMatchObject({ backend: BACKEND });
  });

  it.each([
    [404, 'not_found'],
    [400, 'invalid_input'],
    [429, 'overloaded'],
    [503, 'not_installed'],
    [504, 'not_installed'],
    [500, 'internal'],
  ])('HTTP %i → %s, with the protocol\'s {"error"} message', (status, expected) => {
    const error = fromHttpStatus(BACKEND, status, { error: 'said the backend' });
    expect(error.code).toBe(expected);
    expect(error.message).toContain('said the backend');
  });

  it('Triton\'s "Request for unknown model" is a model the backend lacks, whatever status it came with', () => {
    expect(fromGrpcFailure(BACKEND, new ConnectError("Request for unknown model: 'houses' is not found", Code.Unavailable)).code).toBe('not_found');
    expect(fromHttpStatus(BACKEND, 400, { error: "Request for unknown model: 'houses' is not found" }).code).toBe('not_found');
  });

  it('a refused connection or a deadline is not_installed, saying which', () => {
    const refused = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    expect(fromFetchFailure(BACKEND, refused)).toMatchObject({ code: 'not_installed', message: expect.stringContaining('ECONNREFUSED') });
    const late = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    expect(fromFetchFailure(BACKEND, late)).toMatchObject({ code: 'not_installed', message: expect.stringContaining('deadline') });
  });
});
