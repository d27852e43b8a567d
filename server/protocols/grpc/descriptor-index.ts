import { toBinary, type DescExtension, type DescFile } from '@bufbuild/protobuf';
import { nestedTypes } from '@bufbuild/protobuf/reflect';
import { FileDescriptorProtoSchema } from '@bufbuild/protobuf/wkt';

/** The generated file descriptors a server serves, indexed the way gRPC server reflection asks for them. */
export interface DescriptorIndex {
  /** Full names of the services declared in the served files, e.g. "modelwire.v1.InferenceService". */
  serviceNames: string[];
  /** Files by name ("modelwire/v1/inference.proto"), including every dependency. */
  fileByName(name: string): DescFile | undefined;
  /** The file declaring a fully-qualified message, enum, service, method, field or extension. */
  fileBySymbol(symbol: string): DescFile | undefined;
  /** The extensions of a message type, or undefined when there is no such message. */
  extensionsOf(messageTypeName: string): DescExtension[] | undefined;
  /** The serialized FileDescriptorProto of a file followed by those of its transitive dependencies. */
  serializedWithDependencies(file: DescFile): Uint8Array[];
}

export function createDescriptorIndex(servedFiles: readonly DescFile[]): DescriptorIndex {
  const files = new Map<string, DescFile>();
  const symbols = new Map<string, DescFile>();
  const extensions = new Map<string, DescExtension[]>();

  const add = (file: DescFile) => {
    if (files.has(file.proto.name)) return;
    files.set(file.proto.name, file);
    file.dependencies.forEach(add);
    for (const type of nestedTypes(file)) {
      symbols.set(type.typeName, file);
      if (type.kind === 'service') type.methods.forEach((method) => symbols.set(`${type.typeName}.${method.name}`, file));
      if (type.kind === 'message') {
        type.fields.forEach((field) => symbols.set(`${type.typeName}.${field.name}`, file));
        if (!extensions.has(type.typeName)) extensions.set(type.typeName, []);
      }
    }
  };
  servedFiles.forEach(add);
  for (const file of files.values()) {
    for (const type of nestedTypes(file)) if (type.kind === 'extension') extensions.get(type.extendee.typeName)?.push(type);
  }

  const withDependencies = (file: DescFile, seen = new Set<string>()): DescFile[] => {
    if (seen.has(file.proto.name)) return [];
    seen.add(file.proto.name);
    return [file, ...file.dependencies.flatMap((dependency) => withDependencies(dependency, seen))];
  };

  return {
    serviceNames: servedFiles.flatMap((file) => file.services.map((service) => service.typeName)),
    fileByName: (name) => files.get(name),
    fileBySymbol: (symbol) => symbols.get(symbol.replace(/^\./, '')),
    extensionsOf: (messageTypeName) => extensions.get(messageTypeName),
    serializedWithDependencies: (file) => withDependencies(file).map((each) => toBinary(FileDescriptorProtoSchema, each.proto)),
  };
}
