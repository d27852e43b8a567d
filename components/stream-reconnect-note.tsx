import type { PlannedReconnect } from '../lib/stream-lane-state';
import { formatMs } from './units';

/** Why a lane is reconnecting by itself and when it tries next, in words. */
export function ReconnectNote({ reconnect, apiBaseUrl }: { reconnect: PlannedReconnect; apiBaseUrl: string }) {
  return (
    <p className="small" role="status" data-testid="stream-reconnect">
      {reconnect.apiUnreachable ? (
        <>
          API unreachable at <code>{apiBaseUrl}</code>.{' '}
        </>
      ) : (
        'Connection lost. '
      )}
      Reconnecting by itself: attempt {reconnect.attempt}, after {formatMs(reconnect.delayMs)}.
    </p>
  );
}
