import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { afterAll, beforeAll } from 'vitest';
import { LOADER_OPTIONS, PROTO_DIR, serviceConstructor, type GrpcJsClient } from '../grpc-support';

// An Open Inference Protocol client that shares nothing with the server: @grpc/grpc-js with @grpc/proto-loader
// reading proto/inference/grpc_predict_v2.proto with its field names as written (model_name, raw_input_contents),
// and its own encoding of raw tensor contents.

const PROTO_FILE = path.join(PROTO_DIR, 'inference/grpc_predict_v2.proto');

/** A GRPCInferenceService client made before the enclosing describe's tests and closed after them. */
export function useOipGrpcClient(address: () => string): () => GrpcJsClient {
  let client: GrpcJsClient | undefined;
  beforeAll(() => {
    const definition = grpc.loadPackageDefinition(protoLoader.loadSync(PROTO_FILE, { ...LOADER_OPTIONS, keepCase: true }));
    client = new (serviceConstructor(definition, 'inference.GRPCInferenceService'))(address(), grpc.credentials.createInsecure(), {
      'grpc.max_receive_message_length': 64 * 1024 * 1024,
      'grpc.max_send_message_length': 64 * 1024 * 1024,
    }) as GrpcJsClient;
  });
  afterAll(() => client?.close());
  return () => client!;
}

/** BYTES raw contents: each element as a 4-byte little-endian length, then its bytes. */
export function rawBytesTensor(elements: Array<string | Buffer>): Buffer {
  return Buffer.concat(
    elements.flatMap((element) => {
      const bytes = typeof element === 'string' ? Buffer.from(element, 'utf8') : element;
      const length = Buffer.alloc(4);
      length.writeUInt32LE(bytes.length);
      return [length, bytes];
    }),
  );
}

export function readRawBytesTensor(raw: Buffer): string[] {
  const elements: string[] = [];
  for (let offset = 0; offset < raw.length; ) {
    const length = raw.readUInt32LE(offset);
    elements.push(raw.subarray(offset + 4, offset + 4 + length).toString('utf8'));
    offset += 4 + length;
  }
  return elements;
}

export function rawFloat32Tensor(values: ArrayLike<number>): Buffer {
  const raw = Buffer.alloc(values.length * 4);
  for (let index = 0; index < values.length; index++) raw.writeFloatLE(values[index]!, index * 4);
  return raw;
}

export function readRawFloat32Tensor(raw: Buffer): number[] {
  return Array.from({ length: raw.length / 4 }, (_, index) => raw.readFloatLE(index * 4));
}
