import { envelope, escapeXml, SOAP_CONTENT_TYPE } from '../../lib/clients/soap-envelope';
import type { ErrorCode } from '../../lib/contract';
import type { RunningApi } from '../support/start-api';
import { grpcFrame, predictJson, trainJson, unaryRequest } from './hostile-grpc-wire';
import { decodeGraphql, decodeGrpcWeb, decodeProblem, decodeSoap, httpExchange, outcomeOf, type ExchangeOptions, type HttpAnswer } from './hostile-http-wire';
import type { HostileLane, HostileLaneName, HostileSession, Loose, Outcome, WireRequest } from './hostile-shape';

// The four protocols of the API port, reached with raw HTTP/1.1: REST, GraphQL, SOAP, and gRPC-Web/Connect.

/** REQUEST_TIMEOUT_MS of the second server, the one the slow-client cases stall on. */
export const SHORT_REQUEST_TIMEOUT_MS = 1000;

/** The servers under attack: the main one, and one started with REQUEST_TIMEOUT_MS=SHORT_REQUEST_TIMEOUT_MS. */
export interface HostileServers {
  main: RunningApi;
  shortDeadline: RunningApi;
}

export interface HttpSession extends HostileSession {
  send(request: WireRequest, options?: ExchangeOptions): Promise<Outcome>;
  /** Headers and half the body to the short-deadline server, then silence. */
  sendSlowly(request: WireRequest): Promise<Outcome>;
}

const HTTP_STATUS: Record<ErrorCode, number> = {
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  too_large: 413,
  unsupported_media: 415,
  overloaded: 429,
  internal: 500,
  not_installed: 503,
};

const SOAP_SERVER_FAULTS: readonly ErrorCode[] = ['not_installed', 'overloaded', 'internal'];

export const GRPC_STATUS_OF: Record<ErrorCode, string> = {
  invalid_input: 'INVALID_ARGUMENT (3)',
  unsupported_media: 'INVALID_ARGUMENT (3)',
  not_found: 'NOT_FOUND (5)',
  forbidden: 'PERMISSION_DENIED (7)',
  too_large: 'RESOURCE_EXHAUSTED (8)',
  overloaded: 'RESOURCE_EXHAUSTED (8)',
  internal: 'INTERNAL (13)',
  not_installed: 'UNAVAILABLE (14)',
  unauthenticated: 'UNAUTHENTICATED (16)',
};

const json = (target: string, body: unknown): WireRequest => ({ target, headers: { 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify(body)) });

/** The GraphQL input object for loose fields: one row is `features`, many are `rows`. */
function graphqlInput({ topK: _topK, features, ...rest }: Loose): Loose {
  if (features === undefined) return rest;
  return { ...rest, [Array.isArray(features) && Array.isArray(features[0]) ? 'rows' : 'features']: features };
}

const PREDICT_MUTATION = /* GraphQL */ `mutation Predict($model: String!, $input: PredictionInput!, $topK: Int) {
  predict(model: $model, input: $input, topK: $topK) {
    model { name version }
    output { __typename ... on SentimentOutput { label score } ... on RegressionOutput { values } ... on ClassificationOutput { labels { label } } }
  }
}`;
const TRAIN_MUTATION = /* GraphQL */ `mutation Train($model: String!, $X: [[Float!]!]!, $y: [Float!]!, $ridge: Float) {
  train(model: $model, X: $X, y: $y, ridge: $ridge) { model { name version } coefficients intercept r2 }
}`;

/** Loose fields as the operation's mw: elements: arrays become rows of values, anything else its text. */
function soapFields(fields: Loose, rename: Record<string, string> = {}): string {
  const values = (list: unknown[]) => list.map((value) => `<mw:value>${escapeXml(String(value))}</mw:value>`).join('');
  return Object.entries(fields)
    .map(([field, value]) => {
      const name = rename[field] ?? field;
      if (!Array.isArray(value)) return `<mw:${name}>${escapeXml(String(value))}</mw:${name}>`;
      if (field === 'y') return `<mw:${name}>${values(value)}</mw:${name}>`;
      const rows = Array.isArray(value[0]) ? value : [value];
      return `<mw:${name}>${rows.map((row) => `<mw:row>${Array.isArray(row) ? values(row) : escapeXml(String(row))}</mw:row>`).join('')}</mw:${name}>`;
    })
    .join('');
}

const soapRequest = (operation: string, content: string): WireRequest => ({
  target: '/soap',
  headers: { 'content-type': SOAP_CONTENT_TYPE },
  body: Buffer.from(envelope(`<mw:${operation}>${content}</mw:${operation}>`)),
});

const GRPC_WEB = { binary: 'application/grpc-web+proto', json: 'application/json' };

/** gRPC-Web messages go out framed; Connect's unary JSON is the bare message. */
const framedForGrpcWeb = (request: WireRequest): WireRequest =>
  request.framed || !request.headers['content-type']?.startsWith('application/grpc-web') ? request : { ...request, body: grpcFrame(request.body), framed: true };

interface HttpLaneSpec {
  name: HostileLaneName;
  encodePredict(model: string, fields: Loose): WireRequest;
  encodeTrain(model: string, fields: Loose): WireRequest;
  decode(answer: HttpAnswer): Outcome;
  prepare?(request: WireRequest): WireRequest;
  nativeFor(code: ErrorCode): string | RegExp;
}

function httpLane(servers: () => HostileServers, spec: HttpLaneSpec): HostileLane<HttpSession> {
  const portOf = (api: RunningApi) => Number(new URL(api.url).port);
  const prepare = spec.prepare ?? ((request: WireRequest) => request);
  return {
    name: spec.name,
    nativeFor: spec.nativeFor,
    open: () => ({
      lane: spec.name,
      encodePredict: spec.encodePredict,
      encodeTrain: spec.encodeTrain,
      send: async (request, options) => outcomeOf(await httpExchange(portOf(servers().main), prepare(request), options), spec.decode),
      sendSlowly: async (request) => outcomeOf(await httpExchange(portOf(servers().shortDeadline), prepare(request), { partial: true, timeoutMs: 5000 }), spec.decode),
    }),
  };
}

export function httpLanes(servers: () => HostileServers) {
  return {
    rest: httpLane(servers, {
      name: 'rest',
      encodePredict: (model, fields) => json(`/v1/models/${encodeURIComponent(model)}/predict`, fields),
      encodeTrain: (model, fields) => json(`/v1/models/${encodeURIComponent(model)}/train`, fields),
      decode: decodeProblem,
      nativeFor: (code) => `HTTP ${HTTP_STATUS[code]} problem+json`,
    }),
    graphql: httpLane(servers, {
      name: 'graphql',
      encodePredict: (model, fields) => json('/graphql', { query: PREDICT_MUTATION, variables: { model, input: graphqlInput(fields), topK: fields.topK } }),
      encodeTrain: (model, fields) => json('/graphql', { query: TRAIN_MUTATION, variables: { model, ...fields } }),
      decode: decodeGraphql,
      // Errors of an operation that ran are HTTP 200; a request yoga or fastify could not read gets its 4xx.
      nativeFor: (code) => new RegExp(`^GraphQL errors \\(HTTP (200|${HTTP_STATUS[code]})\\)$`),
    }),
    soap: httpLane(servers, {
      name: 'soap',
      encodePredict: (model, fields) => soapRequest('Predict', soapFields({ model, ...fields })),
      encodeTrain: (model, fields) => soapRequest('Train', soapFields({ model, ...fields }, { X: 'rows', y: 'targets' })),
      decode: decodeSoap,
      // SOAP 1.1 §6.2: every Fault goes back with HTTP 500.
      nativeFor: (code) => `soap:${SOAP_SERVER_FAULTS.includes(code) ? 'Server' : 'Client'} (HTTP 500)`,
    }),
    grpcWeb: httpLane(servers, {
      name: 'grpc-web',
      encodePredict: (model, fields) => unaryRequest('Predict', predictJson(model, fields), GRPC_WEB),
      encodeTrain: (model, fields) => unaryRequest('Train', trainJson(model, fields), GRPC_WEB),
      prepare: framedForGrpcWeb,
      decode: decodeGrpcWeb,
      nativeFor: (code) => GRPC_STATUS_OF[code],
    }),
  };
}
