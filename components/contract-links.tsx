import type { ProtocolName } from '../lib/clients/protocol-client';

interface ContractLink {
  href: string;
  label: string;
  note: string;
}

/** Where each protocol's machine-readable contract lives, on the API server or served by this site. */
export function contractLinksFor(protocol: ProtocolName, apiBaseUrl: string): ContractLink[] {
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
  }
}

export function ContractLinks({ protocol, apiBaseUrl }: { protocol: ProtocolName; apiBaseUrl: string }) {
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
