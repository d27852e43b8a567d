import type { ProtocolClient } from './protocol-client';

// A call that got no answer at all throws whatever its transport throws ("TypeError: Failed to fetch", a WebSocket
// close code 1006, a ConnectError ...). When the API server does not answer its health check either, the failure is
// said once, in words, the same for every protocol.

/** How long the health check may take before the server counts as not answering. */
const HEALTH_TIMEOUT_MS = 2_000;

export const healthUrl = (apiBaseUrl: string) => `${apiBaseUrl}/healthz`;

/** The API server did not answer a call nor its health check. */
export class ApiUnreachableError extends Error {
  constructor(
    readonly apiBaseUrl: string,
    options?: { cause?: unknown },
  ) {
    super(`API unreachable at ${apiBaseUrl}`, options);
  }
}

/** Whether GET /healthz answers at all (any status: a server that answers is reachable). */
export async function apiAnswers(apiBaseUrl: string): Promise<boolean> {
  try {
    await fetch(healthUrl(apiBaseUrl), { cache: 'no-store', signal: AbortSignal.timeout(HEALTH_TIMEOUT_MS) });
    return true;
  } catch {
    return false;
  }
}

/** A call's failure as it should be shown: ApiUnreachableError when the server does not answer, the error itself otherwise. */
export async function explainNoAnswer(apiBaseUrl: string, error: unknown): Promise<unknown> {
  if (error instanceof ApiUnreachableError) return error;
  return (await apiAnswers(apiBaseUrl)) ? error : new ApiUnreachableError(apiBaseUrl, { cause: error });
}

/** `call`, whose failures are explained by explainNoAnswer. */
function explained<A extends unknown[], R>(apiBaseUrl: string, call: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  return async (...args) => {
    try {
      return await call(...args);
    } catch (error) {
      throw await explainNoAnswer(apiBaseUrl, error);
    }
  };
}

/** The same client, whose calls that get no answer from a server that is down throw ApiUnreachableError. */
export function reportingUnreachable(client: ProtocolClient, apiBaseUrl: string): ProtocolClient {
  const { connect } = client;
  return {
    ...client,
    listModels: explained(apiBaseUrl, client.listModels.bind(client)),
    predict: explained(apiBaseUrl, client.predict.bind(client)),
    train: explained(apiBaseUrl, client.train.bind(client)),
    ...(connect ? { connect: explained(apiBaseUrl, connect.bind(client)) } : {}),
  };
}
