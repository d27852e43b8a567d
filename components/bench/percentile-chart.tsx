'use client';

import type { BenchRun, BenchScenario } from '../../lib/bench/bench-report';
import { niceTicks } from '../../lib/latency-stats';
import { useElementWidth } from '../use-element-width';
import { protocolTitle, targetTitle } from '../../lib/bench/bench-titles';
import styles from './bench.module.css';
import { measured } from './bench-data';
import { labelWidthFor } from './ratio-bars';

export interface PercentileRow {
  scenario: BenchScenario;
  run?: BenchRun;
}

const ROW = 34;
const AXIS = 24;
const RIGHT = 14;

/** p50 to p99 of each scenario at one load on a shared axis: a dot at p50, ticks at p95 and p99. */
export function PercentileChart({ title, rows }: { title: string; rows: PercentileRow[] }) {
  const { ref, width } = useElementWidth<HTMLElement>(560);
  const chartWidth = Math.max(260, width);
  const labelWidth = labelWidthFor(rows.map(({ scenario }) => (scenario.protocol ? protocolTitle(scenario.protocol) : targetTitle(scenario.target))));
  const axisMax = Math.max(0.001, ...rows.map((row) => measured(row.run?.latencyMs.p99) ?? 0));
  const ticks = niceTicks(0, axisMax, chartWidth < 420 ? 3 : 6);
  const x = (ms: number) => labelWidth + (ms / axisMax) * (chartWidth - labelWidth - RIGHT);
  const height = AXIS + rows.length * ROW + 4;

  return (
    <figure ref={ref} className={styles.chart} data-testid="percentile-chart">
      <svg viewBox={`0 0 ${chartWidth} ${height}`} width={chartWidth} height={height} role="img" aria-label={`${title}; the table below has the numbers.`}>
        {ticks.map((tick) => (
          <g key={tick} className="chart-tick">
            <line x1={x(tick)} x2={x(tick)} y1={AXIS - 6} y2={height - 2} />
            <text x={x(tick)} y={AXIS - 10} textAnchor="middle">
              {tick} ms
            </text>
          </g>
        ))}
        {rows.map(({ scenario, run }, i) => {
          const mid = AXIS + i * ROW + ROW / 2;
          const ours = scenario.target === 'modelwire';
          return (
            <g key={scenario.id}>
              <text x={labelWidth - 8} y={mid - 2} textAnchor="end" className="chart-label">
                {scenario.protocol ? protocolTitle(scenario.protocol) : targetTitle(scenario.target)}
              </text>
              <text x={labelWidth - 8} y={mid + 11} textAnchor="end" className={styles.rowSub}>
                {scenario.protocol ? targetTitle(scenario.target) : 'no protocol'}
              </text>
              {!run || measured(run.latencyMs.p99) === undefined ? (
                <text x={labelWidth + 4} y={mid + 4} className="chart-note">
                  {run ? 'no answers at this load' : 'not measured at this load'}
                </text>
              ) : (
                <>
                  <line x1={x(run.latencyMs.p50)} x2={x(run.latencyMs.p99)} y1={mid} y2={mid} className={ours ? styles.range : styles.rangeTheirs} />
                  <line x1={x(run.latencyMs.p95)} x2={x(run.latencyMs.p95)} y1={mid - 7} y2={mid + 7} className={styles.p95} />
                  <line x1={x(run.latencyMs.p99)} x2={x(run.latencyMs.p99)} y1={mid - 7} y2={mid + 7} className={styles.p99} />
                  <circle cx={x(run.latencyMs.p50)} cy={mid} r={5} className={ours ? styles.p50 : styles.p50Theirs} />
                </>
              )}
            </g>
          );
        })}
      </svg>
      <figcaption className={`${styles.legend} small`}>
        <span className={styles.keyOurs}>● p50 ModelWire</span>
        <span className={styles.keyTheirs}>○ p50 floor / in-process</span>
        <span className="legend-p95">| p95</span>
        <span className={styles.keyTarget}>| p99</span>
      </figcaption>
    </figure>
  );
}
