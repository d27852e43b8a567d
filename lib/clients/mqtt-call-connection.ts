import { ownsItsBuffer } from '../encoding/off-main-thread';
import type { CredentialStore } from './credentials';
import { shiftClock, type FromCallWorker, type ToCallWorker } from './mqtt-call-messages';
import { createMqttConnection, MqttConnectRefused, randomClientId, type MqttConnection } from './mqtt-connection';

// The connection an MQTT client's calls travel on. In a browser it lives in a Web Worker (mqtt-call-worker.ts): mqtt.js
// clones every QoS 1 PUBLISH it keeps and copies it again to write it, megabytes for a photo, and WebSocket.send()
// copies it once more, all of which would otherwise be the page's main-thread time. Elsewhere (Node) it is in place.

/** What a client's calls need of a connection; live streams keep connections of their own (mqtt-stream.ts). */
export type MqttCallConnection = Pick<MqttConnection, 'url' | 'clientId' | 'replyTopic' | 'open' | 'request' | 'close'>;

let worker: Worker | undefined;
let lastId = 0;
const waiting = new Map<number, (answer: FromCallWorker) => void>();

function callWorker(): Worker {
  if (worker) return worker;
  // This exact `new Worker(new URL(..., import.meta.url))` form is what Next.js's bundler turns into a worker chunk.
  worker = new Worker(new URL('./mqtt-call-worker.ts', import.meta.url), { type: 'module' });
  worker.onmessage = ({ data }: MessageEvent<FromCallWorker>) => {
    waiting.get(data.call)?.(data);
    waiting.delete(data.call);
  };
  worker.onerror = (event) => {
    // Every call waiting fails; the next one starts a new worker.
    worker = undefined;
    for (const [call, answer] of waiting) answer({ call, failure: { message: `The MQTT worker failed: ${event.message || 'it could not start'}` } });
    waiting.clear();
  };
  return worker;
}

function failureOf({ message, returnCode }: { message: string; returnCode?: number }): Error {
  return returnCode === undefined ? new Error(message) : new MqttConnectRefused(returnCode, message);
}

function createInWorker(url: string, timeoutMs: number, credentials: Pick<CredentialStore, 'get'>): MqttCallConnection {
  const connection = ++lastId;
  const clientId = randomClientId();
  const post = (message: ToCallWorker, transfer: Transferable[] = []) => callWorker().postMessage(message, transfer);
  post({ op: 'create', connection, url, timeoutMs, clientId });
  function ask(message: (call: number) => ToCallWorker, transfer?: Transferable[]): Promise<FromCallWorker> {
    const call = ++lastId;
    const answer = new Promise<FromCallWorker>((resolve) => waiting.set(call, resolve));
    post(message(call), transfer);
    return answer;
  }
  return {
    url,
    clientId,
    replyTopic: `modelwire/v1/replies/${clientId}`,
    async open() {
      const answer = await ask((call) => ({ op: 'open', connection, call, credential: credentials.get() }));
      if ('failure' in answer) throw failureOf(answer.failure);
      return 'opened' in answer && answer.opened;
    },
    async request(topic, payload, correlationId) {
      // The payload's buffer is handed over, not copied (unusable here afterwards): the caller made it for this request.
      const transfer = typeof payload !== 'string' && ownsItsBuffer(payload) ? [payload.buffer as ArrayBuffer] : [];
      const answer = await ask((call) => ({ op: 'request', connection, call, credential: credentials.get(), topic, payload, correlationId }), transfer);
      if ('failure' in answer) throw failureOf(answer.failure);
      if (!('outcome' in answer)) throw new Error('the MQTT worker answered a request without an outcome');
      return shiftClock(answer.outcome, -performance.timeOrigin);
    },
    close: () => post({ op: 'close', connection }),
  };
}

/** The connection for a client's calls: in a Web Worker where the page has one, in place otherwise. */
export function createMqttCallConnection(url: string, timeoutMs: number, credentials: Pick<CredentialStore, 'get'>): MqttCallConnection {
  const inBrowser = typeof window !== 'undefined' && typeof Worker !== 'undefined';
  return inBrowser ? createInWorker(url, timeoutMs, credentials) : createMqttConnection(url, timeoutMs, credentials);
}
