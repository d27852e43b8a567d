import type { BenchProtocol, BenchRatio, BenchReport, BenchTargetCheck } from '../../../lib/bench/bench-report';
import { TARGETS } from '../../../lib/bench/bench-targets';
import { protocolTitle } from './titles';

function check(name: string, protocol: BenchProtocol | undefined, actual: number | undefined, comparison: '>=' | '<=', goal: number): BenchTargetCheck[] {
  if (actual === undefined) return [];
  const pass = Number.isFinite(actual) && (comparison === '>=' ? actual >= goal : actual <= goal);
  return [{ name, ...(protocol ? { protocol } : {}), actual, goal, comparison, pass }];
}

export function checkTargets(report: Pick<BenchReport, 'scenarios' | 'ratios'>): BenchTargetCheck[] {
  const ratioAt = (against: BenchRatio['against'], workload: BenchRatio['workload'], protocol: BenchProtocol, concurrency: number) =>
    report.ratios.find((ratio) => ratio.against === against && ratio.workload === workload && ratio.protocol === protocol && ratio.concurrency === concurrency);
  const protocols = [...new Set(report.ratios.filter((ratio) => ratio.against === 'floor').map((ratio) => ratio.protocol))];
  const grpcC32 = report.scenarios.find((scenario) => scenario.id === 'modelwire/linear/grpc')?.runs.find((run) => run.concurrency === 32);
  return [
    ...protocols.flatMap((protocol) => [
      ...check(`${protocolTitle(protocol)} c32 rps ≥ ${TARGETS.floorRpsRatioAtC32}× floor`, protocol, ratioAt('floor', 'linear', protocol, 32)?.rpsRatio, '>=', TARGETS.floorRpsRatioAtC32),
      ...check(`${protocolTitle(protocol)} sequential p50 ≤ ${TARGETS.sequentialP50RatioMax}× floor`, protocol, ratioAt('floor', 'linear', protocol, 1)?.p50Ratio, '<=', TARGETS.sequentialP50RatioMax),
    ]),
    ...check(`gRPC native c32 ≥ ${TARGETS.grpcRpsAtC32} rps (the seed's grpcio figure)`, 'grpc', grpcC32?.rps, '>=', TARGETS.grpcRpsAtC32),
    ...check(`gRPC native c32 rps ≥ ${TARGETS.grpcRpsRatioAtC32}× grpc-js floor`, 'grpc', ratioAt('floor', 'linear', 'grpc', 32)?.rpsRatio, '>=', TARGETS.grpcRpsRatioAtC32),
    ...TARGETS.imageProtocols.flatMap((protocol) =>
      check(`images over ${protocolTitle(protocol)} c8 ≥ ${TARGETS.imageRpsRatioAtC8}× in-process`, protocol, ratioAt('in-process', 'image', protocol, 8)?.rpsRatio, '>=', TARGETS.imageRpsRatioAtC8),
    ),
  ];
}
