'use client';

import { useState } from 'react';
import { histogram, niceTicks, summarize, type LatencySummary } from '../lib/latency-stats';
import { formatMs } from './units';
import { useElementWidth } from './use-element-width';

export interface LatencySeries {
  id: string;
  title: string;
  /** Round-trip times in milliseconds. */
  samples: number[];
  /** Calls that got no answer or an error answer; not part of the samples. */
  errors: number;
}

const RIGHT = 18;
const ROW = 40;
const AXIS = 28;

/** Round-trip distributions of several lanes on one shared axis, as box plots or histograms, with p50 and p95 marked. */
export function LatencyChart({ series }: { series: LatencySeries[] }) {
  const [view, setView] = useState<'box' | 'histogram'>('box');
  // Drawn at the element's real width, so labels stay legible from a phone to a wide screen.
  const { ref, width } = useElementWidth<HTMLElement>(640);
  const chartWidth = Math.max(280, width);
  const rows = series.map((entry) => ({ ...entry, stats: summarize(entry.samples) })).filter((row) => row.stats || row.errors > 0);
  // Wide enough for the longest lane name ("in your browser") in the bold label font (~7.5 px a character), within a third.
  const longestTitle = Math.max(0, ...rows.map((row) => row.title.length));
  const labelWidth = Math.min(chartWidth / 3, Math.max(chartWidth < 480 ? 92 : 104, Math.ceil(longestTitle * 7.5) + 14));
  const measured = rows.flatMap((row) => (row.stats ? [row.stats] : []));
  if (rows.length === 0) return <figure ref={ref} className="latency-chart" hidden />;
  const largestP95 = Math.max(0, ...measured.map((stats) => stats.p95));
  const largest = Math.max(0, ...measured.map((stats) => stats.max));
  // One slow outlier (a cold start) would squash every box: past 2 × the largest p95 the axis is cut and the whisker says so.
  const axisMax = largest > largestP95 * 2 ? largestP95 * 2 : largest || 1;
  const ticks = niceTicks(0, axisMax, chartWidth < 480 ? 3 : 6);
  const x = (ms: number) => labelWidth + (Math.min(ms, axisMax) / axisMax) * (chartWidth - labelWidth - RIGHT);
  const height = AXIS + rows.length * ROW + 6;
  // About one bin per 20 px of axis: fine enough to show shape, coarse enough for 25 samples.
  const bins = Math.max(12, Math.min(60, Math.round((chartWidth - labelWidth - RIGHT) / 20)));

  return (
    <figure ref={ref} className="latency-chart">
      <div className="segmented" role="group" aria-label="Chart type">
        <button type="button" aria-pressed={view === 'box'} onClick={() => setView('box')}>
          Box plot
        </button>
        <button type="button" aria-pressed={view === 'histogram'} onClick={() => setView('histogram')}>
          Histogram
        </button>
      </div>
      <svg viewBox={`0 0 ${chartWidth} ${height}`} width={chartWidth} height={height} role="img" aria-label={`Round-trip time per protocol, ${view === 'box' ? 'box plots' : 'histograms'}; the table below has the numbers.`}>
        {ticks.map((tick) => (
          <g key={tick} className="chart-tick">
            <line x1={x(tick)} x2={x(tick)} y1={AXIS - 6} y2={height - 4} />
            <text x={x(tick)} y={AXIS - 10} textAnchor="middle">
              {tick} ms
            </text>
          </g>
        ))}
        {rows.map((row, i) => {
          const top = AXIS + i * ROW;
          return (
            <g key={row.id} data-testid={`chart-${row.id}`}>
              <text x={labelWidth - 8} y={top + ROW / 2 + 4} textAnchor="end" className="chart-label">
                {row.title}
              </text>
              {!row.stats ? (
                <text x={labelWidth + 4} y={top + ROW / 2 + 4} className="chart-note">
                  no successful calls
                </text>
              ) : view === 'box' ? (
                <BoxRow stats={row.stats} top={top} x={x} axisMax={axisMax} />
              ) : (
                <HistogramRow samples={row.samples} bins={bins} stats={row.stats} top={top} x={x} axisMax={axisMax} />
              )}
            </g>
          );
        })}
      </svg>
      <figcaption className="chart-legend small">
        <span className="legend-p50">▮ p50 (median)</span> <span className="legend-p95">┆ p95</span>{' '}
        {view === 'box' ? 'box: p25–p75, whiskers: min–max' : `${bins} bins over the shared axis`}
        {largest > axisMax ? ` · axis cut at ${formatMs(axisMax)}; slower calls are marked ▸` : ''}
      </figcaption>
    </figure>
  );
}

interface RowProps {
  stats: LatencySummary;
  top: number;
  x(ms: number): number;
  axisMax: number;
}

function BoxRow({ stats, top, x, axisMax }: RowProps) {
  const mid = top + ROW / 2;
  return (
    <g className="chart-box">
      <line x1={x(stats.min)} x2={x(stats.max)} y1={mid} y2={mid} className="whisker" />
      <rect x={x(stats.p25)} y={mid - 8} width={Math.max(1, x(stats.p75) - x(stats.p25))} height={16} className="box" />
      <Markers stats={stats} top={top} x={x} axisMax={axisMax} />
    </g>
  );
}

function HistogramRow({ samples, bins: binCount, stats, top, x, axisMax }: RowProps & { samples: number[]; bins: number }) {
  const bins = histogram(samples.map((ms) => Math.min(ms, axisMax)), binCount, { min: 0, max: axisMax });
  const tallest = Math.max(1, ...bins.map((bin) => bin.count));
  const bottom = top + ROW - 5;
  return (
    <g className="chart-histogram">
      {bins.map((bin) => {
        const barHeight = (bin.count / tallest) * (ROW - 10);
        return bin.count > 0 ? <rect key={bin.from} x={x(bin.from) + 0.5} y={bottom - barHeight} width={Math.max(1, x(bin.to) - x(bin.from) - 1)} height={barHeight} className="bin" /> : null;
      })}
      <Markers stats={stats} top={top} x={x} axisMax={axisMax} />
    </g>
  );
}

function Markers({ stats, top, x, axisMax }: RowProps) {
  return (
    <>
      <line x1={x(stats.p50)} x2={x(stats.p50)} y1={top + 5} y2={top + ROW - 5} className="p50" />
      <line x1={x(stats.p95)} x2={x(stats.p95)} y1={top + 3} y2={top + ROW - 3} className="p95" />
      {stats.max > axisMax ? (
        <text x={x(axisMax) + 2} y={top + ROW / 2 + 4} className="chart-note">
          ▸
        </text>
      ) : null}
    </>
  );
}
