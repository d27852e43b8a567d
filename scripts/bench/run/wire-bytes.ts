import type { Lane, LaneClient, LaneEndpoint } from '../lanes/lane';
import { startCountingRelay } from './counting-relay';

export interface WireBytes {
  requestBytes: number;
  responseBytes: number;
}

const WARM_UP_CALLS = 3;
/** Acknowledgements (MQTT PUBACK, HTTP/2 WINDOW_UPDATE) may trail the last answer by a moment. */
const TRAILING_MS = 100;

/**
 * Bytes per call on the wire, each way: a separate client goes through a counting relay, makes a few calls to get its
 * connection set up (handshakes are left out), then `calls` sequential calls whose bytes are averaged.
 */
export async function measureWireBytes(lane: Lane, target: LaneEndpoint, makeCall: (client: LaneClient) => () => Promise<unknown>, calls: number): Promise<WireBytes> {
  const relay = await startCountingRelay(target);
  try {
    const client = await lane.connect(relay.endpoint, 1);
    try {
      const call = makeCall(client);
      for (let i = 0; i < WARM_UP_CALLS; i++) await call();
      await new Promise((resolve) => setTimeout(resolve, TRAILING_MS));
      const before = relay.counts();
      for (let i = 0; i < calls; i++) await call();
      await new Promise((resolve) => setTimeout(resolve, TRAILING_MS));
      const after = relay.counts();
      return { requestBytes: Math.round((after.sent - before.sent) / calls), responseBytes: Math.round((after.received - before.received) / calls) };
    } finally {
      await client.close();
    }
  } finally {
    await relay.close();
  }
}
