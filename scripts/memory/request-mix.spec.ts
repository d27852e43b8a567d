import { describe, expect, it } from 'vitest';
import type { BenchLane } from './bench-lanes';
import { createRequestMix, type BenchRequest } from './request-mix';

const lane = (name: string, imagesOnly = false): BenchLane => ({
  name,
  imagesOnly,
  predict: async () => ({ ok: true }),
  ...(imagesOnly ? {} : { train: async () => ({ ok: true }) }),
  close() {},
});

const lanes = [lane('rest'), lane('rest-multipart', true), lane('graphql'), lane('grpc-native')];
const requests: BenchRequest[] = Array.from({ length: 1000 }, (_, index) => createRequestMix(lanes, async () => new Uint8Array()).request(index));
const modelOf = (request: BenchRequest) => request.model;

describe('createRequestMix', () => {
  it('makes a fifth of the requests images and one in a hundred a training', () => {
    expect(requests.filter((request) => modelOf(request) === 'mobilenetv2')).toHaveLength(200);
    expect(requests.filter((request) => request.kind === 'train')).toHaveLength(10);
  });

  it('sends images through every lane and everything else only through lanes that carry it', () => {
    const images = requests.filter((request) => modelOf(request) === 'mobilenetv2');
    expect(new Set(images.map((request) => request.lane.name))).toEqual(new Set(lanes.map((each) => each.name)));
    const others = requests.filter((request) => modelOf(request) !== 'mobilenetv2');
    expect(others.some((request) => request.lane.imagesOnly)).toBe(false);
  });

  it('scores a different sentence each time, so no answer comes from a cache', async () => {
    const texts = await Promise.all(
      requests.filter((request) => request.kind === 'predict' && request.model === 'sentiment').map((request) => (request.kind === 'predict' ? request.input() : undefined)),
    );
    expect(new Set(texts.map((input) => (input?.kind === 'text' ? input.text : ''))).size).toBe(texts.length);
  });
});
