import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PredictionInput } from '../../lib/contract';
import { LANES, type LaneClient, type LaneEndpoint } from '../../scripts/bench/lanes';
import { CallRefused } from '../../scripts/bench/lanes/lane';
import { trainLinearModels } from '../../scripts/bench/run/train-models';
import { SEED_FEATURES, seedFormula } from '../../scripts/bench/seed-formula';
import { BENCH_LINEAR_MODEL } from '../../scripts/bench/workloads';
import { hasSharedImagenet, houseFinch, SHARED_IMAGENET_DIR } from '../support/shared-files';
import { useApi } from '../support/use-api';

// Every bench lane against ModelWire: the same answers on all six, and requests encoded once per input still reach
// the model named in each call. (The bench smoke test runs three lanes through the whole bench.)

const api = useApi(() => (hasSharedImagenet ? { modelsDir: SHARED_IMAGENET_DIR } : {}));
const [FEATURE1, FEATURE2] = SEED_FEATURES;
const TEXT: PredictionInput = { kind: 'text', text: 'I love machine learning!' };
const ROW: PredictionInput = { kind: 'features', rows: [[3, 4]] };

function endpointOf(protocol: string): LaneEndpoint {
  const port = protocol === 'grpc' ? api().grpcAddress.split(':')[1] : protocol === 'mqtt' ? new URL(api().mqttUrl).port : new URL(api().url).port;
  return { host: '127.0.0.1', port: Number(port) };
}

let photo: PredictionInput | undefined;

beforeAll(async () => {
  await trainLinearModels(endpointOf('rest'));
  if (hasSharedImagenet) photo = { kind: 'image', image: new Uint8Array(await readFile(houseFinch().path)) };
});

describe.each(LANES.map((lane) => [lane.protocol, lane] as const))('the %s lane', (_, lane) => {
  let client: LaneClient;
  beforeAll(async () => {
    client = await lane.connect(endpointOf(lane.protocol), 4);
  });
  afterAll(() => client?.close());

  it('answers the seed call with the seed formula, call after call', async () => {
    for (let i = 0; i < 2; i++) expect(await client.seed(FEATURE1, FEATURE2)).toBeCloseTo(seedFormula(FEATURE1, FEATURE2), 4);
    expect(await client.seed(2, 1)).toBeCloseTo(seedFormula(2, 1), 4);
  });

  it('answers text, rows and, with the shared files, a photo', async () => {
    const answers = await Promise.all([client.predict('sentiment', TEXT), client.predict(BENCH_LINEAR_MODEL, ROW), client.predict('sentiment', TEXT)]);
    expect(answers[0]).toBe('positive');
    expect(answers[1]).toBeCloseTo(seedFormula(3, 4), 4);
    expect(answers[2]).toBe('positive');
    if (photo) expect(await client.predict('mobilenetv2', photo)).toBe('house finch');
  });

  it('sends an input it has sent before to the model named in the call', async () => {
    await client.predict('sentiment', TEXT);
    const error = await client.predict('no-such-model', TEXT).then(() => undefined, (failure: unknown) => failure);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(CallRefused);
  });
});
