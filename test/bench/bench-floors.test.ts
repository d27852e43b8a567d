import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onnxSeedAnswer } from '../../scripts/bench/floors/onnx-seed-answer';
import { spawnFloor, type SpawnedFloor } from '../../scripts/bench/floors/spawn-floor';
import { LANES, type LaneClient } from '../../scripts/bench/lanes';
import { SEED_FEATURES, seedFormula } from '../../scripts/bench/seed-formula';

// Every floor with a real client of its protocol: inline it answers the formula as JavaScript computes it; with --onnx
// exactly what the seed's ONNX graph computes in this process, which in float32 and in the graph's order of additions
// is not the formula's number, even rounded to float32, so a floor that kept answering inline would fail here.

const [FEATURE1, FEATURE2] = SEED_FEATURES;
const FLOAT32 = Math.fround(seedFormula(FEATURE1, FEATURE2));
// gRPC's seed reply is a protobuf float, 32 bits either way; the others carry the answer as decimal text.
const WIRE_IS_FLOAT32 = new Set(['grpc']);

let graphAnswer: number;
beforeAll(async () => {
  graphAnswer = await (await onnxSeedAnswer())(FEATURE1, FEATURE2);
  // Else the assertions below could not tell an --onnx floor from an inline one.
  expect(graphAnswer).not.toBe(FLOAT32);
});

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
      expect(answer).toBe(onnx ? graphAnswer : WIRE_IS_FLOAT32.has(protocol) ? FLOAT32 : seedFormula(FEATURE1, FEATURE2));
      expect(await client.seed(3, 5)).toBeCloseTo(seedFormula(3, 5), 5);
      if (onnx) expect(floor.library).toMatch(/through onnxruntime-node/);
      else expect(floor.library).not.toMatch(/onnxruntime/);
    });
  });
});
