import type { BenchProtocol, BenchTarget, BenchWorkload } from './bench-report';

/** The bench's protocols in the order the page shows them; gRPC is native HTTP/2, gRPC-Web the browser's flavour. */
export const BENCH_PROTOCOL_ORDER: readonly BenchProtocol[] = ['rest', 'graphql', 'soap', 'grpc', 'grpc-web', 'websocket', 'mqtt'];

const PROTOCOL_TITLES: Record<BenchProtocol, string> = {
  rest: 'REST',
  graphql: 'GraphQL',
  soap: 'SOAP',
  grpc: 'gRPC',
  'grpc-web': 'gRPC-Web',
  websocket: 'WebSocket',
  mqtt: 'MQTT',
};

const TARGET_TITLES: Record<BenchTarget, string> = { modelwire: 'ModelWire', floor: 'floor', 'in-process': 'in-process' };

const WORKLOAD_TITLES: Record<BenchWorkload, string> = {
  linear: 'linear model',
  sentiment: 'sentiment model',
  image: 'image classifier',
};

// A report from a newer bench may name protocols or workloads this version does not know: show them as written.
export const protocolTitle = (protocol: string) => PROTOCOL_TITLES[protocol as BenchProtocol] ?? protocol;
export const targetTitle = (target: string) => TARGET_TITLES[target as BenchTarget] ?? target;
export const workloadTitle = (workload: string) => WORKLOAD_TITLES[workload as BenchWorkload] ?? workload;
