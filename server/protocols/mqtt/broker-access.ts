import { timingSafeEqual } from 'node:crypto';
import type { AedesOptions, AedesPublishPacket, AuthenticateError, AuthErrorCode, Client, PublishPacket } from 'aedes';
import { ModelWireError } from '../../../lib/model-wire-error';
import type { Principal } from '../../core/auth/principal';
import type { InferenceCore } from '../../core/inference-core';
import { isUsableClientId, maySubscribe, publishRuleOf } from './access-rules';
import { fromTopic } from './topics';

export interface BrokerAccessOptions {
  core: Pick<InferenceCore, 'authenticate' | 'authorize'>;
  /** The password that marks the ModelWire service's own connection (random per process, never a user's token). */
  serviceSecret: string;
  maxPayloadBytes: number;
}

type AccessHandlers = Required<Pick<AedesOptions, 'authenticate' | 'authorizePublish' | 'authorizeSubscribe' | 'authorizeForward'>>;

// CONNACK return codes of MQTT 3.1.1 [MQTT-3.2.2.3].
const IDENTIFIER_REJECTED = 2;
const BAD_USERNAME_OR_PASSWORD = 4;
const NOT_AUTHORIZED = 5;

const connackRefusal = (returnCode: number, message: string): AuthenticateError =>
  Object.assign(new Error(message), { returnCode: returnCode as AuthErrorCode });

const forbidden = (message: string) => new ModelWireError('forbidden', message);

/**
 * Who may connect (the CONNECT password is an access token when AUTH=required), and what each client may publish and
 * subscribe to (always, AUTH or not). Refused publishes close the connection: MQTT 3.1.1 has no negative PUBACK
 * [MQTT-3.3.5-2]. Refused subscriptions get SUBACK 0x80.
 */
export function createBrokerAccess({ core, serviceSecret, maxPayloadBytes }: BrokerAccessOptions) {
  const secret = Buffer.from(serviceSecret);
  const services = new WeakSet<Client>();
  const principals = new WeakMap<Client, Principal>();
  /** The client connected under each id, so an id in use is not taken over by the service's or another user's client. */
  const holders = new Map<string, Client>();

  const isServiceSecret = (password: Buffer | undefined) => password?.length === secret.length && timingSafeEqual(password, secret);

  function takeoverRefusal(client: Client, principal: Principal | 'service'): AuthenticateError | undefined {
    const holder = holders.get(client.id);
    if (!holder || holder === client || holder.closed) return undefined;
    const holderName = services.has(holder) ? 'service' : principals.get(holder)?.name;
    const name = principal === 'service' ? 'service' : principal.name;
    return holderName === name ? undefined : connackRefusal(IDENTIFIER_REJECTED, `client id ${client.id} is in use by someone else`);
  }

  function admit(client: Client, principal: Principal | 'service'): AuthenticateError | undefined {
    const refusal = takeoverRefusal(client, principal);
    if (refusal) return refusal;
    if (principal === 'service') services.add(client);
    else principals.set(client, principal);
    holders.set(client.id, client);
    return undefined;
  }

  function checkPublish(client: Client, packet: PublishPacket): void {
    const principal = principals.get(client);
    if (!principal) throw new ModelWireError('unauthenticated', 'The client is not authenticated.');
    const rule = publishRuleOf(client.id, packet.topic);
    if (!rule.allowed) throw forbidden(rule.reason);
    // A retained request would be answered again each time the service subscribes.
    if (packet.retain) throw forbidden('Requests cannot be retained.');
    if (packet.payload.length > maxPayloadBytes) throw new ModelWireError('too_large', `The payload is larger than ${maxPayloadBytes} bytes.`);
    if (rule.scope) core.authorize(principal, rule.scope);
  }

  const handlers: AccessHandlers = {
    authenticate(client, _username, password, done) {
      if (!isUsableClientId(client.id)) return done(connackRefusal(IDENTIFIER_REJECTED, 'client ids are 1 to 128 letters, digits, "_", "-", "." or ":"'), null);
      if (isServiceSecret(password)) {
        const refusal = admit(client, 'service');
        return refusal ? done(refusal, null) : done(null, true);
      }
      core.authenticate(password?.toString('utf8')).then(
        (principal) => {
          const refusal = admit(client, principal);
          return refusal ? done(refusal, null) : done(null, true);
        },
        (error: unknown) => done(connackRefusal(password?.length ? BAD_USERNAME_OR_PASSWORD : NOT_AUTHORIZED, ModelWireError.from(error).message), null),
      );
    },
    authorizePublish(client, packet, callback) {
      if (client && services.has(client)) return callback(null);
      if (!client) return callback(forbidden('A will without its client is not published.'));
      try {
        checkPublish(client, packet);
        callback(null);
      } catch (error) {
        callback(ModelWireError.from(error));
      }
    },
    authorizeSubscribe(client, subscription, callback) {
      callback(null, services.has(client) || maySubscribe(client.id, subscription.topic) ? subscription : null);
    },
    authorizeForward(client, packet) {
      // aedes stamps each routed packet with its publisher's id; MQTT 3.1.1 can only carry it to the service in the topic.
      const publisher = (packet as AedesPublishPacket & { clientId?: string }).clientId;
      if (!services.has(client) || publisher === undefined) return packet;
      return { ...packet, topic: fromTopic(publisher, packet.topic) };
    },
  };

  return {
    handlers,
    /** Called when a client is gone: its id is free again. */
    release(client: Client) {
      if (holders.get(client.id) === client) holders.delete(client.id);
    },
  };
}
