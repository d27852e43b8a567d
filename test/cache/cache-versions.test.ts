import { describe, expect, it } from 'vitest';
import type { PredictionInput } from '../../lib/contract';
import { createRestClient } from '../../lib/clients/rest-client';
import { EXACT_X, EXACT_Y } from '../support/linear-fixture';
import { valueOf } from '../support/outcomes';
import { postJson } from '../support/start-api';
import { useApi } from '../support/use-api';

// The version is part of the cache key: a new version never answers with an older version's output.

describe('the prediction cache across model versions', () => {
  const api = useApi();

  it('serves version 2 its own answer after a retrain, and version 1 still its own', async () => {
    const rest = createRestClient(api().url);
    const row: PredictionInput = { kind: 'features', rows: [[2, 3]] };
    valueOf(await rest.train('cached-line', { X: EXACT_X, y: EXACT_Y }));
    const first = valueOf(await rest.predict('cached-line', row));
    expect({ version: first.model.version, cached: first.cached }).toEqual({ version: 1, cached: false });
    expect(valueOf(await rest.predict('cached-line', row)).cached).toBe(true);

    // Version 2 fits y doubled: the same row must now predict twice as much, computed afresh.
    valueOf(await rest.train('cached-line', { X: EXACT_X, y: EXACT_Y.map((y) => 2 * y) }));
    const second = valueOf(await rest.predict('cached-line', row));
    expect({ version: second.model.version, cached: second.cached }).toEqual({ version: 2, cached: false });
    expect(second.output).toEqual({ kind: 'regression', values: [expect.closeTo(2 * (2 * 2 - 3 * 3 + 1), 6)] });

    const pinned = await postJson(`${api().url}/v1/models/cached-line/predict`, { features: [2, 3], version: 1 });
    expect({ version: pinned.json.model.version, output: pinned.json.output, cached: pinned.json.cached }).toEqual({ version: 1, output: first.output, cached: true });
    rest.close();
  });
});
