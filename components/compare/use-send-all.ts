'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { Lane } from '../../lib/clients/create-clients';
import { nextTask, runLane, unlessAborted, warmLane, type LaneRun, type PredictCall } from '../lane-run';

/** "Send to all": every lane's run of one call, and a way to cancel the calls still in flight. */
export function useSendAll() {
  const [runs, setRuns] = useState<Record<string, LaneRun>>({});
  const [sending, setSending] = useState(false);
  const current = useRef<{ id: number; abort: AbortController }>(undefined);
  const lastId = useRef(0);

  const send = useCallback(async (lanes: Lane[], call: PredictCall) => {
    const id = ++lastId.current;
    const { signal } = (current.current = { id, abort: new AbortController() }).abort;
    const isCurrent = () => current.current?.id === id;
    setRuns(Object.fromEntries(lanes.map((lane) => [lane.id, { state: 'running' } as LaneRun])));
    setSending(true);
    // Every lane connects first, so no call's time includes another lane's connecting; each lane shows its own apart.
    const warmUps = await Promise.all(lanes.map((lane) => unlessAborted(warmLane(lane.client!, call.model), signal).catch(() => undefined)));
    await Promise.all(
      lanes.map(async (lane, i) => {
        // Each lane starts in a task of its own: together, their set-up (encoding a photo as protobuf, handing it to
        // the encoding worker ...) would be one long task, and the page would not respond meanwhile.
        await nextTask();
        const result = await runLane(lane.client!, call, warmUps[i], signal);
        if (isCurrent()) setRuns((previous) => ({ ...previous, [lane.id]: result }));
      }),
    );
    if (isCurrent()) setSending(false);
  }, []);

  /** Every lane still waiting shows "cancelled" at once; answers that come later are dropped. */
  const cancel = useCallback(() => current.current?.abort.abort(new DOMException('Cancelled by the user', 'AbortError')), []);

  /** Forgets every run (another model was picked); a send in flight is cancelled and its answers dropped. */
  const reset = useCallback(() => {
    current.current?.abort.abort();
    current.current = undefined;
    setRuns({});
    setSending(false);
  }, []);

  useEffect(() => () => current.current?.abort.abort(), []);
  return { runs, sending, send, cancel, reset };
}
