import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import * as soap from 'soap';
import { withVersion } from '../package-version';
import { closeServer, listenOnFreePort, type RunningFloor } from './floor';
import { inlineFormula, whenAnswered, type SeedAnswer } from './seed-answer';

// The seed deck's MLService WSDL, the same one ModelWire serves at /soap/ml?wsdl.
const WSDL = path.resolve(import.meta.dirname, '../../../server/protocols/soap/ml-service.wsdl');

/** node-soap's own server (soap.listen on node:http) serving MLService.predict at /soap/ml. */
export async function startSoapFloor(answer: SeedAnswer = inlineFormula): Promise<RunningFloor> {
  const server = createServer((_request, response) => {
    response.statusCode = 404;
    response.end();
  });
  const service = {
    MLService: {
      Application: {
        // node-soap answers a returned promise once it settles.
        predict: (args: { feature1: unknown; feature2: unknown }) =>
          whenAnswered(answer(Number(args.feature1), Number(args.feature2)), (predictResult) => ({ predictResult })),
      },
    },
  };
  soap.listen(server, '/soap/ml', service, readFileSync(WSDL, 'utf8'));
  const port = await listenOnFreePort(server);
  return { port, library: `${withVersion('soap')} (soap.listen on node:http)`, close: () => closeServer(server) };
}
