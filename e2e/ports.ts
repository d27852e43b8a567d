/** The ports the end-to-end run starts the API server and the web app on (override with E2E_*_PORT). */
export const E2E_PORTS = {
  api: process.env.E2E_API_PORT ?? '18480',
  grpc: process.env.E2E_GRPC_PORT ?? '18451',
  mqtt: process.env.E2E_MQTT_PORT ?? '18483',
  web: process.env.E2E_WEB_PORT ?? '18430',
};

export const E2E_API_URL = `http://127.0.0.1:${E2E_PORTS.api}`;
export const E2E_WEB_URL = `http://127.0.0.1:${E2E_PORTS.web}`;
