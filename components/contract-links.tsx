import type { LearnSlug } from '../lib/learn-content';

interface ContractLink {
  href: string;
  label: string;
  note: string;
}

/** Where each protocol's machine-readable contract lives, on the API server or served by this site. */
export function contractLinksFor(protocol: LearnSlug, apiBaseUrl: string): ContractLink[] {
  switch (protocol) {
    case 'rest':
      return [
        { href: `${apiBaseUrl}/openapi.json`, label: 'openapi.json', note: 'the OpenAPI 3 document' },
        { href: `${apiBaseUrl}/docs`, label: 'Swagger UI', note: 'the same document, browsable, with “Try it out”' },
      ];
    case 'graphql':
      return [{ href: `${apiBaseUrl}/graphql`, label: 'GraphiQL at /graphql', note: 'the schema by introspection, with an editor to run queries' }];
    case 'soap':
      return [
        { href: `${apiBaseUrl}/soap?wsdl`, label: '/soap?wsdl', note: 'the WSDL with its XML Schema types' },
        { href: `${apiBaseUrl}/soap/ml?wsdl`, label: '/soap/ml?wsdl', note: 'the seed deck’s smaller MLService' },
      ];
    case 'grpc':
      return [
        { href: '/proto/modelwire/v1/inference.proto', label: 'modelwire/v1/inference.proto', note: 'InferenceService and its messages' },
        { href: '/proto/ml_model.proto', label: 'ml_model.proto', note: 'the seed deck’s MLModel service' },
      ];
    case 'websocket':
      return [{ href: '#reference', label: 'docs/protocols/websocket.md', note: 'message types, binary frames and errors (below)' }];
    case 'mqtt':
      return [{ href: '#reference', label: 'docs/protocols/mqtt.md', note: 'topics, reply addressing and errors (below)' }];
    case 'oip':
      return [
        { href: `${apiBaseUrl}/v2`, label: 'GET /v2', note: 'server metadata and extensions' },
        { href: `${apiBaseUrl}/v2/models/sentiment`, label: 'GET /v2/models/sentiment', note: 'a model’s input and output tensors' },
        { href: `${apiBaseUrl}/v2/health/ready`, label: 'GET /v2/health/ready', note: 'readiness, 503 until every model is loaded' },
        { href: '/proto/inference/grpc_predict_v2.proto', label: 'inference/grpc_predict_v2.proto', note: 'GRPCInferenceService and its messages' },
      ];
  }
}

export function ContractLinks({ protocol, apiBaseUrl }: { protocol: LearnSlug; apiBaseUrl: string }) {
  return (
    <ul className="contract-links">
      {contractLinksFor(protocol, apiBaseUrl).map((link) => (
        <li key={link.href}>
          <a href={link.href}>{link.label}</a> <span className="muted">— {link.note}</span>
        </li>
      ))}
    </ul>
  );
}
