import WebSocket from 'ws';
import type { PredictionInput, PredictionOutput } from '../../../lib/contract';
import { joinBinaryFrame } from '../../../lib/websocket-binary-frame';
import { withVersion } from '../package-version';
import { answerOfOutput, encodedOnce, seedEncodedOnce, unexpected } from './answers';
import { failedCall, type Lane } from './lane';

interface Pending {
  resolve(reply: Record<string, unknown>): void;
  reject(error: Error): void;
}

interface Reply extends Record<string, unknown> {
  id?: number;
  type?: string;
  error?: { code?: string };
  output?: PredictionOutput;
  prediction?: number;
}

const inputOf = (input: Exclude<PredictionInput, { kind: 'image' }>) => (input.kind === 'text' ? { text: input.text } : { features: input.rows });

const seedFrameOf = seedEncodedOnce((feature1, feature2) => JSON.stringify({ feature1, feature2 }));

/** A text frame after its id, which is the one part that changes from call to call; none for images. */
const textFrameTail = encodedOnce((model, input) => (input.kind === 'image' ? '' : JSON.stringify({ type: 'predict', model, input: inputOf(input) }).slice(1)));

export const websocketLane: Lane = {
  protocol: 'websocket',
  client: `${withVersion('ws')} client, one connection`,
  seedCall: 'ws /ws {"feature1": 1, "feature2": 2} → {"prediction": ..} (no id: replies matched first in, first out)',
  predictCall: '{"id", "type": "predict", "model", "input"} text frames; images as one binary frame (header + bytes)',
  async connect({ host, port }) {
    const socket = new WebSocket(`ws://${host}:${port}/ws`, { perMessageDeflate: false });
    await new Promise<void>((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    // The seed's messages carry no id, so their replies are matched in order; ModelWire's own carry one.
    const inOrder: Pending[] = [];
    const byId = new Map<number, Pending>();
    let nextId = 1;
    const failAll = (error: Error) => {
      for (const pending of [...inOrder.splice(0), ...byId.values()]) pending.reject(error);
      byId.clear();
    };
    socket.on('message', (data) => {
      const reply = JSON.parse(data.toString()) as Reply;
      const pending = typeof reply.id === 'number' ? byId.get(reply.id) : inOrder.shift();
      if (typeof reply.id === 'number') byId.delete(reply.id);
      if (!pending) return;
      if (reply.type === 'error') pending.reject(failedCall(`WebSocket error reply: ${data.toString().slice(0, 300)}`, reply.error?.code === 'overloaded'));
      else pending.resolve(reply);
    });
    socket.on('close', () => failAll(new Error('the WebSocket closed')));
    socket.on('error', failAll);

    const request = (frame: string | Uint8Array, id?: number) =>
      new Promise<Reply>((resolve, reject) => {
        if (id === undefined) inOrder.push({ resolve, reject });
        else byId.set(id, { resolve, reject });
        socket.send(frame);
      });

    return {
      async seed(feature1, feature2) {
        const reply = await request(seedFrameOf(feature1, feature2));
        return typeof reply.prediction === 'number' ? reply.prediction : unexpected('WebSocket seed reply', reply);
      },
      async predict(model, input) {
        const id = nextId++;
        const frame = input.kind === 'image' ? joinBinaryFrame({ id, type: 'predict', model }, input.image) : `{"id":${id},${textFrameTail(model, input)}`;
        const reply = await request(frame, id);
        return reply.output ? answerOfOutput(reply.output) : unexpected('WebSocket reply', reply);
      },
      async close() {
        socket.close();
        await new Promise((resolve) => (socket.readyState === WebSocket.CLOSED ? resolve(undefined) : socket.once('close', resolve)));
      },
    };
  },
};
