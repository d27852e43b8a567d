import { createHttpTransport } from '../lanes/http-transport';
import type { LaneEndpoint } from '../lanes/lane';
import { seedTrainingSet } from '../seed-formula';
import { BENCH_LINEAR_MODEL } from '../workloads';

/**
 * Trains, through ModelWire's REST API, the seed's "default" model (POST /train, answering the seed endpoints) and the
 * bench's own linear model, both on rows the seed's formula fits exactly: every lane must then answer its numbers.
 */
export async function trainLinearModels(api: LaneEndpoint): Promise<void> {
  const http = createHttpTransport(api, 1);
  try {
    await http.postJson('/train', seedTrainingSet());
    await http.postJson(`/v1/models/${BENCH_LINEAR_MODEL}/train`, seedTrainingSet());
  } finally {
    http.close();
  }
}
