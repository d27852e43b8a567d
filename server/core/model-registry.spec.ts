import { describe, expect, it } from 'vitest';
import type { ModelDescriptor } from '../../lib/contract';
import { createModelRegistry } from './model-registry';
import type { ServedModel } from './served-model';
import type { TrainableModels } from './trainable-models';

const model = (name: string): ServedModel => ({
  name,
  describe: (): ModelDescriptor => ({ name, kind: 'linear-regression', input: 'features', description: '', status: 'ready', version: 1, versions: [1], trainable: false }),
  predict: async () => {
    throw new Error('not used');
  },
});

const trained = new Map([['houses', model('houses')]]);
const trainable: TrainableModels = {
  names: () => [...trained.keys()],
  has: (name) => trained.has(name),
  get: (name) => trained.get(name)!,
  train: async () => {
    throw new Error('not used');
  },
};

describe('model registry', () => {
  const registry = createModelRegistry([model('sentiment')], trainable);

  it('finds built-in models first, then trained ones, and lists both', () => {
    expect(registry.get('sentiment').name).toBe('sentiment');
    expect(registry.get('houses').name).toBe('houses');
    expect(registry.list().map((descriptor) => descriptor.name)).toEqual(['sentiment', 'houses']);
  });

  it('answers not_found naming the known models, and invalid_input for a malformed name', () => {
    expect(() => registry.get('nope')).toThrow(expect.objectContaining({ code: 'not_found', message: expect.stringContaining('sentiment, houses') }));
    for (const name of ['', '../x', 'a'.repeat(65), 'white space']) expect(() => registry.get(name), name).toThrow(expect.objectContaining({ code: 'invalid_input' }));
  });

  it('lets any well-formed new name be trained, but not a built-in one', () => {
    expect(() => registry.assertTrainableName('new-model_1.2')).not.toThrow();
    expect(() => registry.assertTrainableName('sentiment')).toThrow(expect.objectContaining({ code: 'invalid_input' }));
  });
});
