import { ERROR_CODES, type ErrorBody, type ErrorCode } from './contract';

/** The one error type of ModelWire. Adapters map `code` to their protocol's native error. */
export class ModelWireError extends Error {
  override readonly name = 'ModelWireError';

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** Wraps anything thrown; unknown failures become `internal` without leaking their text. */
  static from(error: unknown): ModelWireError {
    if (error instanceof ModelWireError) return error;
    return new ModelWireError('internal', 'Internal server error.', undefined, { cause: error });
  }

  static isCode(value: unknown): value is ErrorCode {
    return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
  }

  toBody(): ErrorBody {
    return this.details ? { code: this.code, message: this.message, details: this.details } : { code: this.code, message: this.message };
  }
}

export const invalidInput = (message: string, details?: Record<string, unknown>) =>
  new ModelWireError('invalid_input', message, details);
