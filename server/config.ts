import path from 'node:path';

/** Every setting ModelWire reads, from environment variables with safe defaults. Read once, in one place. */
export interface ServerConfig {
  host: string;
  apiPort: number;
  webPort: number;
  /** Native gRPC over HTTP/2 cleartext. */
  grpcPort: number;
  /** The embedded MQTT broker's TCP port (when no MQTT_URL is given). */
  mqttPort: number;
  /** An external MQTT broker to use instead of the embedded one, e.g. mqtt://127.0.0.1:1883. */
  mqttUrl: string | undefined;
  /** Downloaded models (the ImageNet classifier and its labels). May be read-only. */
  modelsDir: string;
  /** What this server writes: the built sentiment model and trained linear models. */
  dataDir: string;
  /** Overrides where `npm run models:fetch` downloads from (a folder URL holding the files). */
  modelsBaseUrl: string | undefined;
  /** Largest request body any protocol accepts, in bytes. */
  maxBodyBytes: number;
  /** Largest decoded image, in pixels (width × height); guards against decompression bombs. */
  maxImagePixels: number;
}

function port(name: string, fallback: number, env: NodeJS.ProcessEnv): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535) throw new Error(`${name} must be a port number (0-65535), got "${raw}"`);
  return value;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  return {
    host: env.HOST || '127.0.0.1',
    apiPort: port('API_PORT', 8080, env),
    webPort: port('WEB_PORT', 3000, env),
    grpcPort: port('GRPC_PORT', 50051, env),
    mqttPort: port('MQTT_PORT', 1883, env),
    mqttUrl: env.MQTT_URL || undefined,
    modelsDir: path.resolve(env.MODELS_DIR || 'models'),
    dataDir: path.resolve(env.DATA_DIR || 'data'),
    modelsBaseUrl: env.MODELS_BASE_URL || undefined,
    maxBodyBytes: 20 * 1024 * 1024,
    maxImagePixels: 40_000_000,
  };
}
