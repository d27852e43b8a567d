import * as soap from 'soap';
import { beforeAll, describe, expect, it } from 'vitest';
import { faultOfClientCall } from './soap-faults';
import { useApi } from './support/use-api';
import { EXACT_X as X, EXACT_Y as y } from './support/linear-fixture';

const rowsElement = (rows: number[][]) => ({ row: rows.map((row) => ({ value: row })) });

describe("SOAP through node-soap's client, built from the WSDL the server serves", () => {
  const api = useApi();
  let client: soap.Client;
  beforeAll(async () => {
    client = await soap.createClientAsync(`${api().url}/soap?wsdl`);
  });

  it('finds the four operations of ModelWireService in the WSDL, addressed to this server', () => {
    const port = client.describe().ModelWireService.ModelWirePort;
    expect(Object.keys(port).sort()).toEqual(['ClassifyImage', 'ListModels', 'Predict', 'Train']);
    expect(port.Predict.input).toMatchObject({ model: 'xs:string', text: 'xs:string', image: 'xs:base64Binary', topK: 'xs:int' });
    expect(client.wsdl.definitions.services.ModelWireService!.ports.ModelWirePort!.location).toBe(`${api().url}/soap`);
  });

  it('ListModels: every model with its kind, status and versions, and the install command of a missing one', async () => {
    const [result] = await client.ListModelsAsync({});
    const byName = Object.fromEntries(result.model.map((model: { name: string }) => [model.name, model]));
    expect(byName.sentiment).toMatchObject({ kind: 'text-sentiment', input: 'text', status: 'ready', version: 1, versions: { version: [1] }, trainable: false });
    expect(byName.mobilenetv2).toMatchObject({ kind: 'image-classification', status: 'not_installed', installCommand: expect.stringContaining('models:fetch') });
    expect(byName.mobilenetv2.version).toBeUndefined();
  });

  it('Predict with text: the sentiment model, with model version and timing', async () => {
    const [good] = await client.PredictAsync({ model: 'sentiment', text: 'I love machine learning, it is wonderful!' });
    expect(good.model).toEqual({ name: 'sentiment', version: 1 });
    expect(good.sentiment.label).toBe('positive');
    expect(good.sentiment.probability).toBeGreaterThan(0.5);
    expect(good.timing.serverMs).toBeGreaterThanOrEqual(good.timing.inferenceMs);
    const [bad] = await client.PredictAsync({ model: 'sentiment', text: 'This is terrible, awful and a complete waste of money.' });
    expect(bad.sentiment.label).toBe('negative');
  });

  it('Train, then Predict with features: recovers y = 2·x1 − 3·x2 + 1', async () => {
    const [trained] = await client.TrainAsync({ model: 'exact', rows: rowsElement(X), targets: { value: y } });
    expect(trained.model).toEqual({ name: 'exact', version: 1 });
    expect(trained.coefficient[0]).toBeCloseTo(2, 6);
    expect(trained.coefficient[1]).toBeCloseTo(-3, 6);
    expect(trained.intercept).toBeCloseTo(1, 6);
    expect(trained).toMatchObject({ samples: X.length, featureCount: 2 });

    const [predicted] = await client.PredictAsync({ model: 'exact', features: rowsElement([[10, 20], [-3.5, 0.25]]) });
    expect(predicted.model).toEqual({ name: 'exact', version: 1 });
    expect(predicted.regression.value[0]).toBeCloseTo(2 * 10 - 3 * 20 + 1, 4);
    expect(predicted.regression.value[1]).toBeCloseTo(2 * -3.5 - 3 * 0.25 + 1, 4);

    const [ridge] = await client.TrainAsync({ model: 'exact', rows: rowsElement(X), targets: { value: y }, ridge: 100 });
    expect(ridge.model.version).toBe(2);
    expect(Math.abs(ridge.coefficient[0])).toBeLessThan(2);
  });

  it('ClassifyImage without the ImageNet model installed: a soap:Server Fault with not_installed', async () => {
    const fault = await faultOfClientCall(client.ClassifyImageAsync({ image: Buffer.from('not really a photo').toString('base64'), topK: 3 }));
    expect(fault).toMatchObject({ httpStatus: 500, faultcode: 'soap:Server', code: 'not_installed' });
    expect(fault.faultstring).toMatch(/models:fetch/);
  });

  it('a Fault carries the contract code (unknown model → soap:Client, not_found) and the next call succeeds', async () => {
    const fault = await faultOfClientCall(client.PredictAsync({ model: 'no-such-model', text: 'hello' }));
    expect(fault).toMatchObject({ httpStatus: 500, faultcode: 'soap:Client', code: 'not_found' });
    const [next] = await client.PredictAsync({ model: 'sentiment', text: 'Still working, and it is great.' });
    expect(next.sentiment.label).toBe('positive');
  });
});

describe("the seed deck's MLService.predict(feature1, feature2), as spyne served it", () => {
  const api = useApi();
  let ml: soap.Client;
  beforeAll(async () => {
    ml = await soap.createClientAsync(`${api().url}/soap/ml?wsdl`);
  });

  it('is described by its own WSDL: service MLService, namespace http://example.com/ml, floats in and out', async () => {
    expect(ml.describe()).toEqual({
      MLService: { Application: { predict: { input: { feature1: 'xs:float', feature2: 'xs:float' }, output: { predictResult: 'xs:float' } } } },
    });
    expect(ml.wsdl.definitions.$targetNamespace).toBe('http://example.com/ml');
  });

  it('answers a clear not_found Fault before "default" is trained, and ≈ −3 for (1, 2) after', async () => {
    const before = await faultOfClientCall(ml.predictAsync({ feature1: 1.0, feature2: 2.0 }));
    expect(before).toMatchObject({ httpStatus: 500, faultcode: 'soap:Client', code: 'not_found' });
    expect(before.faultstring).toMatch(/"default" has not been trained/);

    const client = await soap.createClientAsync(`${api().url}/soap?wsdl`);
    await client.TrainAsync({ model: 'default', rows: rowsElement(X), targets: { value: y } });

    const [result] = await ml.predictAsync({ feature1: 1.0, feature2: 2.0 });
    expect(result.predictResult).toBeCloseTo(-3, 4);
  });
});
