// Child-process entry: `node --import tsx scripts/bench/floors/serve-floor.ts <protocol> [--onnx]` starts one floor
// server (with --onnx answering through onnxruntime-node: see onnx-seed-answer.ts), prints {"port", "library"} as one
// JSON line on stdout, and stops on SIGTERM. Its own process, so the bench's client never shares the floor's event loop.
import type { LaneProtocol } from '../lanes/lane';
import type { RunningFloor } from './floor';
import { inlineFormula, type SeedAnswer } from './seed-answer';

// Imported on demand: each floor process loads only its own library, so it starts quickly.
const FLOORS: Record<LaneProtocol, (answer: SeedAnswer) => Promise<RunningFloor>> = {
  rest: async (answer) => (await import('./rest-floor')).startRestFloor(answer),
  graphql: async (answer) => (await import('./graphql-floor')).startGraphqlFloor(answer),
  soap: async (answer) => (await import('./soap-floor')).startSoapFloor(answer),
  grpc: async (answer) => (await import('./grpc-floor')).startGrpcFloor(answer),
  websocket: async (answer) => (await import('./websocket-floor')).startWebsocketFloor(answer),
  mqtt: async (answer) => (await import('./mqtt-floor')).startMqttFloor(answer),
};

async function main() {
  const protocol = process.argv[2] as LaneProtocol;
  const start = FLOORS[protocol];
  if (!start) throw new Error(`no floor for "${protocol}"; one of ${Object.keys(FLOORS).join(', ')}`);
  const onnx = process.argv.includes('--onnx') ? await import('./onnx-seed-answer') : undefined;
  const floor = await start(onnx ? await onnx.onnxSeedAnswer() : inlineFormula);
  process.once('SIGTERM', () => void floor.close().finally(() => process.exit(0)));
  console.log(JSON.stringify({ port: floor.port, library: onnx ? `${floor.library}, ${onnx.ONNX_FLOOR_LIBRARY}` : floor.library }));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
