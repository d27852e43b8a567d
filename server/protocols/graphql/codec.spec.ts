import { describe, expect, it } from 'vitest';
import { predictionInputOfGraphQL, predictionInputOfSeedString } from './codec';

describe('GraphQL codec', () => {
  it('reads the seed\'s inputData string by the model\'s input kind', () => {
    expect(predictionInputOfSeedString('text', '[1, 2]')).toEqual({ kind: 'text', text: '[1, 2]' });
    expect(predictionInputOfSeedString('features', '[1, 2]')).toEqual({ kind: 'features', rows: [[1, 2]] });
    expect(predictionInputOfSeedString('features', '[[1, 2], [3, 4]]')).toEqual({ kind: 'features', rows: [[1, 2], [3, 4]] });
    expect(predictionInputOfSeedString('image', 'aGk=')).toEqual({ kind: 'image', image: new Uint8Array([104, 105]) });
  });

  it('refuses inputData that is not JSON for a linear model, or not base64 for an image model', () => {
    expect(() => predictionInputOfSeedString('features', '1, 2')).toThrow(expect.objectContaining({ code: 'invalid_input' }));
    expect(() => predictionInputOfSeedString('image', 'not base64!')).toThrow(expect.objectContaining({ code: 'invalid_input' }));
  });

  it('reads an uploaded file, one row of features, or many rows', async () => {
    const upload = new File([new Uint8Array([1, 2, 3])], 'x.png');
    expect(await predictionInputOfGraphQL({ upload })).toEqual({ kind: 'image', image: new Uint8Array([1, 2, 3]) });
    expect(await predictionInputOfGraphQL({ features: [1, 2] })).toEqual({ kind: 'features', rows: [[1, 2]] });
    expect(await predictionInputOfGraphQL({ rows: [[1], [2]], text: null })).toEqual({ kind: 'features', rows: [[1], [2]] });
  });
});
