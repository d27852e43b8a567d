import { Code, type ConnectRouter } from '@connectrpc/connect';
import type { DescFile } from '@bufbuild/protobuf';
import { file_grpc_reflection_v1_reflection, ServerReflection as ServerReflectionV1 } from '../../../lib/gen/grpc/reflection/v1/reflection_pb';
import { file_grpc_reflection_v1alpha_reflection, ServerReflection as ServerReflectionV1alpha } from '../../../lib/gen/grpc/reflection/v1alpha/reflection_pb';
import { createDescriptorIndex, type DescriptorIndex } from './descriptor-index';

// gRPC server reflection (grpc.reflection.v1 and its v1alpha predecessor, which grpcurl and older clients still
// call), so grpcurl, Postman and grpcui discover the services without a copy of the .proto files.

/** The oneof of a ServerReflectionRequest; v1 and v1alpha share its shape. */
type Question =
  | { case: 'fileByFilename' | 'fileContainingSymbol' | 'allExtensionNumbersOfType' | 'listServices'; value: string }
  | { case: 'fileContainingExtension'; value: { containingType: string; extensionNumber: number } }
  | { case: undefined; value?: undefined };

const failure = (errorCode: Code, errorMessage: string) => ({ case: 'errorResponse' as const, value: { errorCode, errorMessage } });

const filesAnswer = (index: DescriptorIndex, file: DescFile | undefined, notFound: string) =>
  file ? { case: 'fileDescriptorResponse' as const, value: { fileDescriptorProto: index.serializedWithDependencies(file) } } : failure(Code.NotFound, notFound);

function answer(index: DescriptorIndex, question: Question) {
  switch (question.case) {
    case 'listServices':
      return { case: 'listServicesResponse' as const, value: { service: index.serviceNames.map((name) => ({ name })) } };
    case 'fileByFilename':
      return filesAnswer(index, index.fileByName(question.value), `No file named "${question.value}".`);
    case 'fileContainingSymbol':
      return filesAnswer(index, index.fileBySymbol(question.value), `No symbol "${question.value}".`);
    case 'fileContainingExtension': {
      const { containingType, extensionNumber } = question.value;
      const extension = index.extensionsOf(containingType)?.find((each) => each.number === extensionNumber);
      return filesAnswer(index, extension?.file, `No extension ${extensionNumber} of "${containingType}".`);
    }
    case 'allExtensionNumbersOfType': {
      const found = index.extensionsOf(question.value);
      if (!found) return failure(Code.NotFound, `No message type "${question.value}".`);
      return { case: 'allExtensionNumbersResponse' as const, value: { baseTypeName: question.value, extensionNumber: found.map((each) => each.number) } };
    }
    case undefined:
      return failure(Code.InvalidArgument, 'Set one of the message_request fields.');
  }
}

/** Answers each request of the bidi stream in order; a question it cannot answer gets an error_response, not a stream error. */
const serverReflectionInfo = (index: DescriptorIndex) =>
  async function* <Request extends { host: string; messageRequest: Question }>(requests: AsyncIterable<Request>) {
    for await (const request of requests) {
      yield { validHost: request.host, originalRequest: request, messageResponse: answer(index, request.messageRequest) };
    }
  };

/** Serves reflection over the given generated files (their dependencies included) and over itself. */
export function registerReflection(router: ConnectRouter, servedFiles: readonly DescFile[]): void {
  const index = createDescriptorIndex([...servedFiles, file_grpc_reflection_v1_reflection, file_grpc_reflection_v1alpha_reflection]);
  router.service(ServerReflectionV1, { serverReflectionInfo: serverReflectionInfo(index) });
  router.service(ServerReflectionV1alpha, { serverReflectionInfo: serverReflectionInfo(index) });
}
