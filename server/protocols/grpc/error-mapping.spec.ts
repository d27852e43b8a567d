import { Code, ConnectError } from '@connectrpc/connect';
import { describe, expect, it, vi } from 'vitest';
import { ERROR_CODES } from '../../../lib/contract';
import { ModelWireError } from '../../../lib/model-wire-error';
import { contractErrorInsteadOf, createErrorMappingInterceptor, grpcCodeOf, MODELWIRE_CODE_KEY, toConnectError } from './error-mapping';

describe('gRPC error mapping', () => {
  it('gives every contract code a gRPC status, never OK or UNKNOWN', () => {
    for (const code of ERROR_CODES) expect([Code.Unknown, undefined]).not.toContain(grpcCodeOf(code));
    expect(grpcCodeOf('not_installed')).toBe(Code.Unavailable);
    expect(grpcCodeOf('too_large')).toBe(Code.ResourceExhausted);
    expect(grpcCodeOf('forbidden')).toBe(Code.PermissionDenied);
  });

  it('carries the contract code in the error metadata and keeps the message', () => {
    const error = toConnectError(new ModelWireError('not_found', 'There is no model named "x".'));
    expect(error.code).toBe(Code.NotFound);
    expect(error.rawMessage).toBe('There is no model named "x".');
    expect(error.metadata.get(MODELWIRE_CODE_KEY)).toBe('not_found');
  });

  it('hides the text of unexpected errors and passes connect-es errors through', () => {
    const hidden = toConnectError(new Error('secret stack detail'));
    expect(hidden.code).toBe(Code.Internal);
    expect(hidden.rawMessage).not.toMatch(/secret/);
    const own = new ConnectError('limit', Code.ResourceExhausted);
    expect(toConnectError(own)).toBe(own);
  });

  it('turns connect-es\'s refusal of an unparsable request message into invalid_input, and nothing else it raises', () => {
    const mapped = toConnectError(new ConnectError('parse binary: premature EOF', Code.Internal));
    expect(mapped.code).toBe(Code.InvalidArgument);
    expect(mapped.metadata.get(MODELWIRE_CODE_KEY)).toBe('invalid_input');
    expect(mapped.rawMessage).toMatch(/not a valid protobuf message.*premature EOF/);
    expect(contractErrorInsteadOf(new ConnectError('serialize binary: x', Code.Internal))).toBeUndefined();
  });

  it('logs only internal errors from the interceptor', async () => {
    const log = vi.fn();
    const interceptor = createErrorMappingInterceptor(log);
    const failWith = (error: unknown) => interceptor(() => Promise.reject(error))({} as never);
    await expect(failWith(new ModelWireError('invalid_input', 'bad'))).rejects.toMatchObject({ code: Code.InvalidArgument });
    expect(log).not.toHaveBeenCalled();
    await expect(failWith(new Error('boom'))).rejects.toMatchObject({ code: Code.Internal });
    expect(log).toHaveBeenCalledOnce();
  });

  it('maps what a streaming handler throws while its messages are read, after the messages before it', async () => {
    async function* messages() {
      yield 'first';
      throw new ModelWireError('not_found', 'There is no model named "x".');
    }
    const interceptor = createErrorMappingInterceptor(vi.fn());
    const response = await interceptor(async () => ({ stream: true, message: messages() }) as never)({} as never);
    const read: unknown[] = [];
    const failure = await (async () => {
      for await (const message of (response as { message: AsyncIterable<unknown> }).message) read.push(message);
    })().catch((error: unknown) => error);
    expect(read).toEqual(['first']);
    expect(failure).toBeInstanceOf(ConnectError);
    expect(failure).toMatchObject({ code: Code.NotFound, rawMessage: 'There is no model named "x".' });
    expect((failure as ConnectError).metadata.get(MODELWIRE_CODE_KEY)).toBe('not_found');
  });
});
