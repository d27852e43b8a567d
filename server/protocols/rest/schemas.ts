// JSON Schemas of the REST routes: fastify validates requests with them and @fastify/swagger turns them into OpenAPI.
import { BENCH_REPORT_SCHEMA } from '../../../lib/bench/bench-report';

const problem = {
  description: 'An RFC 9457 problem (application/problem+json) carrying the contract error code.',
  type: 'object',
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    code: { type: 'string' },
    instance: { type: 'string' },
  },
  additionalProperties: true,
} as const;

const errors = { 400: problem, 404: problem, 413: problem, 415: problem, 429: problem, 500: problem, 503: problem };

/** Routes that predict or train: `Authorization: Bearer <token>` when the server runs with AUTH=required. */
const withAuthorization = <Schema extends { response: object }>(schema: Schema) => ({
  ...schema,
  security: [{ bearerAuth: [] }],
  response: { ...schema.response, 401: problem, 403: problem },
});

/** OpenAPI components.securitySchemes, referenced by the routes above. */
export const securitySchemes = {
  bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'An access token from POST /v1/auth/token (AUTH=required only).' },
} as const;

const modelRef = { type: 'object', properties: { name: { type: 'string' }, version: { type: 'integer' } } } as const;

const timing = {
  type: 'object',
  properties: { serverMs: { type: 'number' }, inferenceMs: { type: 'number' }, preprocessMs: { type: 'number' }, queueMs: { type: 'number' }, trainingMs: { type: 'number' } },
} as const;

const modelDescriptor = {
  type: 'object',
  additionalProperties: true,
  properties: {
    name: { type: 'string' },
    kind: { type: 'string', enum: ['image-classification', 'text-sentiment', 'linear-regression'] },
    input: { type: 'string', enum: ['image', 'text', 'features'] },
    status: { type: 'string', enum: ['ready', 'not_installed'] },
    version: { type: ['integer', 'null'] },
    versions: { type: 'array', items: { type: 'integer' } },
    description: { type: 'string' },
    installCommand: { type: 'string' },
    trainable: { type: 'boolean' },
  },
} as const;

const nameParams = { type: 'object', required: ['name'], properties: { name: { type: 'string', description: 'Model name, e.g. sentiment, mobilenetv2, default' } } } as const;

const numberRows = { type: 'array', minItems: 1, items: { type: 'array', minItems: 1, items: { type: 'number' } } } as const;

const predictJsonBody = {
  type: 'object',
  additionalProperties: false,
  description: 'Exactly one of text, features or image.',
  properties: {
    text: { type: 'string', description: 'For text models (sentiment).' },
    features: { description: 'For linear models: one row or many.', anyOf: [numberRows, { type: 'array', minItems: 1, items: { type: 'number' } }] },
    image: { type: 'string', description: 'For image models: base64 bytes or a data: URL.' },
    topK: { type: 'integer', minimum: 1, maximum: 20 },
    version: { type: 'integer', minimum: 1 },
  },
} as const;

const multipartImageBody = {
  type: 'object',
  description: 'multipart/form-data with a file field named "image" (optional text fields topK, version).',
  properties: { image: { type: 'string', format: 'binary' }, topK: { type: 'string' }, version: { type: 'string' } },
} as const;

const predictionResult = {
  type: 'object',
  properties: {
    model: modelRef,
    output: { type: 'object', additionalProperties: true },
    timing,
    cached: { type: 'boolean', description: 'Answered from the prediction cache rather than by running the model.' },
  },
} as const;

const trainBody = {
  type: 'object',
  required: ['X', 'y'],
  additionalProperties: false,
  properties: {
    X: { ...numberRows, description: 'n rows of d features' },
    y: { type: 'array', minItems: 1, items: { type: 'number' }, description: 'n targets' },
    ridge: { type: 'number', minimum: 0, description: 'Ridge penalty on the coefficients; 0 = ordinary least squares' },
  },
} as const;

const trainResult = {
  type: 'object',
  additionalProperties: true,
  properties: {
    model: modelRef,
    coefficients: { type: 'array', items: { type: 'number' } },
    intercept: { type: 'number' },
    r2: { type: 'number' },
    samples: { type: 'integer' },
    featureCount: { type: 'integer' },
    timing,
  },
} as const;

const latencyPercentiles = {
  type: 'object',
  properties: { p50: { type: 'number' }, p95: { type: 'number' }, p99: { type: 'number' }, mean: { type: 'number' }, max: { type: 'number' } },
} as const;

const benchRun = {
  type: 'object',
  description: 'One measured load; concurrency 1 is the sequential run. Times in ms, bytes per call.',
  properties: {
    concurrency: { type: 'integer' },
    calls: { type: 'integer' },
    errors: { type: 'integer' },
    durationMs: { type: 'number' },
    rps: { type: 'number' },
    latencyMs: latencyPercentiles,
    requestBytes: { type: 'number' },
    responseBytes: { type: 'number' },
  },
} as const;

/** lib/bench/bench-report.ts as OpenAPI: documentation only, the route sends the file as `npm run bench` wrote it. */
const benchReport = {
  type: 'object',
  additionalProperties: true,
  description: 'The report `npm run bench` wrote last: ModelWire against each protocol library\'s floor and the in-process model.',
  properties: {
    schema: { type: 'string', enum: [BENCH_REPORT_SCHEMA] },
    startedAt: { type: 'string', format: 'date-time' },
    durationMs: { type: 'number' },
    machine: { type: 'object', additionalProperties: true },
    settings: { type: 'object', additionalProperties: true },
    scenarios: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          target: { type: 'string', enum: ['modelwire', 'floor', 'in-process'] },
          workload: { type: 'string', enum: ['linear', 'sentiment', 'image'] },
          protocol: { type: 'string' },
          library: { type: 'string' },
          runs: { type: 'array', items: benchRun },
        },
      },
    },
    ratios: { type: 'array', items: { type: 'object', additionalProperties: true } },
    notes: { type: 'array', items: { type: 'string' } },
  },
} as const;

export const routeSchemas = {
  health: { tags: ['health'], summary: 'Liveness and model readiness', response: { 200: { type: 'object', additionalProperties: true } } },
  listModels: {
    tags: ['models'],
    summary: 'Every model with its status, versions and install command when missing',
    response: { 200: { type: 'object', properties: { models: { type: 'array', items: modelDescriptor } } } },
  },
  getModel: { tags: ['models'], summary: 'One model', params: nameParams, response: { 200: modelDescriptor, ...errors } },
  predict: withAuthorization({
    tags: ['models'],
    summary: 'Run a prediction',
    params: nameParams,
    body: { content: { 'application/json': { schema: predictJsonBody }, 'multipart/form-data': { schema: multipartImageBody } } },
    response: { 200: predictionResult, ...errors },
  }),
  train: withAuthorization({
    tags: ['models'],
    summary: 'Train a new version of a linear model',
    params: nameParams,
    body: trainBody,
    response: { 200: trainResult, ...errors },
  }),
  seedTrain: withAuthorization({ tags: ['seed'], summary: 'The seed deck\'s /train: fits the linear model "default"', body: trainBody, response: { ...errors } }),
  seedPredict: withAuthorization({
    tags: ['seed'],
    summary: 'The seed deck\'s /predict with the linear model "default"',
    body: { type: 'object', required: ['X'], properties: { X: { anyOf: [numberRows, { type: 'array', minItems: 1, items: { type: 'number' } }] } } },
    response: { 200: { type: 'object', properties: { predictions: { type: 'array', items: { type: 'number' } } } }, ...errors },
  }),
  seedClassify: withAuthorization({
    tags: ['seed'],
    summary: 'The seed deck\'s /classify: multipart "image" → top-3 ImageNet classes',
    body: { content: { 'multipart/form-data': { schema: multipartImageBody } } },
    response: {
      200: {
        type: 'object',
        properties: { predictions: { type: 'array', items: { type: 'object', properties: { class: { type: 'string' }, confidence: { type: 'number' } } } } },
      },
      ...errors,
    },
  }),
  latestBench: {
    tags: ['bench'],
    summary: 'The latest `npm run bench` report (404 not_found until one has run)',
    response: { 200: benchReport, 404: problem, 500: problem },
  },
  issueToken: {
    tags: ['auth'],
    summary: 'An access token for a user name and password (404 not_found when the server runs with AUTH=off)',
    body: {
      type: 'object',
      required: ['username', 'password'],
      additionalProperties: false,
      properties: { username: { type: 'string', minLength: 1 }, password: { type: 'string', minLength: 1 } },
    },
    response: {
      200: {
        type: 'object',
        properties: { access_token: { type: 'string' }, token_type: { type: 'string', enum: ['Bearer'] }, expires_in: { type: 'integer' } },
      },
      400: problem,
      401: problem,
      404: problem,
    },
  },
};
