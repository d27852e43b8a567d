import type { ConnectRouter, ConnectRouterOptions } from '@connectrpc/connect';
import type { UniversalHandler } from '@connectrpc/connect/protocol';
import { file_ml_model, MLModel } from '../../../lib/gen/ml_model_pb';
import { file_modelwire_v1_inference, InferenceService } from '../../../lib/gen/modelwire/v1/inference_pb';
import { MAX_BODY_BYTES } from '../../../lib/size-limits';
import type { InferenceCore } from '../../core/inference-core';
import { createOipGrpcService, file_inference_grpc_predict_v2, GRPCInferenceService } from '../oip';
import { createAuthenticationInterceptor } from './authentication-interceptor';
import { createErrorMappingInterceptor } from './error-mapping';
import { createInferenceService } from './handler';
import { registerReflection } from './reflection';
import { budgetingRequests } from './request-budget';
import { createSeedService } from './seed-service';
import { answeringUnparsableRequests } from './unparsable-requests';

/**
 * The API's body limit, applied to every protobuf message in both directions (a 15 MB image fits); what a request
 * message may hold besides bytes is bounded by the protobuf and JSON budgets (request-budget.ts).
 */
export const DEFAULT_MAX_MESSAGE_BYTES = MAX_BODY_BYTES;

export interface ModelWireRouterOptions {
  core: InferenceCore;
  /** Aborted when the listener stops: its live sentiment streams end then. */
  shutdown: AbortSignal;
  maxMessageBytes?: number;
  /** gRPC server reflection; bidi streaming, so only where HTTP/2 carries it (the native listener). */
  reflection?: boolean;
  logInternalError?: (error: unknown) => void;
}

/** The services and router options both listeners share: native gRPC, and gRPC-Web + Connect on the API port. */
export function modelWireRouter({
  core,
  shutdown,
  maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES,
  reflection = false,
  logInternalError = (error) => console.error('gRPC internal error', error),
}: ModelWireRouterOptions): ConnectRouterOptions & { routes: (router: ConnectRouter) => void } {
  return {
    readMaxBytes: maxMessageBytes,
    writeMaxBytes: maxMessageBytes,
    interceptors: [createErrorMappingInterceptor(logInternalError), createAuthenticationInterceptor(core)],
    routes(router) {
      router.service(InferenceService, createInferenceService(core, shutdown));
      router.service(MLModel, createSeedService(core));
      router.service(GRPCInferenceService, createOipGrpcService(core));
      if (reflection) registerReflection(router, [file_modelwire_v1_inference, file_ml_model, file_inference_grpc_predict_v2]);
      const wrap = (handler: UniversalHandler) => answeringUnparsableRequests(budgetingRequests(handler, maxMessageBytes));
      router.handlers.splice(0, router.handlers.length, ...router.handlers.map(wrap));
    },
  };
}
