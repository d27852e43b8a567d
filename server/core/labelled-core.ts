import type { ProtocolLabel } from './core-observer';
import type { CorePredictOptions, InferenceCore } from './inference-core';

/**
 * The core as one adapter sees it: its predictions carry the adapter's protocol, so metrics can count them per
 * protocol without any adapter passing it. (Raw tensors are the Open Inference Protocol's; they count as "oip".)
 */
export function labelledCore(core: InferenceCore, protocol: ProtocolLabel): InferenceCore {
  return { ...core, predict: (name, input, options) => core.predict(name, input, withProtocol(options, protocol)) };
}

/**
 * The options with the adapter's protocol, named one by one (`satisfies` fails the build when the options gain one):
 * `{ ...options, protocol }` on every call is V8's slow path for copying properties (8% of the server's CPU at 32
 * WebSocket calls in flight, with the other spreads of the call chain).
 */
function withProtocol(options: CorePredictOptions = {}, protocol: ProtocolLabel): CorePredictOptions {
  const { principal, version, topK, receivedAt } = options;
  return { principal, version, topK, receivedAt, protocol } satisfies Record<keyof CorePredictOptions, unknown>;
}
