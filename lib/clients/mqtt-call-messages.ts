import type { Credential } from './credentials';
import type { MqttRequestOutcome } from './mqtt-connection';

// What the page and the MQTT call worker say to each other (mqtt-call-connection.ts, mqtt-call-worker.ts).

export type ToCallWorker =
  | { op: 'create'; connection: number; url: string; timeoutMs: number; clientId: string }
  /** open and request carry the credential of the moment: either may have to connect. */
  | { op: 'open'; connection: number; call: number; credential: Credential | undefined }
  | { op: 'request'; connection: number; call: number; credential: Credential | undefined; topic: string; payload: string | Uint8Array; correlationId: string }
  | { op: 'close'; connection: number };

export type FromCallWorker =
  | { call: number; opened: boolean }
  /** Its timestamps as epoch milliseconds (see shiftClock). */
  | { call: number; outcome: MqttRequestOutcome }
  | { call: number; failure: { message: string; returnCode?: number } };

/**
 * An outcome's timestamps moved by `ms`: a worker's performance.now() counts from its own start, so it sends them as
 * epoch milliseconds (+ its timeOrigin) and the page takes its own timeOrigin off again.
 */
export function shiftClock(outcome: MqttRequestOutcome, ms: number): MqttRequestOutcome {
  const sentAt = outcome.sentAt + ms;
  return outcome.kind === 'reply' ? { ...outcome, sentAt, reply: { ...outcome.reply, receivedAt: outcome.reply.receivedAt + ms } } : { ...outcome, sentAt };
}
