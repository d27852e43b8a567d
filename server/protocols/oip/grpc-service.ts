import type { ServiceImpl } from '@connectrpc/connect';
import { GRPCInferenceService } from '../../../lib/gen/inference/grpc_predict_v2_pb';
import type { InferenceCore } from '../../core/inference-core';
import { principalOf } from '../grpc/authentication-interceptor';
import { receivedAtOf } from '../grpc/handler';
import { inferRequestOf, inferResponseMessage, modelMetadataMessage, wantsRawOutputs } from './grpc-codec';
import { createOipHandler } from './handler';

/**
 * inference.GRPCInferenceService, the Open Inference Protocol over gRPC. Register it on the router that carries the
 * other services: its error-mapping and authentication interceptors turn what the core throws into gRPC statuses
 * (NOT_FOUND, INVALID_ARGUMENT, ...) and give each call its caller.
 */
export function createOipGrpcService(core: InferenceCore): ServiceImpl<typeof GRPCInferenceService> {
  const handler = createOipHandler(core);
  return {
    serverLive: async () => ({ live: handler.serverLive() }),
    serverReady: async () => ({ ready: handler.serverReady() }),
    modelReady: async ({ name, version }) => ({ ready: handler.modelReady(name, version) }),
    serverMetadata: async () => handler.serverMetadata(),
    modelMetadata: async ({ name, version }) => modelMetadataMessage(handler.modelMetadata(name, version)),

    async modelInfer(request, context) {
      const response = await handler.infer(inferRequestOf(request), { principal: await principalOf(context), receivedAt: receivedAtOf(context) });
      return inferResponseMessage(response, wantsRawOutputs(request));
    },
  };
}
