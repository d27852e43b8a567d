import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { afterAll, beforeAll, expect } from 'vitest';
import type { RunningApi } from './support/start-api';

// A gRPC client that shares nothing with the server: @grpc/grpc-js with @grpc/proto-loader reading the .proto files.

export const PROTO_DIR = path.resolve(import.meta.dirname, '../proto');
const PROTO_FILES = ['modelwire/v1/inference.proto', 'ml_model.proto', 'grpc/reflection/v1/reflection.proto', 'grpc/reflection/v1alpha/reflection.proto'];
export const LOADER_OPTIONS: protoLoader.Options = { includeDirs: [PROTO_DIR], longs: Number, enums: String, defaults: true, oneofs: true };

export type GrpcJsClient = grpc.Client & Record<string, (...args: any[]) => any>;

/** The constructor of a service's client by its full name, e.g. "modelwire.v1.InferenceService". */
export function serviceConstructor(definition: grpc.GrpcObject, fullName: string): grpc.ServiceClientConstructor {
  const found = fullName.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], definition);
  if (typeof found !== 'function') throw new Error(`no service ${fullName} in the loaded definition`);
  return found as grpc.ServiceClientConstructor;
}

export function grpcJsClients(address: string) {
  const definition = grpc.loadPackageDefinition(protoLoader.loadSync(PROTO_FILES, LOADER_OPTIONS));
  const connect = (name: string) => new (serviceConstructor(definition, name))(address, grpc.credentials.createInsecure()) as GrpcJsClient;
  const clients = {
    inference: connect('modelwire.v1.InferenceService'),
    seed: connect('MLModel'),
    reflectionV1: connect('grpc.reflection.v1.ServerReflection'),
    reflectionV1alpha: connect('grpc.reflection.v1alpha.ServerReflection'),
  };
  return { ...clients, close: () => Object.values(clients).forEach((client) => client.close()) };
}

/** grpcJsClients on the server's native port, made before the enclosing describe's tests and closed after them. */
export function useGrpcJsClients(api: () => RunningApi): () => ReturnType<typeof grpcJsClients> {
  let clients: ReturnType<typeof grpcJsClients> | undefined;
  beforeAll(() => {
    clients = grpcJsClients(api().grpcAddress);
  });
  afterAll(() => clients?.close());
  return () => clients!;
}

export function unary<Response = any>(client: GrpcJsClient, method: string, request: object): Promise<Response> {
  return new Promise((resolve, reject) => {
    client[method]!(request, (error: grpc.ServiceError | null, response: Response) => (error ? reject(error) : resolve(response)));
  });
}

/** Sends every request on one ServerReflectionInfo bidi stream and collects the responses. */
export function reflect(client: GrpcJsClient, requests: object[]): Promise<any[]> {
  return new Promise((resolve, reject) => {
    const call = client.ServerReflectionInfo!() as grpc.ClientDuplexStream<object, any>;
    const responses: any[] = [];
    call.on('data', (response) => responses.push(response));
    call.on('error', reject);
    call.on('end', () => resolve(responses));
    requests.forEach((request) => call.write(request));
    call.end();
  });
}

/** Asserts the call failed with a gRPC status, a message, and the contract's code in the trailers. */
export async function expectGrpcStatus(call: Promise<unknown>, status: grpc.status, contractCode?: string): Promise<grpc.ServiceError> {
  const error = await call.then(
    () => {
      throw new Error(`expected gRPC status ${grpc.status[status]}, the call succeeded`);
    },
    (failure: grpc.ServiceError) => failure,
  );
  expect(grpc.status[error.code]).toBe(grpc.status[status]);
  expect(error.details.length).toBeGreaterThan(5);
  if (contractCode) expect(error.metadata.get('modelwire-code')).toEqual([contractCode]);
  return error;
}
