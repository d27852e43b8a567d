import Fastify from 'fastify';
import { withVersion } from '../package-version';
import { FLOOR_HOST, portOf, type RunningFloor } from './floor';
import { allAnswered, inlineFormula, whenAnswered, type SeedAnswer } from './seed-answer';

/** fastify with one route, no schema, no plugins: POST /predict {X} → {predictions}. */
export async function startRestFloor(answer: SeedAnswer = inlineFormula): Promise<RunningFloor> {
  const app = Fastify();
  app.post<{ Body: { X: number[][] } }>('/predict', async (request) =>
    whenAnswered(allAnswered(request.body.X.map(([feature1, feature2]) => answer(Number(feature1), Number(feature2)))), (predictions) => ({ predictions })),
  );
  await app.listen({ host: FLOOR_HOST, port: 0 });
  return { port: portOf(app.server), library: `${withVersion('fastify')}, one route, no schema`, close: () => app.close() };
}
