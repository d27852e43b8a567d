import { describe, expect, it } from 'vitest';
import type { CorePredictOptions, InferenceCore } from './inference-core';
import { labelledCore } from './labelled-core';

/** A core that only records the options each predict call got. */
function recordingCore() {
  const calls: Array<CorePredictOptions | undefined> = [];
  const core = { predict: async (_name: string, _input: unknown, options?: CorePredictOptions) => (calls.push(options), undefined) } as unknown as InferenceCore;
  return { core, calls };
}

describe('labelledCore', () => {
  it("passes every option on, with the adapter's protocol in place of any the caller named", async () => {
    const { core, calls } = recordingCore();
    const mqtt = labelledCore(core, 'mqtt');
    const principal = { name: 'ada', scopes: ['predict' as const] };

    await mqtt.predict('echo', { kind: 'text', text: 'a' }, { topK: 2, version: 3, receivedAt: 1, principal, protocol: 'rest' });
    await mqtt.predict('echo', { kind: 'text', text: 'a' });

    expect(calls).toEqual([{ topK: 2, version: 3, receivedAt: 1, principal, protocol: 'mqtt' }, { protocol: 'mqtt' }]);
  });

  it('leaves the rest of the core as it is', () => {
    const { core } = recordingCore();
    const listModels = () => [];
    expect(labelledCore({ ...core, listModels }, 'grpc').listModels).toBe(listModels);
  });
});
