import type { FastifyPluginAsync } from 'fastify';
import type { Registry } from 'prom-client';
import type { CoreObserver } from '../core/core-observer';
import { registerCoreGauges, type GaugedCore } from './core-gauges';
import { createCoreMetricsObserver } from './core-metrics-observer';
import { createMetricsRegistry } from './metrics-registry';
import { createMetricsRoute } from './metrics-route';

export interface ServerMetrics {
  /** This server's own registry (not prom-client's global one), so one process can run several servers. */
  registry: Registry;
  /** Give it to createCore: it counts predictions, batches and cache lookups. */
  observer: CoreObserver;
  /** Once the core is built: adds the gauges read from it, and labels calls to unknown models as such. */
  watchCore(core: GaugedCore & { describeModel(name: string): unknown }): void;
  /** GET /metrics, for buildApiServer. */
  route: FastifyPluginAsync;
}

/** Prometheus metrics of one ModelWire server (docs/metrics.md). */
export function createServerMetrics(): ServerMetrics {
  const metrics = createMetricsRegistry();
  let isServedModel: (name: string) => boolean = () => true;
  return {
    registry: metrics.registry,
    observer: createCoreMetricsObserver(metrics, { isServedModel: (name) => isServedModel(name) }),
    watchCore(core) {
      registerCoreGauges(metrics.registry, core);
      isServedModel = (name) => {
        try {
          core.describeModel(name);
          return true;
        } catch {
          return false;
        }
      };
    },
    route: createMetricsRoute(metrics.registry),
  };
}
