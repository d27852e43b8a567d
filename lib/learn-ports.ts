// The reference documents (docs/protocols/*.md) are written for the default ports; /learn shows them with the ports
// and host this server really runs on, so every command on the page can be pasted as it is.

/** The defaults the documents are written with (server/config.ts). */
export const DOCUMENTED_PORTS = { api: 8080, grpc: 50051, mqtt: 1883 } as const;

export interface RunningPorts {
  /** The API server as the browser reaches it, e.g. http://127.0.0.1:18480. */
  apiBaseUrl: string;
  grpcPort?: number;
  mqttPort?: number;
}

/** A local address in the examples: the placeholder HOST, or a loopback name a reader would paste. */
const LOCAL_ADDRESS = /\b(HOST|127\.0\.0\.1|localhost):(8080|50051|1883)\b/g;
/** "against port 50051" and the like; "default port 1883" names the default and stays. */
const PORT_IN_WORDS = /(?<!default )\bport (8080|50051|1883)\b/g;

/** `markdown` with the documented loopback addresses and ports replaced by the running server's. */
export function withRunningPorts(markdown: string, running: RunningPorts): string {
  const api = new URL(running.apiBaseUrl);
  const apiPort = Number(api.port || (api.protocol === 'https:' ? 443 : 80));
  const actual: Record<string, number> = {
    [DOCUMENTED_PORTS.api]: apiPort,
    [DOCUMENTED_PORTS.grpc]: running.grpcPort ?? DOCUMENTED_PORTS.grpc,
    [DOCUMENTED_PORTS.mqtt]: running.mqttPort ?? DOCUMENTED_PORTS.mqtt,
  };
  return markdown
    .replace(LOCAL_ADDRESS, (_match, host: string, port: string) => `${host === 'HOST' ? host : api.hostname}:${actual[port]}`)
    .replace(PORT_IN_WORDS, (_match, port: string) => `port ${actual[port]}`);
}
