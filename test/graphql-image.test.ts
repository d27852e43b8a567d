import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { houseFinch as finch, SHARED_IMAGENET_DIR, sharedPhotos, skipWithoutSharedImagenet } from './support/shared-files';
import { postJson, type RunningApi } from './support/start-api';
import { useApi } from './support/use-api';

const CLASSIFY_UPLOAD = `mutation ($file: File!) {
  predict(model: "mobilenetv2", input: { upload: $file }, topK: 5) {
    model { name version }
    output { ... on ClassificationOutput { labels { label classIndex probability } } }
  }
}`;

/** A multipart request following the GraphQL multipart request spec, built by hand: operations, map, then the file. */
async function uploadPhoto(api: RunningApi, photoPath: string) {
  const form = new FormData();
  form.set('operations', JSON.stringify({ query: CLASSIFY_UPLOAD, variables: { file: null } }));
  form.set('map', JSON.stringify({ 0: ['variables.file'] }));
  form.set('0', new Blob([await readFile(photoPath)], { type: 'image/jpeg' }), photoPath.split('/').pop());
  const response = await fetch(`${api.url}/graphql`, { method: 'POST', body: form });
  return { status: response.status, json: await response.json() };
}

type Label = { label: string; classIndex: number; probability: number };

function expectSameLabels(graphql: Label[], rest: Label[]) {
  expect(graphql.map(({ label, classIndex }) => ({ label, classIndex }))).toEqual(rest.map(({ label, classIndex }) => ({ label, classIndex })));
  graphql.forEach((label, i) => expect(label.probability).toBeCloseTo(rest[i]!.probability, 6));
}

describe.skipIf(skipWithoutSharedImagenet())('MobileNetV2 over GraphQL with the shared ImageNet photos', () => {
  const api = useApi({ modelsDir: SHARED_IMAGENET_DIR });
  const restLabels = async (photoPath: string): Promise<Label[]> => {
    const base64 = (await readFile(photoPath)).toString('base64');
    const rest = await postJson(`${api().url}/v1/models/mobilenetv2/predict`, { image: base64, topK: 5 });
    expect(rest.status).toBe(200);
    return rest.json.output.labels;
  };

  it('classifies a multipart upload exactly as REST does (labels, and probabilities to 1e-6)', async () => {
    for (const photo of [finch(), ...sharedPhotos().filter((_, i) => i % 250 === 0)]) {
      const { status, json } = await uploadPhoto(api(), photo.path);
      expect(status).toBe(200);
      expect(json.errors).toBeUndefined();
      expect(json.data.predict.model).toEqual({ name: 'mobilenetv2', version: 1 });
      expectSameLabels(json.data.predict.output.labels, await restLabels(photo.path));
    }
  });

  it('calls the uploaded house finch a house finch', async () => {
    const { json } = await uploadPhoto(api(), finch().path);
    expect(json.data.predict.output.labels[0]).toMatchObject({ label: 'house finch', classIndex: finch().classIndex });
  });

  it('takes the photo as base64 in the seed\'s createPrediction and answers the same', async () => {
    const base64 = (await readFile(finch().path)).toString('base64');
    const query = 'mutation ($data: String!) { createPrediction(modelId: "mobilenetv2", inputData: $data) { prediction { output } } }';
    const response = await postJson(`${api().url}/graphql`, { query, variables: { data: base64 } });
    expect(response.json.errors).toBeUndefined();
    const output = JSON.parse(response.json.data.createPrediction.prediction.output);
    expectSameLabels(output.labels, await restLabels(finch().path));
  });
});
