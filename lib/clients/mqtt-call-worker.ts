// The Web Worker that holds MQTT clients' call connections (started by mqtt-call-connection.ts): mqtt.js runs here, so
// publishing a photo costs the page's main thread nothing.
import type { Credential } from './credentials';
import { shiftClock, type FromCallWorker, type ToCallWorker } from './mqtt-call-messages';
import { createMqttConnection, MqttConnectRefused, type MqttConnection } from './mqtt-connection';

/** The part of a dedicated worker's global scope used here (tsconfig's lib is the page's DOM, not WebWorker). */
interface WorkerScope {
  onmessage: ((event: MessageEvent<ToCallWorker>) => void) | null;
  postMessage(message: FromCallWorker): void;
}

const scope = self as unknown as WorkerScope;
/** Each connection with the credential the page sent last: it connects with that one. */
const hosted = new Map<number, { connection: MqttConnection; credentials: { current: Credential | undefined } }>();

async function answer(message: Exclude<ToCallWorker, { op: 'create' | 'close' }>, connection: MqttConnection): Promise<FromCallWorker> {
  switch (message.op) {
    case 'open':
      return { call: message.call, opened: await connection.open() };
    case 'request':
      return { call: message.call, outcome: shiftClock(await connection.request(message.topic, message.payload, message.correlationId), performance.timeOrigin) };
  }
}

scope.onmessage = async ({ data: message }) => {
  if (message.op === 'create') {
    const credentials = { current: undefined as Credential | undefined, get: () => credentials.current };
    const connection = createMqttConnection(message.url, message.timeoutMs, credentials, message.clientId);
    hosted.set(message.connection, { connection, credentials });
    return;
  }
  const entry = hosted.get(message.connection);
  if (!entry) return;
  if (message.op === 'close') return entry.connection.close();
  entry.credentials.current = message.credential;
  try {
    scope.postMessage(await answer(message, entry.connection));
  } catch (error) {
    const returnCode = error instanceof MqttConnectRefused ? error.returnCode : undefined;
    scope.postMessage({ call: message.call, failure: { message: error instanceof Error ? error.message : String(error), ...(returnCode === undefined ? {} : { returnCode }) } });
  }
};
