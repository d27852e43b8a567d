import type { Principal } from '../../core/auth/principal';
import type { InferenceCore } from '../../core/inference-core';
import type { ClientMessage, RequestId, ServerMessage, WsRequest } from './codec';
import { createInFlightGate, tooManyInFlight, type ConnectionLimits } from './connection-limits';
import type { ConnectionPrincipal } from './connection-principal';
import { answerSeedFeatures, answerSeedText } from './seed-messages';
import { createStreamMessages } from './stream-messages';

export interface Session {
  send(message: object): void;
  sendError(error: unknown, id?: RequestId, seq?: number): void;
}

/**
 * Answers the decoded messages of one connection: one core call each, as the connection's caller, the reply (or error)
 * sent with the request id.
 */
export function createMessageHandler(core: InferenceCore, limits: ConnectionLimits, session: Session, caller: ConnectionPrincipal) {
  const inFlight = createInFlightGate(limits.maxInFlight);
  const streams = createStreamMessages(core.streams, session.send);

  /** Runs a model call as the connection's caller, refusing it when this connection already has maxInFlight running. */
  async function runModel<T>(work: (principal: Principal | undefined) => Promise<T>): Promise<T> {
    if (!inFlight.tryEnter()) throw tooManyInFlight(limits.maxInFlight);
    try {
      return await work(await caller.current());
    } finally {
      inFlight.leave();
    }
  }

  // Stream messages take effect in the order they came (a push, then a stop), though a push waits for the caller.
  let streamMessages: Promise<unknown> = Promise.resolve();
  function inOrder<T>(work: () => Promise<T>): Promise<T> {
    const done = streamMessages.then(work);
    streamMessages = done.catch(() => undefined);
    return done;
  }

  /** The reply to a request; streams reply later, with updates. */
  async function answer(id: RequestId, request: WsRequest, receivedAt: number): Promise<ServerMessage | undefined> {
    switch (request.type) {
      case 'predict':
        return { id, type: 'result', ...(await runModel((principal) => core.predict(request.model, request.input, { ...request.options, principal }))) };
      case 'train':
        return { id, type: 'result', ...(await runModel((principal) => core.train(request.model, request.training, { receivedAt, principal }))) };
      case 'listModels':
        return { id, type: 'result', models: core.listModels() };
      case 'stream': {
        const principal = caller.current(); // the caller as this message came, whatever comes after it
        return inOrder(async () => {
          // Every push, not only the first: the token may have expired since the stream opened.
          streams.push(id, request.text, request.seq, request.model, core.authorize(await principal, 'predict'));
          return undefined;
        });
      }
      case 'stopStream':
        return inOrder(async () => {
          streams.stop(id);
          return undefined;
        });
    }
  }

  async function handle(message: ClientMessage, receivedAt: number): Promise<void> {
    switch (message.kind) {
      case 'unreadable':
        throw message.error;
      case 'seedFeatures':
        return session.send(await runModel((principal) => answerSeedFeatures(core, message.feature1, message.feature2, receivedAt, principal)));
      case 'seedText':
        return session.send(await runModel((principal) => answerSeedText(core, message.text, receivedAt, principal)));
      case 'auth': {
        const { name, scopes, expiresAt } = await caller.authenticate(message.token);
        return session.send({ ...(message.id === undefined ? {} : { id: message.id }), type: 'authenticated', user: name, scopes, expiresAt });
      }
      case 'request': {
        const reply = await answer(message.id, message.request, receivedAt);
        if (reply) session.send(reply);
      }
    }
  }

  return {
    async handle(message: ClientMessage, receivedAt: number): Promise<void> {
      try {
        await handle(message, receivedAt);
      } catch (error) {
        const seq = message.kind === 'request' && message.request.type === 'stream' ? message.request.seq : undefined;
        session.sendError(error, 'id' in message ? message.id : undefined, seq);
      }
    },
    close: () => streams.closeAll(),
  };
}
