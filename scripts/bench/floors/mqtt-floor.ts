import { createServer } from 'node:net';
import { Aedes, type AedesPublishPacket } from 'aedes';
import { withVersion } from '../package-version';
import { closeServer, listenOnFreePort, type RunningFloor } from './floor';
import { deliverAnswer, inlineFormula, type SeedAnswer } from './seed-answer';

/**
 * The simplest honest MQTT floor: one aedes broker over TCP (noDelay, as ModelWire's embedded broker) answering inside
 * its own process, aedes.subscribe('ml/input') → aedes.publish('ml/output'), with no second client in between.
 */
export async function startMqttFloor(answer: SeedAnswer = inlineFormula): Promise<RunningFloor> {
  const aedes = await Aedes.createBroker();
  const reply = (packet: AedesPublishPacket, done: () => void) => {
    const { feature1, feature2, correlationId } = JSON.parse(packet.payload.toString()) as { feature1: number; feature2: number; correlationId?: unknown };
    const publish = (prediction: unknown) => {
      const payload = JSON.stringify({ correlationId, prediction });
      aedes.publish({ cmd: 'publish', topic: 'ml/output', payload, qos: 1, retain: false, dup: false }, () => undefined);
    };
    // A failed run answers null, which the bench's client counts as a wrong answer.
    deliverAnswer(answer(feature1, feature2), publish, () => publish(null));
    done();
  };
  await new Promise<void>((resolve) => aedes.subscribe('ml/input', reply, resolve));
  const server = createServer({ noDelay: true }, (socket) => aedes.handle(socket));
  const port = await listenOnFreePort(server);
  return {
    port,
    library: `${withVersion('aedes')} broker answering in-process (aedes.subscribe + aedes.publish)`,
    close: () => new Promise<void>((resolve) => aedes.close(() => void closeServer(server).then(resolve))),
  };
}
