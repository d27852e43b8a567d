import { createClient } from '@connectrpc/connect';
import { createGrpcTransport, Http2SessionManager } from '@connectrpc/connect-node';
import { GRPCInferenceService, type ModelMetadataResponse_TensorMetadata } from '../../../lib/gen/inference/grpc_predict_v2_pb';
import { datatypeOf, type TensorMetadata } from '../../protocols/oip/inference-tensors';
import { BINARY_DATA_OUTPUT } from '../../protocols/oip/grpc-codec';
import { decodeRawNumbers, encodeRawNumbers } from '../../protocols/oip/raw-contents';
import type { InferenceBackendAddress } from '../backend-address';
import { fromGrpcFailure } from './backend-errors';
import { checkedOutput, deadlinesOf, versionNumber, versionNumbers, type OipClient } from './oip-client';

// inference.GRPCInferenceService over HTTP/2 cleartext with connect-es and the generated lib/gen/inference code. The
// session manager reopens the connection on the next call after it dropped, so a backend that comes back answers again.

/** How often an open connection is checked with a PING, so a backend that vanished is noticed between calls too. */
const PING_INTERVAL_MS = 10_000;
/** Big enough for a batch of eight preprocessed images (8 × 602 KB) either way. */
const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

const tensorMetadata = ({ name, datatype, shape }: ModelMetadataResponse_TensorMetadata): TensorMetadata => ({
  name,
  datatype: datatypeOf(name, datatype),
  shape: shape.map(Number),
});

export function createGrpcOipClient(address: InferenceBackendAddress): OipClient {
  const { baseUrl, label } = address;
  const deadlines = deadlinesOf(address);
  const sessionManager = new Http2SessionManager(baseUrl, { pingIntervalMs: PING_INTERVAL_MS, pingTimeoutMs: deadlines.metadata });
  const transport = createGrpcTransport({ baseUrl, sessionManager, readMaxBytes: MAX_MESSAGE_BYTES, writeMaxBytes: MAX_MESSAGE_BYTES });
  const client = createClient(GRPCInferenceService, transport);
  const failing = (error: unknown) => {
    throw fromGrpcFailure(label, error);
  };

  return {
    modelReady: (name) => client.modelReady({ name }, { timeoutMs: deadlines.metadata }).then(({ ready }) => ready, failing),

    modelMetadata: (name) =>
      client.modelMetadata({ name }, { timeoutMs: deadlines.metadata }).then(
        (metadata) => ({ name: metadata.name, versions: versionNumbers(metadata.versions), inputs: metadata.inputs.map(tensorMetadata), outputs: metadata.outputs.map(tensorMetadata) }),
        failing,
      ),

    async infer(request) {
      const { input } = request;
      const response = await client
        .modelInfer(
          {
            modelName: request.model,
            modelVersion: request.version === undefined ? '' : String(request.version),
            inputs: [{ name: input.name, datatype: 'FP32', shape: input.shape.map(BigInt) }],
            outputs: [{ name: request.output }],
            rawInputContents: [encodeRawNumbers('FP32', input.data)],
            parameters: { [BINARY_DATA_OUTPUT]: { parameterChoice: { case: 'boolParam', value: true } } },
          },
          { timeoutMs: deadlines.infer },
        )
        .catch(failing);
      const index = response.outputs.findIndex((output) => output.name === request.output);
      const tensor = response.outputs[index];
      const raw = response.rawOutputContents[index];
      const data = raw && tensor?.datatype === 'FP32' ? decodeRawNumbers('FP32', raw, request.output) : Float32Array.from(tensor?.contents?.fp32Contents ?? []);
      const output = tensor && { name: tensor.name, datatype: tensor.datatype, shape: tensor.shape.map(Number), data: data as Float32Array };
      return { version: versionNumber(response.modelVersion), output: checkedOutput(output, request) };
    },

    close: () => sessionManager.abort(),
  };
}
