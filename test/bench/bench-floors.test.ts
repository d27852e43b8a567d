import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnFloor, type SpawnedFloor } from '../../scripts/bench/floors/spawn-floor';
import { LANES, type LaneClient } from '../../scripts/bench/lanes';
import { SEED_FEATURES, seedFormula } from '../../scripts/bench/seed-formula';

// Every floor with a real client of its protocol: inline it answers the formula as JavaScript computes it; with --onnx
// it answers what the float32 ONNX graph computes, so a floor that kept answering inline would fail here.

const [FEATURE1, FEATURE2] = SEED_FEATURES;
const FLOAT32 = Math.fround(seedFormula(FEATURE1, FEATURE2));
// gRPC's seed reply is a protobuf float, 32 bits either way; the others carry the answer as decimal text.
const WIRE_IS_FLOAT32 = new Set(['grpc']);

describe.each(LANES.map((lane) => [lane.protocol, lane] as const))('the %s floor', (protocol, lane) => {
  describe.each([
    ['inline', false],
    ['through onnxruntime', true],
  ] as const)('answering %s', (_, onnx) => {
    let floor: SpawnedFloor;
    let client: LaneClient;
    beforeAll(async () => {
      floor = await spawnFloor(protocol, { onnx });
      client = await lane.connect({ host: '127.0.0.1', port: floor.port }, 4);
    });
    afterAll(async () => {
      await client?.close();
      await floor?.stop();
    });

    it('answers the seed call, call after call, and names how it answers', async () => {
      const answers = await Promise.all([client.seed(FEATURE1, FEATURE2), client.seed(FEATURE1, FEATURE2), client.seed(FEATURE1, FEATURE2)]);
      expect(new Set(answers).size).toBe(1);
      const answer = answers[0]!;
      if (onnx) {
        // float32 all the way, summed in the graph's order: not the formula's double, nor always that double rounded.
        expect(answer).toBe(Math.fround(answer));
        expect(answer).not.toBe(seedFormula(FEATURE1, FEATURE2));
        expect(answer).toBeCloseTo(seedFormula(FEATURE1, FEATURE2), 6);
      } else {
        expect(answer).toBe(WIRE_IS_FLOAT32.has(protocol) ? FLOAT32 : seedFormula(FEATURE1, FEATURE2));
      }
      expect(await client.seed(3, 5)).toBeCloseTo(seedFormula(3, 5), 5);
      if (onnx) expect(floor.library).toMatch(/through onnxruntime-node/);
      else expect(floor.library).not.toMatch(/onnxruntime/);
    });
  });
});
