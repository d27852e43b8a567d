import { fromBinary, toBinary, type DescMessage, type DescMethod, type MessageShape } from '@bufbuild/protobuf';
import type { MethodImplSpec, ServiceImplSpec } from '@connectrpc/connect';
import type { MethodDefinition, ServiceDefinition, UntypedHandleCall, UntypedServiceImplementation } from '@grpc/grpc-js';
import { bidiStreamingHandler, serverStreamingHandler, unaryHandler, type BridgeOptions } from './method-handlers';

const serializerOf = (schema: DescMessage) => (message: unknown) => {
  const bytes = toBinary(schema, message as MessageShape<DescMessage>);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
};

/** Requests reach the handlers as bytes, which they parse themselves (see request-messages.ts). */
const asBytes = (bytes: Buffer) => bytes;

/** The HTTP/2 path a method is called at, e.g. "/modelwire.v1.InferenceService/Predict". */
export const methodPathOf = (method: DescMethod) => `/${method.parent.typeName}/${method.name}`;

function methodDefinitionOf(method: DescMethod): MethodDefinition<Buffer, unknown> {
  const streamsRequests = method.methodKind === 'client_streaming' || method.methodKind === 'bidi_streaming';
  const streamsResponses = method.methodKind === 'server_streaming' || method.methodKind === 'bidi_streaming';
  return {
    path: methodPathOf(method),
    requestStream: streamsRequests,
    responseStream: streamsResponses,
    requestSerialize: asBytes,
    requestDeserialize: asBytes,
    responseSerialize: serializerOf(method.output),
    responseDeserialize: (bytes) => fromBinary(method.output, bytes),
    originalName: method.localName,
  };
}

function handlerOf(spec: MethodImplSpec, options: BridgeOptions): UntypedHandleCall {
  switch (spec.kind) {
    case 'unary':
      return unaryHandler(spec, options);
    case 'server_streaming':
      return serverStreamingHandler(spec, options);
    case 'bidi_streaming':
      return bidiStreamingHandler(spec, options);
    case 'client_streaming':
      throw new Error(`${spec.method.parent.typeName}.${spec.method.name}: client-streaming methods are not bridged to grpc-js`);
  }
}

/** A connect-es service implementation as what grpc-js serves: `server.addService(definition, implementation)`. */
export function grpcJsServiceOf(spec: ServiceImplSpec, options: BridgeOptions): { definition: ServiceDefinition; implementation: UntypedServiceImplementation } {
  const definition: Record<string, MethodDefinition<Buffer, unknown>> = {};
  const implementation: UntypedServiceImplementation = {};
  for (const [name, method] of Object.entries(spec.methods)) {
    definition[name] = methodDefinitionOf(method.method);
    implementation[name] = handlerOf(method, options);
  }
  return { definition, implementation };
}
