import type { ErrorBody, ErrorCode } from '../../../lib/contract';
import { ModelWireError } from '../../../lib/model-wire-error';

/** The error reply every request gets when it fails, on its reply topic (or modelwire/v1/errors). */
export interface MqttErrorReply {
  error: ErrorBody;
}

/**
 * The MQTT 5 reason code closest to each contract code. MQTT has no error reply of its own (a PUBACK goes to the
 * broker, not to the requester), so v5 error replies carry it as the user property `reason-code`, beside `error-code`.
 */
export function mqttReasonCodeOf(code: ErrorCode): number {
  switch (code) {
    case 'invalid_input':
      return 0x83; // Implementation specific error: the PUBLISH is valid but the receiver will not accept it
    case 'not_found':
      return 0x90; // Topic Name invalid: the topic names no model
    case 'not_installed':
      return 0x88; // Server unavailable
    case 'unauthenticated':
      return 0x86; // Bad User Name or Password
    case 'forbidden':
      return 0x87; // Not authorized
    case 'too_large':
      return 0x95; // Packet too large
    case 'unsupported_media':
      return 0x99; // Payload format invalid
    case 'overloaded':
      return 0x89; // Server busy
    case 'internal':
      return 0x80; // Unspecified error
  }
}

export const errorReplyOf = (error: unknown): MqttErrorReply => ({ error: ModelWireError.from(error).toBody() });

export function errorUserProperties(error: ErrorBody): Record<string, string> {
  return { 'error-code': error.code, 'reason-code': `0x${mqttReasonCodeOf(error.code).toString(16)}` };
}
