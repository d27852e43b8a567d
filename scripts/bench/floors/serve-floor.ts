// Child-process entry: `node --import tsx scripts/bench/floors/serve-floor.ts <protocol>` starts one floor server,
// prints {"port", "library"} as one JSON line on stdout, and stops on SIGTERM. Its own process, so the bench's client
// never shares the floor's event loop.
import type { LaneProtocol } from '../lanes/lane';
import type { RunningFloor } from './floor';

// Imported on demand: each floor process loads only its own library, so it starts quickly.
const FLOORS: Record<LaneProtocol, () => Promise<RunningFloor>> = {
  rest: async () => (await import('./rest-floor')).startRestFloor(),
  graphql: async () => (await import('./graphql-floor')).startGraphqlFloor(),
  soap: async () => (await import('./soap-floor')).startSoapFloor(),
  grpc: async () => (await import('./grpc-floor')).startGrpcFloor(),
  websocket: async () => (await import('./websocket-floor')).startWebsocketFloor(),
  mqtt: async () => (await import('./mqtt-floor')).startMqttFloor(),
};

async function main() {
  const protocol = process.argv[2] as LaneProtocol;
  const start = FLOORS[protocol];
  if (!start) throw new Error(`no floor for "${protocol}"; one of ${Object.keys(FLOORS).join(', ')}`);
  const floor = await start();
  process.once('SIGTERM', () => void floor.close().finally(() => process.exit(0)));
  console.log(JSON.stringify({ port: floor.port, library: floor.library }));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
