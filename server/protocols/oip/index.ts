// The Open Inference Protocol ("KServe v2", also served by NVIDIA Triton and Seldon MLServer): REST under /v2 on the
// API port, and inference.GRPCInferenceService beside the other gRPC services. See docs/protocols/oip.md.
export { oipRestRoutes, type OipRestOptions } from './rest-routes';
export { createOipGrpcService } from './grpc-service';
export { file_inference_grpc_predict_v2, GRPCInferenceService } from '../../../lib/gen/inference/grpc_predict_v2_pb';
