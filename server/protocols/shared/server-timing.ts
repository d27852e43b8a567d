import type { Timing } from '../../../lib/contract';
import type { InferenceCore } from '../../core/inference-core';
import { replyOfRequestArrivedAt } from '../../request-timing';

/** The response header, lower-case as fastify and browsers' CORS lists compare it. */
export const SERVER_TIMING = 'server-timing';

const duration = (ms: number) => Math.max(0, ms).toFixed(3);

/** The core's timing in the W3C Server-Timing syntax: `total;dur=4.210, preprocess;dur=0.310, inference;dur=2.950`. */
export function serverTimingValue({ serverMs, preprocessMs, inferenceMs }: Timing): string {
  return [
    `total;dur=${duration(serverMs)};desc="arrival to result"`,
    `preprocess;dur=${duration(preprocessMs)}`,
    `inference;dur=${duration(inferenceMs)}`,
  ].join(', ');
}

/**
 * The core, with every prediction answered inside an HTTP request stamping that request's reply with Server-Timing.
 * Each HTTP adapter (REST, GraphQL, SOAP, gRPC-Web/Connect) wraps its core with this once, instead of setting the
 * header in each handler; the request is the one whose receivedAt the call carries. Outside an HTTP handler (native
 * gRPC, a WebSocket message) it changes nothing.
 */
export function withServerTiming(core: InferenceCore): InferenceCore {
  const timed: InferenceCore = Object.create(core);
  timed.predict = async (...args) => {
    const result = await core.predict(...args);
    replyOfRequestArrivedAt(args[2]?.receivedAt)?.header(SERVER_TIMING, serverTimingValue(result.timing));
    return result;
  };
  return timed;
}
