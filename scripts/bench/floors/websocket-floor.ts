import { WebSocketServer } from 'ws';
import { withVersion } from '../package-version';
import { FLOOR_HOST, type RunningFloor } from './floor';
import { deliverAnswer, inlineFormula, type SeedAnswer } from './seed-answer';

/** A ws WebSocketServer at /ws answering the seed's {"feature1", "feature2"} with {"prediction"}. */
export async function startWebsocketFloor(answer: SeedAnswer = inlineFormula): Promise<RunningFloor> {
  const server = new WebSocketServer({ host: FLOOR_HOST, port: 0, path: '/ws', perMessageDeflate: false });
  server.on('connection', (socket) => {
    socket.on('message', (data) => {
      const { feature1, feature2 } = JSON.parse(data.toString()) as { feature1: number; feature2: number };
      deliverAnswer(
        answer(feature1, feature2),
        (prediction) => socket.send(JSON.stringify({ prediction })),
        (error) => socket.close(1011, error.message.slice(0, 100)),
      );
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the WebSocket floor has no TCP port');
  return {
    port: address.port,
    library: `${withVersion('ws')} WebSocketServer`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
