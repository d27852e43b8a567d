import path from 'node:path';
import { afterAll, beforeAll, inject } from 'vitest';
import { missingClusterPackages, startCluster, type RunningCluster } from '../../scripts/cluster/cluster';
import { requirement } from '../support/requirements';
import { hasSharedImagenet, SHARED_IMAGENET_DIR } from '../support/shared-files';

const root = path.resolve(import.meta.dirname, '../..');

/** Whether to skip the cluster's tests: haproxy, redis-server or mosquitto missing (printed locally, an error in CI). */
export function skipWithoutClusterPackages(): boolean {
  const missing = missingClusterPackages();
  return requirement('haproxy, redis-server and mosquitto', missing.length === 0, missing.join('; '));
}

/**
 * A cluster of `replicas` for the enclosing describe, the replicas run from source through tsx (the code under test,
 * with no build step), with the sentiment model the global setup built and the shared ImageNet model when present.
 */
export function useCluster(replicas: number): () => RunningCluster {
  let cluster: RunningCluster | undefined;
  beforeAll(async () => {
    cluster = await startCluster({
      replicas,
      root,
      build: 'tsx',
      modelsDir: hasSharedImagenet ? SHARED_IMAGENET_DIR : path.join(root, 'models'),
      sentimentFrom: inject('prebuiltDataDir'),
    });
  });
  afterAll(() => cluster?.stop());
  return () => cluster!;
}
