import { readFile } from 'node:fs/promises';
import * as soap from 'soap';
import { beforeAll, describe, expect, it } from 'vitest';
import { hasSharedImagenet, houseFinch, SHARED_IMAGENET_DIR, skipWithoutSharedImagenet } from './support/shared-files';
import { postJson } from './support/start-api';
import { useApi } from './support/use-api';

describe('SOAP and REST give the same answers from the same core', () => {
  const api = useApi({ modelsDir: hasSharedImagenet ? SHARED_IMAGENET_DIR : undefined });
  let client: soap.Client;
  beforeAll(async () => {
    client = await soap.createClientAsync(`${api().url}/soap?wsdl`);
  });

  it.each(['I love machine learning!', 'The battery died after two days and support never answered.', 'The parcel arrived on Tuesday.'])(
    'scores "%s" the same over SOAP Predict as over REST',
    async (text) => {
      const rest = await postJson(`${api().url}/v1/models/sentiment/predict`, { text });
      expect(rest.status).toBe(200);
      const [viaSoap] = await client.PredictAsync({ model: 'sentiment', text });
      expect(viaSoap.model).toEqual(rest.json.model);
      expect(viaSoap.sentiment.label).toBe(rest.json.output.label);
      expect(viaSoap.sentiment.score).toBeCloseTo(rest.json.output.score, 12);
      expect(viaSoap.sentiment.probability).toBeCloseTo(rest.json.output.probability, 12);
    },
  );

  it.skipIf(skipWithoutSharedImagenet())('classifies a shared photo (base64) the same over SOAP as over REST', async () => {
    const photo = houseFinch();
    const image = (await readFile(photo.path)).toString('base64');
    const rest = await postJson(`${api().url}/v1/models/mobilenetv2/predict`, { image, topK: 5 });
    expect(rest.status).toBe(200);

    const [classified] = await client.ClassifyImageAsync({ image, topK: 5 });
    const [predicted] = await client.PredictAsync({ model: 'mobilenetv2', image, topK: 5 });
    for (const labels of [classified.labelScore, predicted.classification.labelScore]) {
      expect(labels).toHaveLength(5);
      expect(labels[0]).toMatchObject({ label: 'house finch', classIndex: photo.classIndex });
      labels.forEach((label: { label: string; classIndex: number; probability: number }, i: number) => {
        expect(label).toMatchObject({ label: rest.json.output.labels[i].label, classIndex: rest.json.output.labels[i].classIndex });
        expect(label.probability).toBeCloseTo(rest.json.output.labels[i].probability, 6);
      });
    }
    expect(classified.model).toEqual(rest.json.model);
  });
});
