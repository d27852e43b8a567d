import { headers } from 'next/headers';
import { apiBaseUrlFor } from '../lib/api-base-url';
import type { ApiEndpoints } from '../lib/clients/create-clients';

const portFrom = (raw: string | undefined) => (raw && /^\d+$/.test(raw) ? Number(raw) : undefined);

/** Where the browser finds the API server, from this request's host and the environment (read on the server). */
export async function apiEndpoints(): Promise<ApiEndpoints> {
  const apiBaseUrl = apiBaseUrlFor((await headers()).get('host'), process.env);
  const grpcPort = portFrom(process.env.GRPC_PORT);
  const mqttPort = portFrom(process.env.MQTT_PORT);
  return { apiBaseUrl, ...(grpcPort ? { grpcPort } : {}), ...(mqttPort ? { mqttPort } : {}) };
}
