// Serves connect-es service implementations and interceptors on a @grpc/grpc-js Server.
export { grpcJsServiceOf, methodPathOf } from './grpc-js-service';
export { grpcStatusOf } from './grpc-status';
export type { BridgeOptions } from './method-handlers';
export { servicesOf } from './recorded-services';
