'use client';

import { niceTicks } from '../../lib/latency-stats';
import { useElementWidth } from '../use-element-width';
import styles from './bench.module.css';
import { measured, type ComparedLoad } from './bench-data';
import { formatRatio, formatRpsShort } from './bench-format';

interface ThroughputChartProps {
  /** Read out by screen readers, e.g. "REST: ModelWire against the floor". */
  title: string;
  loads: ComparedLoad[];
  /** What the ratio panel shows, e.g. "ModelWire ÷ floor". */
  ratioTitle: string;
  /** The ratio line's target, checked only at its concurrency. */
  target: { ratio: number; concurrency: number; meets(ratio: number): boolean };
}

const LEFT = 40;
const RIGHT = 10;
const BARS_TOP = 8;
const BARS_HEIGHT = 120;
const LOAD_AXIS = 18;
const RATIO_TOP = BARS_TOP + BARS_HEIGHT + LOAD_AXIS + 24;
const RATIO_HEIGHT = 56;
/** Room under the 0× line for the label of a ratio near zero, drawn below its dot. */
const HEIGHT = RATIO_TOP + RATIO_HEIGHT + 18;

/**
 * Requests per second of ModelWire (filled) and what it is measured against (hollow) at each concurrency, and below
 * them ModelWire's share of that throughput as a line, with the target's dashed line.
 */
export function ThroughputChart({ title, ratioTitle, loads, target }: ThroughputChartProps) {
  const { ref, width } = useElementWidth<HTMLElement>(320);
  const chartWidth = Math.max(260, width);
  const slot = (chartWidth - LEFT - RIGHT) / Math.max(1, loads.length);
  const barWidth = Math.min(26, slot * 0.32);
  const center = (i: number) => LEFT + slot * (i + 0.5);
  const columns = loads.map((load, i) => ({
    concurrency: load.concurrency,
    x: center(i),
    ours: measured(load.ours?.rps),
    theirs: measured(load.theirs?.rps),
    ratio: measured(load.ratio?.rpsRatio),
  }));
  const rpsMax = Math.max(1, ...columns.flatMap((column) => [column.ours ?? 0, column.theirs ?? 0]));
  const rpsTicks = niceTicks(0, rpsMax, 4);
  const rpsTop = Math.max(rpsMax, rpsTicks[rpsTicks.length - 1] ?? rpsMax);
  const barY = (rps: number) => BARS_TOP + BARS_HEIGHT - (rps / rpsTop) * BARS_HEIGHT;
  const bar = (rps: number | undefined, x: number, className: string | undefined) =>
    rps === undefined ? null : <rect x={x} y={barY(rps)} width={barWidth} height={BARS_TOP + BARS_HEIGHT - barY(rps)} className={className} />;
  const ratioTop = Math.max(1, target.ratio * 1.5, ...columns.map((column) => column.ratio ?? 0)) * 1.15;
  const ratioY = (ratio: number) => RATIO_TOP + RATIO_HEIGHT - (ratio / ratioTop) * RATIO_HEIGHT;
  const points = columns.flatMap((column) => (column.ratio === undefined ? [] : [`${column.x},${ratioY(column.ratio)}`]));
  const dotClass = (concurrency: number, ratio: number) =>
    concurrency !== target.concurrency ? styles.ratioDot : target.meets(ratio) ? styles.dotGood : styles.dotBad;

  return (
    <figure ref={ref} className={styles.chart}>
      <svg viewBox={`0 0 ${chartWidth} ${HEIGHT}`} width={chartWidth} height={HEIGHT} role="img" aria-label={`${title}: requests per second at each concurrency and their ratio; the table below has the numbers.`}>
        {rpsTicks.map((tick) => (
          <g key={tick} className="chart-tick">
            <line x1={LEFT - 4} x2={chartWidth - RIGHT} y1={barY(tick)} y2={barY(tick)} />
            <text x={LEFT - 6} y={barY(tick) + 4} textAnchor="end">
              {formatRpsShort(tick)}
            </text>
          </g>
        ))}
        {columns.map((column) => (
          <g key={column.concurrency}>
            {bar(column.ours, column.x - barWidth - 1, styles.barOurs)}
            {bar(column.theirs, column.x + 1, styles.barTheirs)}
            <text x={column.x} y={BARS_TOP + BARS_HEIGHT + 14} textAnchor="middle" className={styles.axisTitle}>
              c{column.concurrency}
            </text>
          </g>
        ))}
        <text x={LEFT - 6} y={BARS_TOP + BARS_HEIGHT + 14} textAnchor="end" className={styles.axisTitle}>
          rps
        </text>
        <text x={LEFT} y={RATIO_TOP - 10} className={styles.axisTitle}>
          {ratioTitle}, rps
        </text>
        {[0, 1].map((ratio) => (
          <g key={ratio} className="chart-tick">
            <line x1={LEFT - 4} x2={chartWidth - RIGHT} y1={ratioY(ratio)} y2={ratioY(ratio)} />
            <text x={LEFT - 6} y={ratioY(ratio) + 4} textAnchor="end">
              {ratio}×
            </text>
          </g>
        ))}
        <line x1={LEFT - 4} x2={chartWidth - RIGHT} y1={ratioY(target.ratio)} y2={ratioY(target.ratio)} className={styles.target} />
        <text x={LEFT - 6} y={ratioY(target.ratio) + 4} textAnchor="end" className={styles.value}>
          {target.ratio}×
        </text>
        {points.length > 1 ? <polyline points={points.join(' ')} className={styles.ratioLine} /> : null}
        {columns.map(({ concurrency, x, ratio }) =>
          ratio === undefined ? null : (
            <g key={concurrency}>
              <circle cx={x} cy={ratioY(ratio)} r={4} className={dotClass(concurrency, ratio)} />
              {/* Below the dot when under the target, so the label never sits on the dashed line. */}
              <text x={x} y={ratioY(ratio) + (ratio < target.ratio ? 16 : -8)} textAnchor="middle" className={styles.value}>
                {formatRatio(ratio)}
              </text>
            </g>
          ),
        )}
      </svg>
    </figure>
  );
}
