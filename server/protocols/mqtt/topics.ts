// Every topic the MQTT service answers, and which request a topic names.

export const TOPIC_PREFIX = 'modelwire/v1';
/** Where errors go when a request names no reply topic (so `mosquitto_sub -t modelwire/v1/errors` shows them). */
export const ERRORS_TOPIC = `${TOPIC_PREFIX}/errors`;
/** The seed slide deck's topics: `{"feature1", "feature2"}` in, `{"prediction"}` out. */
export const SEED_INPUT_TOPIC = 'ml/input';
export const SEED_OUTPUT_TOPIC = 'ml/output';
/** Shared-subscription group: replicas subscribed as `$share/modelwire/...` split the requests between them. */
export const SHARE_GROUP = 'modelwire';

export const streamInTopic = (clientId: string) => `${TOPIC_PREFIX}/stream/${clientId}/in`;
export const streamOutTopic = (clientId: string) => `${TOPIC_PREFIX}/stream/${clientId}/out`;

const REQUEST_FILTERS = [
  `${TOPIC_PREFIX}/models/list`,
  `${TOPIC_PREFIX}/models/+/describe`,
  `${TOPIC_PREFIX}/models/+/predict`,
  `${TOPIC_PREFIX}/models/+/train`,
  `${TOPIC_PREFIX}/stream/+/in`,
  SEED_INPUT_TOPIC,
];

/** The filters the service subscribes to; shared ones when the broker supports `$share`. */
export const requestSubscriptions = (shared: boolean): string[] =>
  REQUEST_FILTERS.map((filter) => (shared ? `$share/${SHARE_GROUP}/${filter}` : filter));

export type TopicRoute =
  | { kind: 'list' }
  | { kind: 'describe' | 'predict' | 'train'; model: string }
  | { kind: 'stream'; clientId: string }
  | { kind: 'seed' };

/** The request a topic names, or undefined for topics the service does not answer. */
export function routeOf(topic: string): TopicRoute | undefined {
  if (topic === SEED_INPUT_TOPIC) return { kind: 'seed' };
  if (!topic.startsWith(`${TOPIC_PREFIX}/`)) return undefined;
  const levels = topic.slice(TOPIC_PREFIX.length + 1).split('/');
  const [area, name, action] = levels;
  if (levels.length === 2 && area === 'models' && name === 'list') return { kind: 'list' };
  if (levels.length !== 3 || name === undefined) return undefined;
  // An empty or malformed model name is still a request: the core answers it with invalid_input, as on every protocol.
  if (area === 'models' && (action === 'describe' || action === 'predict' || action === 'train')) return { kind: action, model: name };
  if (area === 'stream' && action === 'in' && name !== '') return { kind: 'stream', clientId: name };
  return undefined;
}
