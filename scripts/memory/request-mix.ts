import type { PredictionInput, TrainRequest } from '../../lib/contract';
import type { BenchLane } from './bench-lanes';

/** The linear model the bench trains and predicts with. */
export const BENCH_LINEAR_MODEL = 'bench-linear';
const IMAGE_MODEL = 'mobilenetv2';
const SENTIMENT_MODEL = 'sentiment';

export type BenchRequest =
  | { kind: 'predict'; lane: BenchLane; model: string; input: () => Promise<PredictionInput> }
  | { kind: 'train'; lane: BenchLane; model: string; request: TrainRequest };

const SENTENCES = [
  'I love how fast this is',
  'The battery died after an hour, very disappointing',
  'It is a phone',
  'Great service and friendly staff',
  'Worst purchase I have made this year',
  'The plot was thin but the acting saved it',
];

/** y = 2·x1 − x2 + 1 on a few points that vary with `seed`, so each training fits something new. */
export function linearTrainingSet(seed: number): TrainRequest {
  const X = Array.from({ length: 8 }, (_, row) => [row + (seed % 5), (row * row + seed) % 7]);
  return { X, y: X.map(([x1, x2]) => 2 * x1! - x2! + 1), ridge: 0 };
}

export interface RequestMix {
  /** The index-th request of the run; the same index always makes the same request. */
  request(index: number): BenchRequest;
}

/**
 * In every 100 requests: 20 images, 1 training, and 79 sentiment texts and linear feature rows (2 to 1), each kind
 * rotating through every lane that can carry it, so every protocol sees every kind.
 */
export function createRequestMix(lanes: readonly BenchLane[], photo: (index: number) => Promise<Uint8Array>): RequestMix {
  const imageLanes = lanes;
  const otherLanes = lanes.filter((lane) => !lane.imagesOnly);
  const trainingLanes = lanes.filter((lane) => lane.train);
  const pick = <T>(list: readonly T[], turn: number) => list[turn % list.length]!;

  return {
    request(index) {
      if (index % 5 === 0) {
        const turn = index / 5;
        return { kind: 'predict', lane: pick(imageLanes, turn), model: IMAGE_MODEL, input: async () => ({ kind: 'image', image: await photo(turn) }) };
      }
      if (index % 100 === 99) {
        return { kind: 'train', lane: pick(trainingLanes, Math.floor(index / 100)), model: BENCH_LINEAR_MODEL, request: linearTrainingSet(index) };
      }
      const lane = pick(otherLanes, index);
      if (index % 3 === 0) {
        const rows = [[index % 11, index % 13]];
        return { kind: 'predict', lane, model: BENCH_LINEAR_MODEL, input: async () => ({ kind: 'features', rows }) };
      }
      const text = `${pick(SENTENCES, index)} (review ${index})`;
      return { kind: 'predict', lane, model: SENTIMENT_MODEL, input: async () => ({ kind: 'text', text }) };
    },
  };
}
