import type { CallOutcome } from '../../lib/clients/protocol-client';

/** The value of a call that must have succeeded; a failure shows the protocol's own error. */
export function valueOf<T>(outcome: CallOutcome<T>): T {
  if (!outcome.ok) throw new Error(`expected success, got ${outcome.error.native}: ${outcome.error.code}: ${outcome.error.message}`);
  return outcome.value;
}

/** An answer without its timing, which differs on every call, so answers compare with toEqual. */
export const withoutTiming = <T extends { timing: unknown }>({ timing: _timing, ...rest }: T): Omit<T, 'timing'> => rest;
