import type { PredictionInput, PredictionOutput } from '../../../lib/contract';
import { answerOfOutput, encodedOnce, firstOf, seedEncodedOnce, unexpected } from './answers';
import { createHttpTransport, JSON_HEADERS } from './http-transport';
import type { Lane } from './lane';

const BOUNDARY = '----modelwire-bench-boundary';

/** A multipart/form-data body with one file field "image", as `curl -F image=@photo.jpg` sends it. */
function multipartImage(image: Uint8Array): Buffer {
  const head = `--${BOUNDARY}\r\ncontent-disposition: form-data; name="image"; filename="photo.jpg"\r\ncontent-type: image/jpeg\r\n\r\n`;
  return Buffer.concat([Buffer.from(head), image, Buffer.from(`\r\n--${BOUNDARY}--\r\n`)]);
}

const jsonBodyOf = (input: Exclude<PredictionInput, { kind: 'image' }>) => (input.kind === 'text' ? { text: input.text } : { features: input.rows });

const MULTIPART_HEADERS = { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` };

const seedBodyOf = seedEncodedOnce((feature1, feature2) => Buffer.from(JSON.stringify({ X: [[feature1, feature2]] })));

const requestOf = encodedOnce((model, input) => ({
  path: `/v1/models/${model}/predict`,
  body: input.kind === 'image' ? multipartImage(input.image) : Buffer.from(JSON.stringify(jsonBodyOf(input))),
  headers: input.kind === 'image' ? MULTIPART_HEADERS : JSON_HEADERS,
}));

export const restLane: Lane = {
  protocol: 'rest',
  client: 'node:http keep-alive agent',
  seedCall: 'POST /predict {"X": [[1, 2]]} → {"predictions": [..]}',
  predictCall: 'POST /v1/models/{name}/predict: JSON {text} or {features}; images as multipart/form-data',
  async connect(endpoint, maxInFlight) {
    const http = createHttpTransport(endpoint, maxInFlight);
    return {
      async seed(feature1, feature2) {
        const reply = (await http.postForJson('/predict', seedBodyOf(feature1, feature2))) as { predictions?: number[] };
        return firstOf(reply.predictions, 'prediction');
      },
      async predict(model, input) {
        const { path, body, headers } = requestOf(model, input);
        const reply = await http.postForJson(path, body, headers);
        const output = (reply as { output?: PredictionOutput }).output;
        return output ? answerOfOutput(output) : unexpected('REST reply', reply);
      },
      close: async () => http.close(),
    };
  },
};
