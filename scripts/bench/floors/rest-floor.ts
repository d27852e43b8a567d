import Fastify from 'fastify';
import { withVersion } from '../package-version';
import { seedFormula } from '../seed-formula';
import { FLOOR_HOST, portOf, type RunningFloor } from './floor';

/** fastify with one route, no schema, no plugins: POST /predict {X} → {predictions}. */
export async function startRestFloor(): Promise<RunningFloor> {
  const app = Fastify();
  app.post<{ Body: { X: number[][] } }>('/predict', async (request) => ({
    predictions: request.body.X.map(([feature1, feature2]) => seedFormula(Number(feature1), Number(feature2))),
  }));
  await app.listen({ host: FLOOR_HOST, port: 0 });
  return { port: portOf(app.server), library: `${withVersion('fastify')}, one route, no schema`, close: () => app.close() };
}
