import type { FastifyReply } from 'fastify';
import type { ModelWireError } from '../../../lib/model-wire-error';
import { bearerChallengeOf } from '../shared/bearer-token';
import { httpStatusOf } from '../shared/http-errors';

// The Open Inference Protocol's REST errors are an HTTP status with {"error": "<message>"}; the contract's code rides
// along as "code" (a field the protocol's clients ignore). Its gRPC errors are mapped with every other gRPC service
// of the router, by server/protocols/grpc/error-mapping.ts.

interface OipErrorBody {
  error: string;
  code: ModelWireError['code'];
}

const oipErrorBody = (error: ModelWireError): OipErrorBody => ({ error: error.message, code: error.code });

/** The error as the protocol's JSON error object, with its HTTP status and, for a 401 or a missing scope, a Bearer challenge. */
export function sendOipError(reply: FastifyReply, error: ModelWireError) {
  const challenge = bearerChallengeOf(error, reply.request.headers.authorization);
  if (challenge) reply.header('www-authenticate', challenge);
  return reply.status(httpStatusOf(error.code)).type('application/json; charset=utf-8').send(oipErrorBody(error));
}
