import type { Scope } from '../../core/auth/principal';
import { isOwnReplyTopic, routeOf, SEED_OUTPUT_TOPIC, streamOutTopic } from './topics';

// What a client of the embedded broker may publish and subscribe to, whatever AUTH says: requests in, its own answers
// out. The ModelWire service itself is exempt (it reads every request and publishes every answer).

/** Client ids become topic levels, so none may hold "/", "+", "#" or "$": one client's topics never reach another's. */
export const isUsableClientId = (clientId: string) => /^[\w.:-]{1,128}$/.test(clientId);

/**
 * MQTT topics are UTF-8 without U+0000 [MQTT-1.5.3]. mqtt-packet decodes invalid bytes to U+FFFD without complaint,
 * so U+FFFD is refused as well: the broker cannot tell a genuine one from a decoding error.
 */
export const isValidTopicText = (topic: string) => !/[\u0000\uFFFD]/.test(topic);

export type PublishRule = { allowed: true; scope?: Scope } | { allowed: false; reason: string };

const refused = (reason: string): PublishRule => ({ allowed: false, reason });

/** Clients publish requests only; each names the scope it needs (none for list and describe). */
export function publishRuleOf(clientId: string, topic: string): PublishRule {
  if (!isValidTopicText(topic)) return refused('the topic name is not valid UTF-8');
  const route = routeOf(topic);
  switch (route?.kind) {
    case undefined:
      return refused(`${topic} is not a request topic; only the service publishes elsewhere`);
    case 'list':
    case 'describe':
      return { allowed: true };
    case 'predict':
    case 'seed':
      return { allowed: true, scope: 'predict' };
    case 'train':
      return { allowed: true, scope: 'train' };
    case 'stream':
      return route.clientId === clientId ? { allowed: true, scope: 'predict' } : refused(`${topic} is another client's stream`);
  }
}

/** Its own reply topic (and below), its own stream's out topic, and the seed deck's broadcast ml/output. */
export function maySubscribe(clientId: string, filter: string): boolean {
  if (!isValidTopicText(filter)) return false;
  return isOwnReplyTopic(clientId, filter) || filter === streamOutTopic(clientId) || filter === SEED_OUTPUT_TOPIC;
}
