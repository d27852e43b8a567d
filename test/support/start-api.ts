import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApiServer } from '../../server/api-server';
import { readConfig } from '../../server/config';
import { createCore } from '../../server/create-core';
import { startGrpcServer } from '../../server/protocols/grpc';
import { startMqtt } from '../../server/protocols/mqtt';
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
  /** Stops the server; keeps DATA_DIR unless `removeData` is set. */
  close(options?: { removeData?: boolean }): Promise<void>;
}

export const makeTempDir = (prefix: string) => mkdtemp(path.join(tmpdir(), `modelwire-${prefix}-`));

/**
 * Starts the real API server on a free port with a fresh (or given) DATA_DIR. The sentiment model built once
 * by the global setup is copied in, so each suite does not retrain it.
 */
export async function startApi(options: { modelsDir?: string; dataDir?: string; mqttUrl?: string } = {}): Promise<RunningApi> {
  const dataDir = options.dataDir ?? (await makeTempDir('data'));
  await cp(path.join(inject('prebuiltDataDir'), 'sentiment'), path.join(dataDir, 'sentiment'), { recursive: true, force: false, errorOnExist: false });
  const config = { ...readConfig({} as NodeJS.ProcessEnv), dataDir, modelsDir: options.modelsDir ?? (await makeTempDir('models-empty')) };
  const core = await createCore(config);
  const mqtt = await startMqtt({ core, host: '127.0.0.1', port: 0, url: options.mqttUrl, maxPayloadBytes: config.maxBodyBytes });
  const app = await buildApiServer({ core, config, mqttBroker: mqtt.broker });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('server has no TCP address');
  const grpc = await startGrpcServer({ core, host: '127.0.0.1', port: 0 });
  return {
    url: `http://127.0.0.1:${address.port}`,
    grpcAddress: `127.0.0.1:${grpc.port}`,
    mqttUrl: options.mqttUrl ?? mqtt.brokerUrl,
    mqttWsUrl: mqtt.broker ? `ws://127.0.0.1:${address.port}/mqtt` : undefined,
    dataDir,
    app,
    async close({ removeData = false } = {}) {
      await Promise.all([app.close(), grpc.close(), mqtt.close()]);
      if (removeData) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export async function postJson(url: string, body: unknown): Promise<{ status: number; contentType: string; json: any }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', json: await response.json() };
}
