import { createServer } from 'node:http';
import { createSchema, createYoga } from 'graphql-yoga';
import { withVersion } from '../package-version';
import { closeServer, listenOnFreePort, type RunningFloor } from './floor';
import { inlineFormula, whenAnswered, type SeedAnswer } from './seed-answer';

const typeDefs = /* GraphQL */ `
  type Query { ok: Boolean }
  type Prediction { id: ID!, input: String!, output: String! }
  type CreatePredictionPayload { prediction: Prediction! }
  type Mutation { createPrediction(modelId: ID!, inputData: String!): CreatePredictionPayload! }
`;

let predictions = 0;

/** graphql-yoga on node:http (its getting-started setup) with the seed's createPrediction mutation. */
export async function startGraphqlFloor(answer: SeedAnswer = inlineFormula): Promise<RunningFloor> {
  const resolvers = {
    Mutation: {
      createPrediction(_: unknown, { inputData }: { inputData: string }) {
        const [feature1, feature2] = JSON.parse(inputData) as number[];
        return whenAnswered(answer(Number(feature1), Number(feature2)), (value) => {
          const output = JSON.stringify({ kind: 'regression', values: [value] });
          return { prediction: { id: String(++predictions), input: inputData, output } };
        });
      },
    },
  };
  const yoga = createYoga({ schema: createSchema({ typeDefs, resolvers }), logging: false });
  const server = createServer(yoga);
  const port = await listenOnFreePort(server);
  return { port, library: `${withVersion('graphql-yoga')} on node:http, default plugins`, close: () => closeServer(server) };
}
