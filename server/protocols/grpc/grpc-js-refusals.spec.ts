import { status } from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import { contractStatusInsteadOf } from './grpc-js-refusals';

/** Status fields as grpc-js writes them: grpc-message percent-encoded with encodeURI. */
const refusal = (code: status, message: string, extra: Record<string, string> = {}) => ({ 'grpc-status': code, 'grpc-message': encodeURI(message), ...extra });
const messageOf = (fields: Record<string, unknown>) => decodeURI(String(fields['grpc-message']));

describe("grpc-js's own refusals, with the contract's code", () => {
  it('a message over the size limit, sent or inflated: too_large', () => {
    for (const text of ['Received message larger than max (22020096 vs 20971520)', 'Received message that decompresses to a size larger than 20971520']) {
      const fields = contractStatusInsteadOf(refusal(status.RESOURCE_EXHAUSTED, text));
      expect(fields).toMatchObject({ 'grpc-status': status.RESOURCE_EXHAUSTED, 'modelwire-code': 'too_large' });
      expect(messageOf(fields)).toBe(`The request message is too large (${text}).`);
    }
  });

  it('no request message, or two, in a unary call: invalid_input', () => {
    for (const text of ['Received no request message for server streaming method /m/P', 'Received a second request message for server streaming method /m/P']) {
      const fields = contractStatusInsteadOf(refusal(status.UNIMPLEMENTED, text));
      expect(fields).toMatchObject({ 'grpc-status': status.INVALID_ARGUMENT, 'modelwire-code': 'invalid_input' });
      expect(messageOf(fields)).toContain(text);
    }
  });

  it('a message flagged compressed in a request that names no encoding: INTERNAL, as the gRPC spec says', () => {
    const fields = contractStatusInsteadOf(refusal(status.UNIMPLEMENTED, 'Received message compressed with unsupported encoding "modelwire-none"'));
    expect(fields['grpc-status']).toBe(status.INTERNAL);
    expect(fields['modelwire-code']).toBeUndefined();
    expect(messageOf(fields)).toMatch(/flagged compressed/);
  });

  it('leaves every other status as it is: answers, unknown methods, unknown encodings, errors that carry their code', () => {
    const untouched = [
      { ':status': 415 },
      refusal(status.OK, 'OK'),
      refusal(status.UNIMPLEMENTED, 'The server does not implement the method /m/Explode'),
      refusal(status.UNIMPLEMENTED, 'Received message compressed with unsupported encoding "br"'),
      refusal(status.RESOURCE_EXHAUSTED, 'Too many predictions in flight', { 'modelwire-code': 'overloaded' }),
    ];
    for (const fields of untouched) expect(contractStatusInsteadOf(fields)).toBe(fields);
  });
});
