import type {} from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { ModelWireError, invalidInput } from '../../../lib/model-wire-error';
import type { LooseInputFields } from '../shared/prediction-input';

/** The JSON body of POST /v1/models/{name}/predict. Exactly one of text, features, image. */
export interface PredictBody extends LooseInputFields {
  topK?: unknown;
  version?: unknown;
}

/** Reads a multipart body: the image from the file field `image`, other fields as text. */
export async function readMultipart(request: FastifyRequest): Promise<{ image: Uint8Array; fields: Record<string, string> }> {
  let image: Uint8Array | undefined;
  const fields: Record<string, string> = {};
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        const bytes = await part.toBuffer();
        if (part.fieldname === 'image') image = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      } else {
        fields[part.fieldname] = String(part.value);
      }
    }
  } catch (error) {
    throw unreadableMultipart(error);
  }
  if (!image) throw invalidInput('The multipart body has no file field named "image".');
  return { image, fields };
}

/**
 * @fastify/multipart's own errors carry their HTTP status (413 for its limits); busboy's carry none ("Multipart:
 * Boundary not found", "Unexpected end of form"), yet they all describe a malformed body, so they are invalid_input.
 */
function unreadableMultipart(error: unknown): unknown {
  if (error instanceof ModelWireError || typeof (error as { statusCode?: unknown }).statusCode === 'number') return error;
  return invalidInput(`The multipart body could not be read: ${error instanceof Error ? error.message : String(error)}.`);
}

export const isMultipart = (request: FastifyRequest) => request.isMultipart();

export const requireObjectBody = (body: unknown): Record<string, unknown> => {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new ModelWireError('invalid_input', 'The body must be a JSON object.');
  return body as Record<string, unknown>;
};
