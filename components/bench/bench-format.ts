import type { BenchProtocol, BenchTarget, BenchWorkload } from '../../lib/bench/bench-report';

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

// A report from a newer bench may name protocols or workloads this page does not know: show them as written.
export const protocolTitle = (protocol: string) => PROTOCOL_TITLES[protocol as BenchProtocol] ?? protocol;
export const targetTitle = (target: string) => TARGET_TITLES[target as BenchTarget] ?? target;
export const workloadTitle = (workload: string) => WORKLOAD_TITLES[workload as BenchWorkload] ?? workload;

/** Requests per second: 12,345 · 812 · 46.2 · 3.07. */
export function formatRps(rps: number): string {
  if (!Number.isFinite(rps)) return '–';
  if (rps === 0) return '0';
  if (rps >= 100) return Math.round(rps).toLocaleString('en-US');
  return rps >= 10 ? rps.toFixed(1) : rps.toFixed(2);
}

/** A ratio as a multiple: 0.62×. */
export const formatRatio = (ratio: number | undefined) => (ratio === undefined || !Number.isFinite(ratio) ? '–' : `${ratio.toFixed(2)}×`);

/** "c32", or "sequential" for concurrency 1. */
export const loadTitle = (concurrency: number) => (concurrency === 1 ? 'sequential' : `c${concurrency}`);

/** Requests per second for an axis: 950 · 1.2k · 15k. */
export function formatRpsShort(rps: number): string {
  if (rps < 1000) return formatRps(rps);
  return `${(rps / 1000).toFixed(rps < 10_000 ? 1 : 0).replace(/\.0$/, '')}k`;
}
