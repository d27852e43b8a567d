import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { readConfig, type ServerConfig } from '../../server/config';
import { startModelWire, type ModelWireServer } from '../../server/start-server';
import { inject } from 'vitest';

export interface RunningApi {
  url: string;
  /** host:port of the native gRPC (HTTP/2 cleartext) listener. */
  grpcAddress: string;
  /** The MQTT broker the server answers on: its embedded one (TCP, free port) or the `mqttUrl` it was given. */
  mqttUrl: string;
  /** MQTT over WebSocket on the API port; only with the embedded broker. */
  mqttWsUrl: string | undefined;
  dataDir: string;
  app: FastifyInstance;
  /** The whole server, as the composition root built it. */
  server: ModelWireServer;
  /** Stops the server; keeps DATA_DIR unless `removeData` is set. */
  close(options?: { removeData?: boolean }): Promise<void>;
}

export const makeTempDir = (prefix: string) => mkdtemp(path.join(tmpdir(), `modelwire-${prefix}-`));

/**
 * Starts ModelWire exactly as `npm run server` does (the same composition root), on free ports with a fresh (or given)
 * DATA_DIR. The sentiment model built once by the global setup is copied in, so each suite does not retrain it.
 */
export async function startApi(
  options: { modelsDir?: string; dataDir?: string; mqttUrl?: string; env?: Record<string, string> } = {},
): Promise<RunningApi> {
  const dataDir = options.dataDir ?? (await makeTempDir('data'));
  await cp(path.join(inject('prebuiltDataDir'), 'sentiment'), path.join(dataDir, 'sentiment'), { recursive: true, force: false, errorOnExist: false });
  const config: ServerConfig = {
    ...readConfig({ API_PORT: '0', GRPC_PORT: '0', MQTT_PORT: '0', ...options.env }),
    host: '127.0.0.1',
    dataDir,
    modelsDir: options.modelsDir ?? (await makeTempDir('models-empty')),
    mqttUrl: options.mqttUrl,
  };
  const server = await startModelWire(config);
  return {
    url: server.apiUrl,
    grpcAddress: `127.0.0.1:${server.grpc.port}`,
    mqttUrl: options.mqttUrl ?? server.mqtt.brokerUrl,
    mqttWsUrl: server.mqtt.broker ? `${server.apiUrl.replace(/^http/, 'ws')}/mqtt` : undefined,
    dataDir,
    app: server.app,
    server,
    async close({ removeData = false } = {}) {
      await server.close();
      if (removeData) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export async function postJson(url: string, body: unknown): Promise<{ status: number; contentType: string; json: any }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', json: await response.json() };
}
