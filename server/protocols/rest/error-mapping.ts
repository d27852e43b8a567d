import type { FastifyReply } from 'fastify';
import type { ModelWireError } from '../../../lib/model-wire-error';
import { bearerChallengeOf } from '../shared/bearer-token';
import { httpStatusOf } from '../shared/http-errors';

/** RFC 9457 problem details, with the contract's code; a 401 (or a 403 for a missing scope) with its Bearer challenge. */
export function sendProblem(reply: FastifyReply, error: ModelWireError, instance: string) {
  const status = httpStatusOf(error.code);
  const challenge = bearerChallengeOf(error, reply.request.headers.authorization);
  if (challenge) reply.header('www-authenticate', challenge);
  return reply
    .status(status)
    .type('application/problem+json')
    .send({
      type: `https://modelwire.dev/errors/${error.code}`,
      title: error.code.replace(/_/g, ' '),
      status,
      detail: error.message,
      code: error.code,
      instance,
      ...(error.details ?? {}),
    });
}
