import * as grpc from '@grpc/grpc-js';
import type { PredictionInput } from '../../../lib/contract';
import { loadGrpcServices } from '../grpc-definitions';
import { withVersion } from '../package-version';
import { encodedOnce, firstOf, unexpected } from './answers';
import { CallRefused, type Answer, type Lane } from './lane';

interface PredictReply {
  sentiment?: { label?: string };
  regression?: { values?: number[] };
  classification?: { labels?: { label: string }[] };
}

type Unary<Request, Reply> = (request: Request, callback: (error: grpc.ServiceError | null, reply?: Reply) => void) => void;

const SENTIMENT_PREFIX = 'SENTIMENT_LABEL_';

const requestOf = encodedOnce((model: string, input: PredictionInput) =>
  input.kind === 'text'
    ? { model, text: input.text }
    : input.kind === 'features'
      ? { model, features: { rows: input.rows.map((values) => ({ values })) } }
      : { model, image: input.image },
);

function answerOf(reply: PredictReply): Answer {
  if (reply.sentiment?.label) return reply.sentiment.label.replace(SENTIMENT_PREFIX, '').toLowerCase();
  if (reply.regression) return firstOf(reply.regression.values, 'regression value');
  if (reply.classification) return firstOf(reply.classification.labels, 'label').label;
  return unexpected('gRPC reply', reply);
}

const refused = (error: grpc.ServiceError) => error.code === grpc.status.RESOURCE_EXHAUSTED && error.metadata?.get('modelwire-code')[0] === 'overloaded';

function promised<Request, Reply>(method: Unary<Request, Reply>, request: Request): Promise<Reply> {
  return new Promise((resolve, reject) =>
    method(request, (error, reply) => {
      if (error) reject(refused(error) ? new CallRefused(error.message) : error);
      else if (!reply) reject(new Error('no reply'));
      else resolve(reply);
    }),
  );
}

export const grpcLane: Lane = {
  protocol: 'grpc',
  client: `${withVersion('@grpc/grpc-js')} client (one HTTP/2 channel), stubs from @grpc/proto-loader`,
  seedCall: 'MLModel/Predict {feature1, feature2} → {prediction} (proto/ml_model.proto)',
  predictCall: 'modelwire.v1.InferenceService/Predict; images as protobuf bytes',
  async connect({ host, port }) {
    const { MLModel, InferenceService } = loadGrpcServices();
    const address = `${host}:${port}`;
    const credentials = grpc.credentials.createInsecure();
    const seedStub = new MLModel(address, credentials);
    // The same channel for both services: one connection, as one client would hold.
    const inferenceStub = new InferenceService(address, credentials, { channelOverride: seedStub.getChannel() });
    const seedPredict = (seedStub as unknown as { Predict: Unary<object, { prediction?: number }> }).Predict.bind(seedStub);
    const predict = (inferenceStub as unknown as { Predict: Unary<object, PredictReply> }).Predict.bind(inferenceStub);
    return {
      async seed(feature1, feature2) {
        const reply = await promised(seedPredict, { feature1, feature2 });
        return typeof reply.prediction === 'number' ? reply.prediction : unexpected('gRPC seed reply', reply);
      },
      predict: async (model, input) => answerOf(await promised(predict, requestOf(model, input))),
      close: async () => seedStub.close(),
    };
  },
};
