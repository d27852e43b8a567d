import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';

const PROTO_DIR = path.resolve(import.meta.dirname, '../../proto');

/**
 * The seed deck's MLModel and ModelWire's InferenceService as @grpc/proto-loader reads them from proto/: the way a
 * grpc-js developer loads a service, for the bench's client and for the grpc-js floor alike.
 */
export function loadGrpcServices() {
  const definition = protoLoader.loadSync(['ml_model.proto', 'modelwire/v1/inference.proto'], {
    includeDirs: [PROTO_DIR],
    enums: String,
    longs: Number,
    oneofs: true,
  });
  const loaded = grpc.loadPackageDefinition(definition);
  const modelwire = loaded.modelwire as grpc.GrpcObject;
  return {
    MLModel: loaded.MLModel as grpc.ServiceClientConstructor,
    InferenceService: (modelwire.v1 as grpc.GrpcObject).InferenceService as grpc.ServiceClientConstructor,
  };
}
