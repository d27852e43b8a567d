import type { InferenceCore } from '../../core/inference-core';
import type { ClientMessage, RequestId, ServerMessage, WsRequest } from './codec';
import { createInFlightGate, tooManyInFlight, type ConnectionLimits } from './connection-limits';
import { answerSeedFeatures, answerSeedText } from './seed-messages';
import { createStreamMessages } from './stream-messages';

export interface Session {
  send(message: object): void;
  sendError(error: unknown, id?: RequestId, seq?: number): void;
}

/** Answers the decoded messages of one connection: one core call each, the reply (or error) sent with the request id. */
export function createMessageHandler(core: InferenceCore, limits: ConnectionLimits, session: Session) {
  const inFlight = createInFlightGate(limits.maxInFlight);
  const streams = createStreamMessages(core.streams, session.send);

  /** Runs a model call, refusing it when this connection already has maxInFlight running. */
  async function runModel<T>(work: () => Promise<T>): Promise<T> {
    if (!inFlight.tryEnter()) throw tooManyInFlight(limits.maxInFlight);
    try {
      return await work();
    } finally {
      inFlight.leave();
    }
  }

  /** The reply to a request; streams reply later, with updates. */
  async function answer(id: RequestId, request: WsRequest, receivedAt: number): Promise<ServerMessage | undefined> {
    switch (request.type) {
      case 'predict':
        return { id, type: 'result', ...(await runModel(() => core.predict(request.model, request.input, request.options))) };
      case 'train':
        return { id, type: 'result', ...(await runModel(() => core.train(request.model, request.training, { receivedAt }))) };
      case 'listModels':
        return { id, type: 'result', models: core.listModels() };
      case 'stream':
        streams.push(id, request.text, request.seq, request.model);
        return undefined;
      case 'stopStream':
        streams.stop(id);
        return undefined;
    }
  }

  async function handle(message: ClientMessage, receivedAt: number): Promise<void> {
    switch (message.kind) {
      case 'unreadable':
        throw message.error;
      case 'seedFeatures':
        return session.send(await runModel(() => answerSeedFeatures(core, message.feature1, message.feature2, receivedAt)));
      case 'seedText':
        return session.send(await runModel(() => answerSeedText(core, message.text, receivedAt)));
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
