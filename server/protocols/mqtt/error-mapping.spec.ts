import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../../lib/contract';
import { ModelWireError } from '../../../lib/model-wire-error';
import { errorReplyOf, errorUserProperties, mqttReasonCodeOf } from './error-mapping';

describe('MQTT error mapping', () => {
  it('gives every contract code an MQTT 5 failure reason code (≥ 0x80)', () => {
    for (const code of ERROR_CODES) expect(mqttReasonCodeOf(code), code).toBeGreaterThanOrEqual(0x80);
    expect(errorUserProperties({ code: 'too_large', message: 'big' })).toEqual({ 'error-code': 'too_large', 'reason-code': '0x95' });
  });

  it('replies {error: {code, message}} and hides the text of unexpected failures', () => {
    expect(errorReplyOf(new ModelWireError('not_found', 'No model "x".'))).toEqual({ error: { code: 'not_found', message: 'No model "x".' } });
    expect(errorReplyOf(new Error('secret path /etc'))).toEqual({ error: { code: 'internal', message: 'Internal server error.' } });
  });
});
