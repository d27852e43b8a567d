import type { CallOutcome } from '../../lib/clients/protocol-client';

/** The value of a call that must have succeeded; a failure shows the protocol's own error. */
export function valueOf<T>(outcome: CallOutcome<T>): T {
  if (!outcome.ok) throw new Error(`expected success, got ${outcome.error.native}: ${outcome.error.code}: ${outcome.error.message}`);
  return outcome.value;
}

/** An answer without its timing and cache flag, which differ from call to call, so answers compare with toEqual. */
export const withoutCallDetails = <T extends { timing: unknown; cached?: boolean }>({ timing: _timing, cached: _cached, ...rest }: T): Omit<T, 'timing' | 'cached'> => rest;
