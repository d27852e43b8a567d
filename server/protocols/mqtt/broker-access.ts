import type { AedesOptions, AuthenticateError, AuthErrorCode, Client, PublishPacket } from 'aedes';
import { ModelWireError } from '../../../lib/model-wire-error';
import type { Principal } from '../../core/auth/principal';
import type { InferenceCore } from '../../core/inference-core';
import { isUsableClientId, maySubscribe, publishRuleOf } from './access-rules';

export interface BrokerAccessOptions {
  core: Pick<InferenceCore, 'authenticate' | 'authorize'>;
  maxPayloadBytes: number;
}

type AccessHandlers = Required<Pick<AedesOptions, 'authenticate' | 'authorizePublish' | 'authorizeSubscribe'>>;

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
export function createBrokerAccess({ core, maxPayloadBytes }: BrokerAccessOptions) {
  const principals = new WeakMap<Client, Principal>();
  /** The client connected under each id, so an id in use is not taken over by another user's client. */
  const holders = new Map<string, Client>();

  function takeoverRefusal(client: Client, principal: Principal): AuthenticateError | undefined {
    const holder = holders.get(client.id);
    if (!holder || holder === client || holder.closed) return undefined;
    return principals.get(holder)?.name === principal.name ? undefined : connackRefusal(IDENTIFIER_REJECTED, `client id ${client.id} is in use by someone else`);
  }

  function admit(client: Client, principal: Principal): AuthenticateError | undefined {
    const refusal = takeoverRefusal(client, principal);
    if (refusal) return refusal;
    principals.set(client, principal);
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
      core.authenticate(password?.toString('utf8')).then(
        (principal) => {
          const refusal = admit(client, principal);
          return refusal ? done(refusal, null) : done(null, true);
        },
        (error: unknown) => done(connackRefusal(password?.length ? BAD_USERNAME_OR_PASSWORD : NOT_AUTHORIZED, ModelWireError.from(error).message), null),
      );
    },
    authorizePublish(client, packet, callback) {
      if (!client) return callback(forbidden('A will without its client is not published.'));
      try {
        checkPublish(client, packet);
        callback(null);
      } catch (error) {
        callback(ModelWireError.from(error));
      }
    },
    authorizeSubscribe(client, subscription, callback) {
      callback(null, maySubscribe(client.id, subscription.topic) ? subscription : null);
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
