import { beforeAll } from 'vitest';
import { createRestClient } from '../../lib/clients/rest-client';
import { valueOf } from '../support/outcomes';
import { hasSharedImagenet, SHARED_IMAGENET_DIR } from '../support/shared-files';
import { useApi } from '../support/use-api';
import { checkCase } from './case-shape';
import { CASES, LINEAR_MODEL, LINEAR_TRAINING } from './cases';
import { clientLanes } from './lanes';
import { createReferenceCore, type Reference } from './reference';
import { runTable } from './run-table';

// One server, every case of the table through every protocol's real client.

const modelsDir = hasSharedImagenet ? SHARED_IMAGENET_DIR : undefined;
const api = useApi({ modelsDir });
let reference: Reference;

beforeAll(async () => {
  const core = await createReferenceCore(modelsDir);
  valueOf(await createRestClient(api().url).train(LINEAR_MODEL, LINEAR_TRAINING));
  await core.train(LINEAR_MODEL, LINEAR_TRAINING);
  reference = { api: api(), core };
});

runTable('conformance', clientLanes(api), CASES, (client, row, lane) => checkCase(client, row, lane, reference));
