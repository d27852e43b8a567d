import { Client, fetchExchange, type CombinedError } from '@urql/core';
import type { ModelDescriptor, PredictionInput, PredictionResult, TrainResult } from '../contract';
import { IMAGE_PLACEHOLDER } from '../encoding/encoded-body';
import { ModelWireError } from '../model-wire-error';
import { LIST_MODELS, modelDescriptorOf, PREDICT, predictionResultOf, predictVariables, TRAIN, type GraphqlImageTransport, type GraphqlPrediction } from './graphql-documents';
import { authorizationFlag, authorizationHeader } from './authorization-header';
import { since } from './call-timing';
import { credentials as sharedCredentials, type CredentialOption } from './credentials';
import { openGraphqlSentimentStream } from './graphql-stream';
import { createRecordingFetch, type RecordedExchange } from './graphql-wire';
import type { CallOutcome, ProtocolClient, ProtocolError } from './protocol-client';
import { httpCallTiming } from './timed-fetch';
import { shellQuote } from './wire-format';

export interface GraphqlClientOptions extends CredentialOption {
  /** How predict sends an image: base64 in the JSON variables (default) or a multipart upload. */
  imageAs?: GraphqlImageTransport;
}

/** The first GraphQL error in GraphQL's own form: the contract code travels in `errors[].extensions.code`. */
function errorOf(error: CombinedError, exchange: RecordedExchange): ProtocolError {
  const first = error.graphQLErrors[0];
  if (first) {
    const { code, ...details } = first.extensions as { code?: unknown };
    const contractCode = ModelWireError.isCode(code) ? code : 'internal';
    return {
      code: contractCode,
      message: first.message,
      native: `GraphQL error extensions.code=${typeof code === 'string' ? code : 'none'}`,
      ...(Object.keys(details).length > 0 ? { details } : {}),
    };
  }
  const status = exchange.status;
  return { code: 'internal', message: error.networkError?.message ?? error.message, native: status ? `HTTP ${status} ${exchange.statusText}`.trim() : 'network error' };
}

/** GraphQL over urql (Client + fetchExchange) against /graphql; a recording fetch captures what went over the wire. */
export function createGraphqlClient(baseUrl: string, options: GraphqlClientOptions = {}): ProtocolClient {
  const url = `${baseUrl}/graphql`;
  const imageAs = options.imageAs ?? 'base64';
  const credentials = options.credentials ?? sharedCredentials;
  // Queries by POST like mutations, so every call shows the same wire shape; no cache exchange: every call is real.
  // fetchOptions is read for each operation, so each call carries the token of its moment.
  const fetchOptions = () => ({ headers: authorizationHeader(credentials) });
  const client = new Client({ url, exchanges: [fetchExchange], preferGetMethod: false, requestPolicy: 'network-only', fetchOptions });

  /** One operation; `image` is spliced in where the variables hold IMAGE_PLACEHOLDER (see graphql-wire.ts). */
  async function run<Data, T>(kind: 'query' | 'mutation', document: string, variables: Record<string, unknown>, read: (data: Data) => T, image?: Uint8Array, signal?: AbortSignal): Promise<CallOutcome<T>> {
    const recorder = createRecordingFetch({ startedAt: performance.now(), image, signal });
    const context = { fetch: recorder.fetch };
    const result = await (kind === 'query' ? client.query(document, variables, context) : client.mutation(document, variables, context)).toPromise();
    const exchange = await recorder.exchange();
    // No answer at all (server down, CORS refused): thrown, as the REST client's fetch throws.
    if (!exchange.status && result.error?.networkError) throw result.error.networkError;
    const outcome: { ok: true; value: T } | { ok: false; error: ProtocolError } = result.error
      ? { ok: false, error: errorOf(result.error, exchange) }
      : { ok: true, value: read(result.data as Data) };
    const measured = exchange.timing;
    // Decoding: urql parsing the answer, then reading it into the contract's types.
    const timing = measured && httpCallTiming(measured, measured.encodeMs, since(measured.receivedAt));
    return { ...outcome, roundTripMs: exchange.roundTripMs, wire: exchange.wire, timing };
  }

  function predict(model: string, input: PredictionInput, topK: number | undefined, signal?: AbortSignal) {
    const image = input.kind === 'image' && imageAs === 'base64' ? input.image : undefined;
    const variables = predictVariables(model, input, topK, imageAs, image && IMAGE_PLACEHOLDER);
    return run('mutation', PREDICT, variables, (data: { predict: GraphqlPrediction }): PredictionResult => predictionResultOf(data.predict), image, signal);
  }

  function copyAs(model: string, input: PredictionInput, { topK }: { topK?: number } = {}): string {
    if (input.kind !== 'image') {
      const payload = JSON.stringify({ query: PREDICT, variables: predictVariables(model, input, topK, 'base64') });
      return `curl -X POST ${url}${authorizationFlag(credentials)} -H 'content-type: application/json' -d ${shellQuote(payload)}`;
    }
    // The GraphQL multipart request spec: the operation with a null placeholder, a map, then the file.
    const operations = JSON.stringify({ query: PREDICT, variables: { model, input: { upload: null }, ...(topK === undefined ? {} : { topK }) } });
    const map = JSON.stringify({ 0: ['variables.input.upload'] });
    return `curl -X POST ${url}${authorizationFlag(credentials)} -F operations=${shellQuote(operations)} -F map=${shellQuote(map)} -F 0=@photo.jpg`;
  }

  return {
    protocol: 'graphql',
    async listModels(): Promise<ModelDescriptor[]> {
      const outcome = await run('query', LIST_MODELS, {}, (data: { models: Parameters<typeof modelDescriptorOf>[0][] }) => data.models.map(modelDescriptorOf));
      if (!outcome.ok) throw new Error(`GraphQL models failed: ${outcome.error.message} (${outcome.error.native})`);
      return outcome.value;
    },
    predict: (model, input, { topK, signal } = {}) => predict(model, input, topK, signal),
    train: (model, request) =>
      run('mutation', TRAIN, { model, X: request.X, y: request.y, ...(request.ridge === undefined ? {} : { ridge: request.ridge }) }, (data: { train: TrainResult }) => data.train),
    copyAs,
    openSentimentStream: (onEvent) => openGraphqlSentimentStream({ baseUrl, onEvent, credentials }),
    close() {},
  };
}
