import { cpus, loadavg, totalmem } from 'node:os';
import { BENCH_REPORT_SCHEMA, type BenchReport } from '../../../lib/bench/bench-report';
import type { BenchOptions } from '../options';
import type { BenchRunResult } from '../run/bench-run';
import { computeRatios } from './ratios';
import { seedExperimentOf } from './seed-experiment';
import { checkTargets } from './targets';

/** How the report's numbers were obtained, for every reader of latest.json. */
const METHOD_NOTES = [
  'One client per protocol drives ModelWire and the floor alike, from the bench process; ModelWire and each floor run in their own processes, one floor at a time, on loopback.',
  'Loads are closed-loop: N workers each send the next call when the last one answered. rps counts answered calls; failed calls are errors, outside the percentiles.',
  'Bytes per call: a separate client goes through a TCP relay that counts every byte each way; after 3 warm-up calls (handshakes excluded) the bytes of the next sequential calls are averaged. They include all framing: HTTP/1.1 headers, HTTP/2 frames (HEADERS, DATA, WINDOW_UPDATE), WebSocket frames, MQTT PUBLISH and PUBACK. For MQTT only the client\'s own connection to the broker is counted.',
  'HTTP lanes (REST, GraphQL, SOAP): node:http with one keep-alive agent and as many connections as calls in flight. SOAP uses fixed envelopes, not node-soap\'s client. WebSocket: one connection, the seed messages carry no id so their replies are matched first in, first out. gRPC: one grpc-js channel. MQTT: one mqtt.js connection, QoS 1, correlation ids in the JSON. Each client encodes a request once per input and sends the same bytes again; only the id of each call (WebSocket, MQTT) is written anew.',
  "MQTT floor: one aedes broker answering inside its own process (aedes.subscribe('ml/input') + aedes.publish to ml/output), one hop each way. ModelWire's MQTT service subscribes inside its embedded aedes broker the same way, behind the broker's ACLs and packet-size guard.",
  'Model answers are checked: every protocol must give the in-process model\'s answer to each input (label, top-1 class or value), else the call counts as an error.',
];

export function buildReport(options: BenchOptions, result: BenchRunResult, startedAt: Date, durationMs: number): BenchReport {
  const [cpu] = cpus();
  const base = {
    schema: BENCH_REPORT_SCHEMA,
    startedAt: startedAt.toISOString(),
    durationMs,
    machine: {
      node: process.version,
      platform: process.platform,
      arch: process.arch,
      cpus: cpus().length,
      cpuModel: cpu?.model ?? 'unknown',
      memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    },
    settings: { sequentialCalls: options.sequentialCalls, secondsPerLoad: options.secondsPerLoad, concurrencies: [1, ...options.concurrencies], images: result.images },
    scenarios: result.scenarios,
    ratios: computeRatios(result.scenarios),
  } satisfies Partial<BenchReport>;
  const loadNote = `Load average when the run ended: ${loadavg().map((value) => value.toFixed(2)).join(', ')} (other processes on the machine share its ${base.machine.cpus} cores).`;
  return {
    ...base,
    notes: [...result.notes, `ModelWire ran as \`${result.server.command}\` (${result.server.build}).`, loadNote, ...METHOD_NOTES],
    server: result.server,
    // The targets are ratios to the inline floors (the issue's); against floors that run the model they would mislead.
    targets: options.floorsRunOnnx ? [] : checkTargets(base),
    seedExperiment: seedExperimentOf(result.scenarios, options.sequentialCalls),
  };
}
