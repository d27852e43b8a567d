import * as grpc from '@grpc/grpc-js';
import { loadGrpcServices } from '../grpc-definitions';
import { withVersion } from '../package-version';
import { FLOOR_HOST, type RunningFloor } from './floor';
import { deliverAnswer, inlineFormula, type SeedAnswer } from './seed-answer';

interface SeedRequest {
  feature1: number;
  feature2: number;
}

/** A @grpc/grpc-js server with the seed's MLModel.Predict, stubs from @grpc/proto-loader (the reference). */
export async function startGrpcFloor(answer: SeedAnswer = inlineFormula): Promise<RunningFloor> {
  const { MLModel } = loadGrpcServices();
  const server = new grpc.Server();
  server.addService(MLModel.service, {
    Predict: (call: grpc.ServerUnaryCall<SeedRequest, unknown>, callback: grpc.sendUnaryData<{ prediction: number }>) =>
      deliverAnswer(answer(call.request.feature1, call.request.feature2), (prediction) => callback(null, { prediction }), callback),
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync(`${FLOOR_HOST}:0`, grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
  );
  return {
    port,
    library: `${withVersion('@grpc/grpc-js')} server, h2c`,
    close: () => new Promise<void>((resolve) => server.tryShutdown(() => resolve())),
  };
}
