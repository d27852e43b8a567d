import { createServer } from 'node:net';
import { Aedes, type AedesPublishPacket } from 'aedes';
import { withVersion } from '../package-version';
import { seedFormula } from '../seed-formula';
import { closeServer, listenOnFreePort, type RunningFloor } from './floor';

/**
 * The simplest honest MQTT floor: one aedes broker over TCP (noDelay, as ModelWire's embedded broker) answering inside
 * its own process, aedes.subscribe('ml/input') → aedes.publish('ml/output'), with no second client in between.
 */
export async function startMqttFloor(): Promise<RunningFloor> {
  const aedes = await Aedes.createBroker();
  const answer = (packet: AedesPublishPacket, done: () => void) => {
    const { feature1, feature2, correlationId } = JSON.parse(packet.payload.toString()) as { feature1: number; feature2: number; correlationId?: unknown };
    const payload = JSON.stringify({ correlationId, prediction: seedFormula(feature1, feature2) });
    aedes.publish({ cmd: 'publish', topic: 'ml/output', payload, qos: 1, retain: false, dup: false }, () => undefined);
    done();
  };
  await new Promise<void>((resolve) => aedes.subscribe('ml/input', answer, resolve));
  const server = createServer({ noDelay: true }, (socket) => aedes.handle(socket));
  const port = await listenOnFreePort(server);
  return {
    port,
    library: `${withVersion('aedes')} broker answering in-process (aedes.subscribe + aedes.publish)`,
    close: () => new Promise<void>((resolve) => aedes.close(() => void closeServer(server).then(resolve))),
  };
}
