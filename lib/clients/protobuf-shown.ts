import { ScalarType, type DescMessage, type MessageShape } from '@bufbuild/protobuf';
import { reflect } from '@bufbuild/protobuf/reflect';

/** How much of a bytes field (a photo) the wire view shows. */
export const SHOWN_BYTES = 90;

/** The bytes a protobuf varint of `value` takes. */
const varintBytes = (value: number): number => (value < 128 ? 1 : 1 + varintBytes(Math.floor(value / 128)));

export interface ShownMessage<Desc extends DescMessage> {
  /** A shallow copy with every long top-level bytes field cut to SHOWN_BYTES; the message that is sent keeps its bytes. */
  shown: MessageShape<Desc>;
  /** How many bytes of the binary encoding the cuts left out (0: nothing was cut). */
  cutBytes: number;
}

/**
 * The message as the wire view shows it. A photo's base64 in JSON, or a second copy of its bytes, would take the page
 * long to write and nobody reads it; the real size is the shown message's plus `cutBytes`.
 */
export function withShortBytes<Desc extends DescMessage>(schema: Desc, message: MessageShape<Desc>): ShownMessage<Desc> {
  const shown = reflect(schema, { ...message });
  let cutBytes = 0;
  for (const field of shown.fields) {
    if (field.fieldKind !== 'scalar' || field.scalar !== ScalarType.BYTES || !shown.isSet(field)) continue;
    const bytes = shown.get(field) as Uint8Array;
    if (bytes.length <= SHOWN_BYTES) continue;
    shown.set(field, bytes.subarray(0, SHOWN_BYTES));
    cutBytes += bytes.length - SHOWN_BYTES + varintBytes(bytes.length) - varintBytes(SHOWN_BYTES);
  }
  return { shown: shown.message as MessageShape<Desc>, cutBytes };
}
