import { createMethodImplSpec, createServiceImplSpec, type ConnectRouter, type ServiceImplSpec } from '@connectrpc/connect';

function refuseOptions(options: object | undefined): void {
  if (options) throw new Error('per-service handler options are not bridged to grpc-js: give the bridge its options instead');
}

/** The services a connect-es `routes` function registers, with their implementations, for a server other than a connect-es router. */
export function servicesOf(routes: (router: ConnectRouter) => void): ServiceImplSpec[] {
  const services: ServiceImplSpec[] = [];
  const recorder: ConnectRouter = {
    handlers: [],
    service(service, implementation, options) {
      refuseOptions(options);
      services.push(createServiceImplSpec(service, implementation));
      return this;
    },
    rpc(method, implementation, options) {
      refuseOptions(options);
      services.push({ service: method.parent, methods: { [method.localName]: createMethodImplSpec(method, implementation) } });
      return this;
    },
  };
  routes(recorder);
  return services;
}
