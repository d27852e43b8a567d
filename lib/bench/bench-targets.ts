import type { BenchProtocol } from './bench-report';

// The targets of issue 10 ("Honest lanes"), read by the bench's checks and by the /bench page. They never fail a run.
export const TARGETS = {
  /** ModelWire's throughput at 32 concurrent calls is at least this share of its protocol library's floor. */
  floorRpsRatioAtC32: 0.5,
  /** Sequential (concurrency 1) median latency at most this multiple of the floor's. */
  sequentialP50RatioMax: 1.5,
  grpcRpsAtC32: 2507, // the seed deck's grpcio figure
  grpcRpsRatioAtC32: 0.7,
  imageRpsRatioAtC8: 0.85,
  imageProtocols: ['rest', 'grpc'] as BenchProtocol[],
};
