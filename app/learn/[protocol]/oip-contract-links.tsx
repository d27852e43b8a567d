/** Where the Open Inference Protocol's contract can be read: the live metadata endpoints and the gRPC .proto. */
export function OipContractLinks({ apiBaseUrl }: { apiBaseUrl: string }) {
  const links = [
    { href: `${apiBaseUrl}/v2`, label: 'GET /v2', note: 'server metadata and extensions' },
    { href: `${apiBaseUrl}/v2/models/sentiment`, label: 'GET /v2/models/sentiment', note: 'a model’s input and output tensors' },
    { href: `${apiBaseUrl}/v2/health/ready`, label: 'GET /v2/health/ready', note: 'readiness, 503 until every model is loaded' },
    { href: '/proto/inference/grpc_predict_v2.proto', label: 'inference/grpc_predict_v2.proto', note: 'GRPCInferenceService and its messages' },
  ];
  return (
    <ul className="contract-links">
      {links.map((link) => (
        <li key={link.href}>
          <a href={link.href}>{link.label}</a> <span className="muted">— {link.note}</span>
        </li>
      ))}
    </ul>
  );
}
