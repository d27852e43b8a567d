import * as soap from 'soap';
import { beforeAll, describe, expect, it } from 'vitest';
import { faultOfClientCall } from '../soap-faults';
import { EXACT_X as X, EXACT_Y as y } from '../support/linear-fixture';
import { REFUSED_TOKENS, useAuthApi } from './auth-fixture';

// SOAP with AUTH=required, through node-soap's client: the HTTP POST carries Authorization: Bearer, refusals are Faults.

const { api, tokens } = useAuthApi();
const rows = { row: X.map((value) => ({ value })) };

/** node-soap clients of both services, sending the token given (none when undefined) on every call. */
async function clientsWith(token: string | undefined) {
  const [service, ml] = await Promise.all([soap.createClientAsync(`${api().url}/soap?wsdl`), soap.createClientAsync(`${api().url}/soap/ml?wsdl`)]);
  if (token !== undefined) for (const client of [service, ml]) client.addHttpHeader('Authorization', `Bearer ${token}`);
  return { service, ml };
}

describe('SOAP with AUTH=required', () => {
  let anonymous: Awaited<ReturnType<typeof clientsWith>>;
  beforeAll(async () => {
    anonymous = await clientsWith(undefined);
  });

  it('keeps the WSDL and ListModels public', async () => {
    expect((await fetch(`${api().url}/soap?wsdl`)).status).toBe(200);
    const [listed] = await anonymous.service.ListModelsAsync({});
    expect(listed.model.length).toBeGreaterThan(0);
  });

  it.each(REFUSED_TOKENS)('refuses %s with a soap:Client Fault carrying mw:code unauthenticated', async (_label, token) => {
    const { service, ml } = await clientsWith(token);
    const calls = [
      service.PredictAsync({ model: 'sentiment', text: 'lovely' }),
      service.TrainAsync({ model: 'default', rows, targets: { value: y } }),
      ml.predictAsync({ feature1: 1, feature2: 2 }),
    ];
    for (const call of calls) {
      expect(await faultOfClientCall(call)).toMatchObject({ httpStatus: 500, faultcode: 'soap:Client', code: 'unauthenticated' });
    }
  });

  it('refuses a predictor training with mw:code forbidden', async () => {
    const { service } = await clientsWith(tokens().predictor);
    const fault = await faultOfClientCall(service.TrainAsync({ model: 'default', rows, targets: { value: y } }));
    expect(fault).toMatchObject({ faultcode: 'soap:Client', code: 'forbidden', faultstring: expect.stringContaining('"train"') });
  });

  it('answers good tokens: a trainer trains, a predictor predicts', async () => {
    const trainer = await clientsWith(tokens().trainer);
    const [trained] = await trainer.service.TrainAsync({ model: 'default', rows, targets: { value: y } });
    expect(trained.r2).toBeCloseTo(1, 6);
    const predictor = await clientsWith(tokens().predictor);
    const [predicted] = await predictor.service.PredictAsync({ model: 'sentiment', text: 'I love machine learning, it is wonderful!' });
    expect(predicted.sentiment.label).toBe('positive');
    const [seed] = await predictor.ml.predictAsync({ feature1: 1, feature2: 2 });
    expect(seed.predictResult).toBeCloseTo(-3, 4);
  });
});
