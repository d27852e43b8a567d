import { formatMs } from './units';
import styles from './stream.module.css';

const WIDTH = 160;
const HEIGHT = 36;
const PAD = 3;

/** The recent latencies, oldest at the left, on an axis from 0 to the slowest, with the median as a dashed line. */
export function StreamSparkline({ latencies, p50 }: { latencies: readonly number[]; p50: number | undefined }) {
  if (latencies.length < 2 || p50 === undefined) return <div className={styles.sparklineEmpty} aria-hidden="true" />;
  const top = Math.max(...latencies) || 1;
  const x = (i: number) => PAD + (i / (latencies.length - 1)) * (WIDTH - 2 * PAD);
  const y = (ms: number) => HEIGHT - PAD - (ms / top) * (HEIGHT - 2 * PAD);
  const points = latencies.map((ms, i) => `${x(i).toFixed(1)},${y(ms).toFixed(1)}`).join(' ');
  const last = latencies.length - 1;
  return (
    <svg
      className={styles.sparkline}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      width={WIDTH}
      height={HEIGHT}
      role="img"
      aria-label={`Latency of the last ${latencies.length} updates: from ${formatMs(Math.min(...latencies))} to ${formatMs(top)}, median ${formatMs(p50)}`}
    >
      <line x1={PAD} x2={WIDTH - PAD} y1={y(p50)} y2={y(p50)} className={styles.sparkP50} />
      <polyline points={points} className={styles.sparkLine} />
      <circle cx={x(last)} cy={y(latencies[last]!)} r={2.5} className={styles.sparkDot} />
    </svg>
  );
}
