// Every topic the MQTT service answers, and which request a topic names.

export const TOPIC_PREFIX = 'modelwire/v1';
/** External broker: where errors go when a request names no reply topic (its ACL decides who may read them). */
export const ERRORS_TOPIC = `${TOPIC_PREFIX}/errors`;
/** The seed slide deck's topics: `{"feature1", "feature2"}` in, `{"prediction"}` out. */
export const SEED_INPUT_TOPIC = 'ml/input';
export const SEED_OUTPUT_TOPIC = 'ml/output';
/** Shared-subscription group: replicas subscribed as `$share/modelwire/...` split the requests between them. */
export const SHARE_GROUP = 'modelwire';

export const streamInTopic = (clientId: string) => `${TOPIC_PREFIX}/stream/${clientId}/in`;
export const streamOutTopic = (clientId: string) => `${TOPIC_PREFIX}/stream/${clientId}/out`;

/** A client's own reply topic: only it may read this topic and the ones below it, or name them as a reply topic. */
export const clientReplyTopic = (clientId: string) => `${TOPIC_PREFIX}/replies/${clientId}`;
export const isOwnReplyTopic = (clientId: string, topic: string) =>
  topic === clientReplyTopic(clientId) || topic.startsWith(`${clientReplyTopic(clientId)}/`);
/** Embedded broker: errors of a client's requests that named no usable reply topic. */
export const clientErrorsTopic = (clientId: string) => `${clientReplyTopic(clientId)}/errors`;

// Embedded broker: each request reaches the service as `$modelwire/from/{clientId}/{topic}`, naming who published it.
// Client ids never contain "/" (the broker refuses them), so the first level after the prefix is the whole id.
const FROM_PREFIX = '$modelwire/from/';
export const fromTopic = (clientId: string, topic: string) => `${FROM_PREFIX}${clientId}/${topic}`;

/** The topic a request was published on, and its publisher when the broker named it. */
export function requesterOf(topic: string): { requester?: string; topic: string } {
  if (!topic.startsWith(FROM_PREFIX)) return { topic };
  const rest = topic.slice(FROM_PREFIX.length);
  const slash = rest.indexOf('/');
  return slash > 0 ? { requester: rest.slice(0, slash), topic: rest.slice(slash + 1) } : { topic };
}

const REQUEST_FILTERS = [
  // `#`, not `+/predict`: a model name with a "/" ("../x") spans levels and must still get its invalid_input reply.
  `${TOPIC_PREFIX}/models/#`,
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
  const [area, name] = levels;
  const action = levels.at(-1);
  if (levels.length === 2 && area === 'models' && name === 'list') return { kind: 'list' };
  if (levels.length < 3 || name === undefined) return undefined;
  // An empty or malformed model name (even one with "/") is still a request: the core answers it with invalid_input.
  if (area === 'models' && (action === 'describe' || action === 'predict' || action === 'train')) return { kind: action, model: levels.slice(1, -1).join('/') };
  if (area === 'stream' && action === 'in' && levels.length === 3 && name !== '') return { kind: 'stream', clientId: name };
  return undefined;
}
