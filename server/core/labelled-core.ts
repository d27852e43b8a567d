import type { ProtocolLabel } from './core-observer';
import type { InferenceCore } from './inference-core';

/**
 * The core as one adapter sees it: its predictions carry the adapter's protocol, so metrics can count them per
 * protocol without any adapter passing it. (Raw tensors are the Open Inference Protocol's; they count as "oip".)
 */
export function labelledCore(core: InferenceCore, protocol: ProtocolLabel): InferenceCore {
  return { ...core, predict: core.predictOver(protocol) };
}
