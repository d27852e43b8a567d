import { Gauge, type Registry } from 'prom-client';
import type { ModelStatus } from '../../lib/contract';
import type { InferenceCore } from '../core/inference-core';

/** Every state a model can be in; a Record, so that a new ModelStatus fails the typecheck until it is listed. */
const MODEL_STATES: Record<ModelStatus, true> = { ready: true, not_installed: true };

export type GaugedCore = Pick<InferenceCore, 'workload' | 'streams' | 'listModels'>;

/**
 * Gauges read from the core when /metrics is scraped: calls running, live stream sessions, and the state of each
 * model version (1 for the state it is in, 0 for the others, as kube-state-metrics reports states).
 */
export function registerCoreGauges(registry: Registry, core: GaugedCore): void {
  const registers = [registry];
  new Gauge({
    name: 'modelwire_core_calls_running',
    help: 'Predictions, raw-tensor inferences and trainings running in the core now.',
    registers,
    collect() {
      this.set(core.workload().running);
    },
  });
  new Gauge({
    name: 'modelwire_stream_sessions_open',
    help: 'Live sentiment stream sessions open now, every protocol together.',
    registers,
    collect() {
      this.set(core.streams.openCount);
    },
  });
  new Gauge({
    name: 'modelwire_model_state',
    help: 'State of each model version (Triton: the repository index state): 1 for the state it is in, 0 for the others. Version is empty while nothing is installed.',
    labelNames: ['model', 'version', 'state'],
    registers,
    collect() {
      // Versions removed since the last scrape must not linger.
      this.reset();
      for (const model of core.listModels()) {
        const versions = model.versions.length > 0 ? model.versions.map(String) : [''];
        for (const version of versions) {
          for (const state of Object.keys(MODEL_STATES)) this.set({ model: model.name, version, state }, state === model.status ? 1 : 0);
        }
      }
    },
  });
}
