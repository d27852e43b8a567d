import type { FastifyRequest } from 'fastify';
import { invalidInput } from '../../../lib/model-wire-error';

// graphql-yoga reads a GET request's `variables` and `extensions` with a bare JSON.parse, so a malformed one surfaces
// as an unexpected error (HTTP 500, code internal). They are checked here first: a client mistake is invalid_input.
const JSON_PARAMS = ['variables', 'extensions'] as const;

/** A preValidation hook for GET /graphql. */
export async function refuseUnparsableJsonParams(request: FastifyRequest): Promise<void> {
  const query = (request.query ?? {}) as Record<string, unknown>;
  for (const name of JSON_PARAMS) {
    const given = query[name];
    const value = Array.isArray(given) ? given[0] : given;
    if (typeof value !== 'string' || value === '') continue;
    try {
      JSON.parse(value);
    } catch {
      throw invalidInput(`The "${name}" query parameter is not valid JSON.`);
    }
  }
}
