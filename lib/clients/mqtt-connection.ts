// One lazily connected mqtt.js client (MQTT over WebSocket at /mqtt), shared by every call and stream of an MQTT
// protocol client: requests name a per-client reply topic and a correlationId, replies are matched back through a
// pending map. mqtt.js's own reconnecting is off: like the WebSocket client, the next call after a close connects anew.
//
// `import mqtt from 'mqtt'` is mqtt.js 5's documented bundler import: package.json's `browser` export condition gives
// bundlers (Next.js, Vite, webpack) dist/mqtt.esm.js, Node gets build/index.js. The browser build has only a default
// export, so use `mqtt.connectAsync`, never a named import.
import mqtt from 'mqtt';
import type { MqttClient } from 'mqtt';
import type { CredentialStore } from './credentials';

/** One message as it arrived: its topic, QoS, payload text and size. */
export interface MqttMessage {
  topic: string;
  qos: number;
  text: string;
  bytes: number;
  json: Record<string, unknown> | undefined;
  /** performance.now() when it arrived, before it was parsed. */
  receivedAt: number;
}

export type MqttRequestOutcome = (
  | { kind: 'reply'; reply: MqttMessage }
  | { kind: 'closed'; reason: string }
  | { kind: 'timeout'; timeoutMs: number }
  /** The broker's CONNACK refused the connection: return code 4 or 5 when the token is missing or bad. */
  | { kind: 'refused'; returnCode: number; reason: string }
) & {
  /** How long connecting (CONNECT, CONNACK, SUBSCRIBE to the reply topic) took, when this request had to connect first. */
  connectMs?: number;
  /** performance.now() when the request was handed to the connection (after connecting). */
  sentAt: number;
};

/** A CONNACK with a non-zero return code (MQTT 3.1.1: 1 to 5), as mqtt.js reports it. */
export class MqttConnectRefused extends Error {
  override readonly name = 'MqttConnectRefused';

  constructor(
    readonly returnCode: number,
    message: string,
  ) {
    super(message);
  }
}

export interface MqttConnection {
  readonly url: string;
  readonly clientId: string;
  readonly replyTopic: string;
  /**
   * Connects (and subscribes to the reply topic) unless connected; resolves true when it had to wait for that, false
   * when it was connected. Rejects when the broker cannot be reached or refuses.
   */
  open(): Promise<boolean>;
  /** Publishes `payload` (QoS 1) and resolves with the reply carrying `correlationId` on the reply topic. */
  request(topic: string, payload: string | Uint8Array, correlationId: string): Promise<MqttRequestOutcome>;
  publish(topic: string, payload: string): Promise<void>;
  /** Subscribes (QoS 1) to one topic of this connection; returns the unsubscribe. */
  subscribe(topic: string, onMessage: (message: MqttMessage) => void): Promise<() => void>;
  /** Called once each time a connected client is closed. Returns the unsubscribe. */
  onClose(listener: () => void): () => void;
  close(): void;
}

const decoder = new TextDecoder();

function messageOf(topic: string, payload: Uint8Array, qos: number): MqttMessage {
  const receivedAt = performance.now();
  const text = decoder.decode(payload);
  let json: Record<string, unknown> | undefined;
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) json = value as Record<string, unknown>;
  } catch {
    json = undefined;
  }
  return { topic, qos, text, bytes: payload.byteLength, json, receivedAt };
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** How a pending request ends, before the connection adds its timestamps. */
type PendingOutcome = DistributiveOmit<MqttRequestOutcome, 'connectMs' | 'sentAt'>;

/** A client id unique enough for one broker; crypto.getRandomValues also works on plain-http pages (randomUUID does not). */
export function randomClientId(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(4));
  return `modelwire-web-${Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}

/** Signed in, CONNECT carries the user name and the access token as the password. */
function credentialOptions(credentials: Pick<CredentialStore, 'get'> | undefined) {
  const credential = credentials?.get();
  return credential ? { username: credential.username, password: credential.token } : {};
}

export function createMqttConnection(url: string, timeoutMs: number, credentials?: Pick<CredentialStore, 'get'>, clientId = randomClientId()): MqttConnection {
  const replyTopic = `modelwire/v1/replies/${clientId}`;
  let connecting: Promise<MqttClient> | undefined;
  /** The client once connected and subscribed to the reply topic, until it closes. */
  let connected: MqttClient | undefined;
  /** correlationId → how to end the wait, and the client the request went out on (only its close ends the wait). */
  const pending = new Map<string, { finish: (outcome: PendingOutcome) => void; client: MqttClient }>();
  const subscriptions = new Map<string, (message: MqttMessage) => void>();
  const closeListeners = new Set<() => void>();

  function dispatch(message: MqttMessage) {
    if (message.topic !== replyTopic) return subscriptions.get(message.topic)?.(message);
    const correlationId = message.json?.correlationId;
    if (correlationId !== undefined) pending.get(String(correlationId))?.finish({ kind: 'reply', reply: message });
  }

  function connect(): Promise<MqttClient> {
    if (connecting) return connecting;
    const attempt = (async () => {
      // MQTT 3.1.1: the embedded aedes broker speaks nothing newer, so the reply topic travels in the JSON payload.
      const options = { clientId, protocolVersion: 4 as const, clean: true, reconnectPeriod: 0, connectTimeout: 10_000, ...credentialOptions(credentials) };
      let client: MqttClient;
      try {
        client = await mqtt.connectAsync(url, options, false);
      } catch (error) {
        const returnCode = (error as { code?: unknown }).code;
        if (typeof returnCode === 'number' && returnCode > 0) throw new MqttConnectRefused(returnCode, (error as Error).message);
        throw new Error(`Could not connect to the MQTT broker at ${url}: ${error instanceof Error ? error.message : String(error)}`);
      }
      client.on('message', (topic, payload, packet) => dispatch(messageOf(topic, payload, packet.qos)));
      client.on('error', () => {}); // followed by `close`
      client.once('close', () => {
        if (connecting === attempt) connecting = undefined;
        if (connected === client) connected = undefined;
        if (!client.disconnecting) client.end(true);
        for (const entry of [...pending.values()]) {
          if (entry.client === client) entry.finish({ kind: 'closed', reason: 'the connection to the broker closed before the reply came' });
        }
        for (const listener of [...closeListeners]) listener();
      });
      await client.subscribeAsync(replyTopic, { qos: 1 });
      connected = client;
      return client;
    })();
    connecting = attempt;
    attempt.catch(() => {
      if (connecting === attempt) connecting = undefined; // the next call tries again
    });
    return attempt;
  }

  return {
    url,
    clientId,
    replyTopic,
    async open() {
      if (connected?.connected) return false;
      await connect();
      return true;
    },
    async request(topic, payload, correlationId) {
      const connectStarted = performance.now();
      const wasConnected = connected?.connected === true;
      let client: MqttClient;
      try {
        client = await connect();
      } catch (error) {
        if (error instanceof MqttConnectRefused) return { kind: 'refused', returnCode: error.returnCode, reason: error.message, sentAt: performance.now() };
        throw error;
      }
      const connectMs = wasConnected ? undefined : performance.now() - connectStarted;
      return new Promise<MqttRequestOutcome>((resolve) => {
        const sentAt = performance.now();
        const timer = setTimeout(() => finish({ kind: 'timeout', timeoutMs }), timeoutMs);
        function finish(outcome: PendingOutcome) {
          clearTimeout(timer);
          pending.delete(correlationId);
          resolve({ ...outcome, connectMs, sentAt });
        }
        pending.set(correlationId, { finish, client });
        // mqtt.js types the payload as a Buffer; mqtt-packet writes any Uint8Array (its byteLength, then the bytes).
        client.publish(topic, payload as string | Buffer, { qos: 1 }, (error) => error && finish({ kind: 'closed', reason: error.message }));
      });
    },
    async publish(topic, payload) {
      await (await connect()).publishAsync(topic, payload, { qos: 1 });
    },
    async subscribe(topic, onMessage) {
      const client = await connect();
      subscriptions.set(topic, onMessage);
      await client.subscribeAsync(topic, { qos: 1 });
      return () => {
        if (subscriptions.get(topic) !== onMessage) return;
        subscriptions.delete(topic);
        if (connecting) void connecting.then((current) => current.unsubscribeAsync(topic)).catch(() => undefined);
      };
    },
    onClose(listener) {
      closeListeners.add(listener);
      return () => void closeListeners.delete(listener);
    },
    close() {
      const current = connecting;
      connecting = undefined;
      void current?.then((client) => client.endAsync(), () => undefined).catch(() => undefined);
    },
  };
}
