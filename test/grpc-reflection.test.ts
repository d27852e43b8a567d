import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import { FileDescriptorProtoSchema, FileDescriptorSetSchema } from '@bufbuild/protobuf/wkt';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { LOADER_OPTIONS, reflect, serviceConstructor, unary, useGrpcJsClients, type GrpcJsClient } from './grpc-support';
import { useApi } from './support/use-api';

/** `buf curl`, the buf CLI's grpcurl: a Go gRPC client that knows the services only through reflection. */
const bufCurl = (args: string[]) =>
  promisify(execFile)(path.resolve(import.meta.dirname, '../node_modules/.bin/buf'), ['curl', '--protocol', 'grpc', '--http2-prior-knowledge', ...args]);

const fileNamesOf = (response: any): string[] =>
  response.fileDescriptorResponse.fileDescriptorProto.map((bytes: Buffer) => fromBinary(FileDescriptorProtoSchema, bytes).name);

describe('gRPC server reflection (v1 and v1alpha), called by @grpc/grpc-js with the reflection .proto', () => {
  const api = useApi();
  const clients = useGrpcJsClients(api);

  for (const version of ['v1', 'v1alpha'] as const) {
    const client = (): GrpcJsClient => (version === 'v1' ? clients().reflectionV1 : clients().reflectionV1alpha);

    it(`${version}: lists InferenceService and MLModel`, async () => {
      const [response] = await reflect(client(), [{ host: 'localhost', listServices: '*' }]);
      expect(response.validHost).toBe('localhost');
      expect(response.originalRequest.listServices).toBe('*');
      const names = response.listServicesResponse.service.map((service: { name: string }) => service.name);
      expect(names).toEqual(expect.arrayContaining(['modelwire.v1.InferenceService', 'MLModel', `grpc.reflection.${version}.ServerReflection`]));
    });

    it(`${version}: answers file_containing_symbol and file_by_filename on one stream, with an error_response for unknown names`, async () => {
      const responses = await reflect(client(), [
        { fileContainingSymbol: 'modelwire.v1.InferenceService' },
        { fileContainingSymbol: 'modelwire.v1.InferenceService.Predict' },
        { fileContainingSymbol: 'modelwire.v1.PredictResponse' },
        { fileContainingSymbol: 'MLModel.Predict' },
        { fileByFilename: 'ml_model.proto' },
        { fileContainingSymbol: 'nope.Nothing' },
        { fileByFilename: 'nope.proto' },
        { allExtensionNumbersOfType: 'modelwire.v1.PredictRequest' },
      ]);
      expect(responses).toHaveLength(8);
      for (const i of [0, 1, 2]) expect(fileNamesOf(responses[i])).toEqual(['modelwire/v1/inference.proto']);
      for (const i of [3, 4]) expect(fileNamesOf(responses[i])).toEqual(['ml_model.proto']);
      for (const i of [5, 6]) expect(responses[i].errorResponse.errorCode).toBe(grpc.status.NOT_FOUND);
      expect(responses[7].allExtensionNumbersResponse).toEqual({ baseTypeName: 'modelwire.v1.PredictRequest', extensionNumber: [] });
    });
  }

  it('is enough to call the services without the .proto files, as grpcurl does', async () => {
    const [listed] = await reflect(clients().reflectionV1, [{ listServices: '' }]);
    const services: string[] = listed.listServicesResponse.service.map((service: { name: string }) => service.name);
    const answers = await reflect(clients().reflectionV1, services.map((name) => ({ fileContainingSymbol: name })));
    const descriptors = new Map<string, Buffer>();
    for (const answer of answers) {
      for (const bytes of answer.fileDescriptorResponse.fileDescriptorProto as Buffer[]) descriptors.set(fromBinary(FileDescriptorProtoSchema, bytes).name, bytes);
    }
    const set = create(FileDescriptorSetSchema, { file: [...descriptors.values()].map((bytes) => fromBinary(FileDescriptorProtoSchema, bytes)) });
    const discovered = grpc.loadPackageDefinition(protoLoader.loadFileDescriptorSetFromBuffer(Buffer.from(toBinary(FileDescriptorSetSchema, set)), LOADER_OPTIONS));

    const inference = new (serviceConstructor(discovered, 'modelwire.v1.InferenceService'))(api().grpcAddress, grpc.credentials.createInsecure());
    try {
      const answer = await unary(inference as GrpcJsClient, 'Predict', { model: 'sentiment', text: 'What a wonderful, happy day.' });
      expect(answer.sentiment.label).toBe('SENTIMENT_LABEL_POSITIVE');
    } finally {
      inference.close();
    }
  });

  for (const reflectProtocol of ['grpc-v1', 'grpc-v1alpha']) {
    it(`buf curl (${reflectProtocol} reflection) lists the methods and calls InferenceService/Predict from reflection alone`, async () => {
      const target = `http://${api().grpcAddress}`;
      const { stdout: methods } = await bufCurl(['--reflect-protocol', reflectProtocol, '--list-methods', target]);
      expect(methods.split('\n')).toEqual(expect.arrayContaining(['MLModel/Predict', 'modelwire.v1.InferenceService/Predict', 'modelwire.v1.InferenceService/ClassifyImage']));
      const { stdout } = await bufCurl(['--reflect-protocol', reflectProtocol, '-d', '{"model": "sentiment", "text": "A great day."}', `${target}/modelwire.v1.InferenceService/Predict`]);
      expect(JSON.parse(stdout)).toMatchObject({ model: { name: 'sentiment' }, sentiment: { label: 'SENTIMENT_LABEL_POSITIVE' } });
    });
  }
});
