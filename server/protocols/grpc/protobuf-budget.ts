import { ScalarType, type DescField, type DescMessage } from '@bufbuild/protobuf';
import { BinaryReader, WireType } from '@bufbuild/protobuf/wire';
import { ModelWireError } from '../../../lib/model-wire-error';

// protobuf-es decodes a message by building an object for every nested message: 5 MiB of empty FeatureRows (2 bytes
// each) take ~3 s to decode, 20 MiB of packed doubles ~0.9 s: stalls for every other client that no byte limit large
// enough to carry an image prevents. So a request message is walked first, along its schema, counting its nested
// messages and its values without decoding them; bytes (an image) and strings are skipped whole.

export interface ProtobufBudget {
  /** Nested messages (a FeatureRow each): 1–3 µs each to decode. */
  maxMessages: number;
  /** Fields, and the numbers of packed repeated fields: ~0.1–0.3 µs each. */
  maxValues: number;
}

export const PROTOBUF_BUDGET: ProtobufBudget = { maxMessages: 25_000, maxValues: 500_000 };

/** Deeper than any ModelWire message nests; a recursive schema cannot make the walk recurse without end. */
const MAX_DEPTH = 32;

const fieldsByNumber = new WeakMap<DescMessage, Map<number, DescField>>();

function fieldOf(schema: DescMessage, number: number): DescField | undefined {
  let fields = fieldsByNumber.get(schema);
  if (!fields) fieldsByNumber.set(schema, (fields = new Map(schema.fields.map((field) => [field.number, field]))));
  return fields.get(number);
}

function messageTypeOf(field: DescField | undefined): DescMessage | undefined {
  if (field?.fieldKind === 'message') return field.message;
  if (field?.fieldKind === 'list' && field.listKind === 'message') return field.message;
  return undefined;
}

/** How many numbers a packed repeated field of `length` bytes holds at most (a varint takes at least one byte). */
function packedCountOf(field: DescField | undefined, length: number): number {
  if (field?.fieldKind !== 'list' || (field.listKind !== 'scalar' && field.listKind !== 'enum')) return 0;
  switch (field.scalar) {
    case ScalarType.DOUBLE:
    case ScalarType.FIXED64:
    case ScalarType.SFIXED64:
      return length / 8;
    case ScalarType.FLOAT:
    case ScalarType.FIXED32:
    case ScalarType.SFIXED32:
      return length / 4;
    case ScalarType.STRING:
    case ScalarType.BYTES:
      return 0;
    default:
      return length;
  }
}

const protobufTooLarge = (what: string, max: number) =>
  new ModelWireError('too_large', `The message holds more than ${max.toLocaleString('en')} ${what}; send less per request.`, { limit: 'protobuf_structure', max });

/** Throws too_large when `bytes` (a message of type `schema`) holds more than the budget allows. Malformed bytes are left to the decoder. */
export function assertProtobufWithinBudget(schema: DescMessage, bytes: Uint8Array, budget: ProtobufBudget = PROTOBUF_BUDGET): void {
  const counts = { messages: 0, values: 0 };
  const walk = (type: DescMessage, data: Uint8Array, depth: number) => {
    const reader = new BinaryReader(data);
    while (reader.pos < reader.len) {
      const [number, wireType] = reader.tag();
      const field = fieldOf(type, number);
      const nested = wireType === WireType.LengthDelimited ? messageTypeOf(field) : undefined;
      if (!nested || depth >= MAX_DEPTH) {
        const skipped = reader.skip(wireType, number);
        counts.values += 1 + (wireType === WireType.LengthDelimited ? packedCountOf(field, skipped.byteLength) : 0);
        if (counts.values > budget.maxValues) throw protobufTooLarge('values', budget.maxValues);
        continue;
      }
      if (++counts.messages > budget.maxMessages) throw protobufTooLarge('nested messages', budget.maxMessages);
      walk(nested, reader.bytes(), depth + 1);
    }
  };
  try {
    walk(schema, bytes, 0);
  } catch (error) {
    if (error instanceof ModelWireError) throw error;
  }
}
