'use client';

import { niceTicks } from '../../lib/latency-stats';
import { useElementWidth } from '../use-element-width';
import styles from './bench.module.css';
import { measured } from './bench-data';
import { formatRatio } from './bench-format';

export interface RatioRow {
  id: string;
  title: string;
  /** Absent when the report has no such measurement. */
  ratio?: number;
}

interface RatioBarsProps {
  title: string;
  rows: RatioRow[];
  /** The line every bar is read against: a target, or 1× for "as fast as the ceiling". */
  reference: { ratio: number; title: string };
  /** Colours each bar by whether it meets the reference; without it every bar is neutral. */
  meets?(ratio: number): boolean;
  testId?: string;
}

const ROW = 28;
const AXIS = 24;
const RIGHT = 44;

/** Room for the longest row title in the charts' 13 px bold labels (at most about 9 px a character). */
export const labelWidthFor = (titles: string[]) => Math.min(150, Math.max(56, ...titles.map((title) => title.length * 9 + 14)));

/** One horizontal bar per row on a shared ×-axis from 0, with the reference drawn as a dashed line. */
export function RatioBars({ title, rows, reference, meets, testId }: RatioBarsProps) {
  const { ref, width } = useElementWidth<HTMLElement>(420);
  const chartWidth = Math.max(260, width);
  const labelWidth = labelWidthFor(rows.map((row) => row.title));
  const ratios = rows.flatMap((row) => (measured(row.ratio) === undefined ? [] : [row.ratio!]));
  const axisMax = Math.max(reference.ratio * 1.25, ...ratios.map((ratio) => ratio * 1.05));
  const ticks = niceTicks(0, axisMax, chartWidth < 400 ? 3 : 5);
  const x = (ratio: number) => labelWidth + (Math.max(0, ratio) / axisMax) * (chartWidth - labelWidth - RIGHT);
  const height = AXIS + rows.length * ROW + 4;
  const barClass = (ratio: number) => (!meets ? styles.barNeutral : meets(ratio) ? styles.barGood : styles.barBad);

  return (
    <figure ref={ref} className={styles.chart} data-testid={testId}>
      <svg viewBox={`0 0 ${chartWidth} ${height}`} width={chartWidth} height={height} role="img" aria-label={`${title}; ${reference.title}. The table below has the numbers.`}>
        {ticks.map((tick) => (
          <g key={tick} className="chart-tick">
            <line x1={x(tick)} x2={x(tick)} y1={AXIS - 6} y2={height - 2} />
            <text x={x(tick)} y={AXIS - 10} textAnchor="middle">
              {tick}×
            </text>
          </g>
        ))}
        {rows.map((row, i) => {
          const mid = AXIS + i * ROW + ROW / 2;
          const ratio = measured(row.ratio);
          return (
            <g key={row.id}>
              <text x={labelWidth - 6} y={mid + 4} textAnchor="end" className="chart-label">
                {row.title}
              </text>
              {ratio === undefined ? (
                <text x={labelWidth + 4} y={mid + 4} className="chart-note">
                  not measured
                </text>
              ) : (
                <>
                  <rect x={labelWidth} y={mid - 8} width={Math.max(1, x(ratio) - labelWidth)} height={16} className={barClass(ratio)} />
                  <text x={x(ratio) + 4} y={mid + 4} className={styles.value}>
                    {formatRatio(ratio)}
                  </text>
                </>
              )}
            </g>
          );
        })}
        <line x1={x(reference.ratio)} x2={x(reference.ratio)} y1={AXIS - 4} y2={height - 2} className={styles.target} />
      </svg>
      <figcaption className={`${styles.legend} small`}>
        <span>{title}</span>
        <span className={styles.keyTarget}>┆ {reference.title}</span>
      </figcaption>
    </figure>
  );
}
